import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { StoryProps, writerFunction } from './story';

/**
 * "Incorrect IAM role configuration", the KMS variant: the role may call kms:GenerateDataKey, but the key's
 * hand-written policy neither names the role nor delegates to the account's IAM policies, so S3 cannot
 * encrypt the object with the writer's credentials. The fix: a key policy that delegates to the account.
 */
export class KeyPolicyForgetsRoleStack extends Stack {
  constructor(scope: Construct, id: string, props: StoryProps) {
    super(scope, id, props);
    const admin = new iam.ArnPrincipal(`arn:aws:iam::${this.account}:role/KeyAdministrators`);
    const statements = [
      new iam.PolicyStatement({
        sid: 'KeyAdministration',
        principals: [admin],
        actions: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*',
          'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'],
        resources: ['*'],
      }),
    ];
    if (props.fixed) {
      statements.push(new iam.PolicyStatement({
        sid: 'EnableIamPolicies',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:*'],
        resources: ['*'],
      }));
    }
    const key = new kms.Key(this, 'UploadsKey', {
      enableKeyRotation: true,
      policy: new iam.PolicyDocument({ statements }),
    });
    const bucket = new s3.Bucket(this, 'Uploads', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      enforceSSL: true,
    });
    const fn = writerFunction(this, 'Ingest');
    bucket.grantPut(fn, 'incoming/*');
  }
}
