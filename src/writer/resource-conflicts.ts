import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { aclRefusal, aclRelevantSettings, bucketTags } from './bucket-settings';
import { appResource } from './ownership';
import { SecureLambdaWriterProps } from './props';

/** A prop that contradicts a setting of the bucket or role, with the fix. */
export interface ResourceConflict {
  readonly prop: string;
  readonly problem: string;
  readonly fix: string;
}

/**
 * Conflicts between the props and the bucket's or role's own settings. Run at construction (what is known then)
 * and again from `node.addValidation` on the final tree, where tags added by `Tags.of()` aspects have arrived.
 */
export function resourceConflicts(bucket: s3.IBucket, role: iam.IRole, props: SecureLambdaWriterProps): ResourceConflict[] {
  const cfnBucket = appResource(bucket, 'AWS::S3::Bucket') as s3.CfnBucket | undefined;
  const cfnRole = appResource(role, 'AWS::IAM::Role') as iam.CfnRole | undefined;
  return [
    ...(cfnBucket ? bucketConflicts(cfnBucket, bucket.node.path, props) : []),
    ...(cfnRole ? roleTagConflicts(cfnRole, props) : []),
  ];
}

function bucketConflicts(cfnBucket: s3.CfnBucket, path: string, props: SecureLambdaWriterProps): ResourceConflict[] {
  const conflicts: ResourceConflict[] = [];
  const refusal = props.acl ? aclRefusal(props.acl, aclRelevantSettings(cfnBucket)) : undefined;
  if (refusal) {
    conflicts.push({
      prop: 'acl',
      problem: refusal,
      fix: 'remove acl (with ACLs disabled the bucket owner already owns every object), or use BUCKET_OWNER_FULL_CONTROL.',
    });
  }
  if ((props.objectLockMode || props.objectLockLegalHold) && Stack.of(cfnBucket).resolve(cfnBucket.objectLockEnabled) !== true) {
    conflicts.push({
      prop: props.objectLockMode ? 'objectLockMode' : 'objectLockLegalHold',
      problem: `the bucket ${path} does not have Object Lock enabled, so S3 rejects Object Lock headers.`,
      fix: 'use a bucket with objectLockEnabled: true (Object Lock can only be set when the bucket is created), or drop the option.',
    });
  }
  const onBucket = bucketTags(cfnBucket);
  for (const [k, v] of Object.entries(props.objectTags ?? {})) {
    // Own tags only: a tag named `constructor` would otherwise meet Object.prototype.constructor.
    if (Object.hasOwn(onBucket, k) && onBucket[k] !== v) {
      conflicts.push({
        prop: 'objectTags',
        problem: `objectTags.${k} = '${v}' conflicts with the bucket's tag ${k} = '${onBucket[k]}'.`,
        fix: `use the bucket's value '${onBucket[k]}' for objectTags.${k}, or change the bucket's tag.`,
      });
    }
  }
  return conflicts;
}

/** ABAC: the role's tag must still equal the object tag it is matched against, whatever `Tags.of()` did later. */
function roleTagConflicts(cfnRole: iam.CfnRole, props: SecureLambdaWriterProps): ResourceConflict[] {
  const objectTags = props.objectTags ?? {};
  const onRole = cfnRole.tags.tagValues();
  return (props.principalTagKeys ?? [])
    .filter((k) => Object.hasOwn(onRole, k) && onRole[k] !== objectTags[k])
    .map((k) => ({
      prop: 'principalTagKeys',
      problem: `the role's tag ${k} is '${onRole[k]}' but objectTags.${k} is '${objectTags[k]}'; writes matching \${aws:PrincipalTag/${k}} would be denied.`,
      fix: `remove the other Tags.of(...).add('${k}', ...) that reaches the role, or make it '${objectTags[k]}'.`,
    }));
}
