import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { WriterPropError } from './errors';
import { differentAccounts, Ownership } from './ownership';
import { SecureLambdaWriterProps } from './props';

/** The options that add bucket-policy statements naming the writer's role. */
const BUCKET_POLICY_OPTIONS = ['enforceEncryptionHeader', 'restrictPrefixToThisWriter', 'vpcEndpoint', 'principalTagKeys'] as const;

/**
 * A bucket of the app in another stack: its policy cannot name the writer's role without a two-way stack reference,
 * and in another account the identity policy alone cannot allow the write.
 */
export function checkBucketPlacement(writer: IConstruct, bucket: s3.IBucket, ownership: Ownership, props: SecureLambdaWriterProps): void {
  if (ownership !== 'otherStack') return;
  const bucketStack = Stack.of(bucket);
  const writerAccount = Stack.of(writer).account;
  if (differentAccounts(bucketStack.account, writerAccount)) {
    throw new WriterPropError(writer, 'bucket',
      `${bucket.node.path} is in account ${bucketStack.account}, the writer in ${writerAccount}: a cross-account write ` +
      'needs the bucket policy to allow the role, which the writer cannot add from another stack.',
      'import the bucket with s3.Bucket.fromBucketAttributes({ bucketName, account }) so the writer reports the statements its owner must add.');
  }
  const needsPolicy = BUCKET_POLICY_OPTIONS.filter((p) => {
    const v = props[p];
    return Array.isArray(v) ? v.length > 0 : !!v;
  });
  if (needsPolicy.length > 0) {
    throw new WriterPropError(writer, needsPolicy.join('/'),
      `these options add bucket-policy statements, but ${bucket.node.path} is in stack ${bucketStack.stackName}: naming the ` +
      'writer\'s role there would make the two stacks reference each other.',
      'create the SecureLambdaWriter in the bucket\'s stack, or drop these options.');
  }
}

/** A VPC-endpoint deny on a function outside any VPC would block every write: aws:SourceVpce is never present. */
export function checkVpcEndpoint(writer: IConstruct, fn: lambda.IFunction, props: SecureLambdaWriterProps): void {
  if (props.vpcEndpoint && !fn.isBoundToVpc) {
    throw new WriterPropError(writer, 'vpcEndpoint',
      'the function is not in a VPC, so its requests never carry aws:SourceVpce and the endpoint deny would block every write.',
      'put the function in the VPC of that endpoint (functionProps.vpc), or remove vpcEndpoint.');
  }
}
