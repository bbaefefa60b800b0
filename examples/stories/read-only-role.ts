import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { WriteAccessChecker } from '../../src';
import { StoryProps, writerFunction } from './story';

/**
 * "Incorrect IAM role configuration": the guide's own example, a role that can only read the bucket. The
 * function is declared to write, so the checker says no identity policy allows s3:PutObject. The fix: grant
 * the write, scoped to the prefix.
 */
export class ReadOnlyRoleStack extends Stack {
  constructor(scope: Construct, id: string, props: StoryProps) {
    super(scope, id, props);
    const bucket = new s3.Bucket(this, 'Results', { enforceSSL: true });
    const fn = writerFunction(this, 'Process');
    if (props.fixed) bucket.grantPut(fn, 'results/*');
    else bucket.grantRead(fn);
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'results/' });
  }
}
