import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { bundleInline, InlineBundle } from './inline-bundle';

const HANDLER_SOURCE = path.join(__dirname, '..', 'handlers', 'writer-handler.ts');

/**
 * The integ function's code: handlers/writer-handler.ts with the runtime helper (`src/runtime`) bundled in, and the
 * AWS SDK v3 the Lambda Node.js runtime provides.
 */
export function writerHandlerBundle(): InlineBundle {
  // Once per process: every integ function runs the same code.
  bundle ??= bundleInline(HANDLER_SOURCE, (loadEntry) =>
    `exports.handler = ${loadEntry}.createHandler(require("@aws-sdk/client-s3"));`);
  return bundle;
}

let bundle: InlineBundle | undefined;

/** Runtime, handler and inline code of every integ function. NODEJS_24_X: the latest, which cdk-nag's L1 accepts. */
export function writerFunctionProps(extra: Partial<lambda.FunctionProps> = {}): lambda.FunctionProps {
  return {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(writerHandlerBundle().code),
    // The multipart write holds a 5 MiB part in memory; a cold start in a VPC plus two parts outlasts the 3 s default.
    memorySize: 256,
    timeout: Duration.seconds(30),
    ...extra,
  };
}
