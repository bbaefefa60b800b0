import { Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { SecureLambdaWriter } from '../../src';

/** The construct that makes all of the above impossible: one line, and the checker agrees it works. */
export class SecureWriterStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new SecureLambdaWriter(this, 'Ingest', {
      functionProps: {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => {};'),
      },
      bucketProps: {},
      keyPrefix: 'incoming/',
    });
  }
}
