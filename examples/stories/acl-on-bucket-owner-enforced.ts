import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CannedAcl, WriteAccessChecker } from '../../src';
import { StoryProps, writerFunction } from './story';

/**
 * "Checking bucket permissions … and the bucket's ACL": since April 2023 new buckets disable ACLs
 * (BucketOwnerEnforced). Code that still sends `ACL: 'public-read'` fails with AccessControlListNotSupported,
 * whatever the IAM policies say. The fix: stop sending the ACL (or send bucket-owner-full-control).
 */
export class BucketOwnerEnforcedAclStack extends Stack {
  constructor(scope: Construct, id: string, props: StoryProps) {
    super(scope, id, props);
    const bucket = new s3.Bucket(this, 'Reports', { enforceSSL: true });
    const fn = writerFunction(this, 'Publish');
    bucket.grantPut(fn, 'reports/*');
    bucket.grantPutAcl(fn, 'reports/*');
    WriteAccessChecker.expectWrite(fn, bucket, {
      keyPrefix: 'reports/',
      request: props.fixed ? {} : { acl: CannedAcl.PUBLIC_READ },
    });
  }
}
