import { StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface StoryProps extends StackProps {
  /** Build the fixed twin instead of the broken stack. */
  readonly fixed: boolean;
}

/** A small Node.js function whose code writes to a bucket (the code is never run by the demo). */
export function writerFunction(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(
      "const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');\n" +
      'exports.handler = async (event) => new S3Client({}).send(new PutObjectCommand(event.putObjectInput));',
    ),
  });
}
