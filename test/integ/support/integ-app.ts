import { ExpectedResult, IApiCall, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, AppProps, Aspects, RemovalPolicies, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureLambdaWriter, WriteAccessChecker } from '../../../src';
import { WriteEvent } from '../handlers/writer-handler';

/** What one integ app tests: a SecureLambdaWriter configuration and what its object must look like in S3. */
export interface WriterIntegSpec {
  /** PascalCase name of the configuration: stacks are `SlwInteg<name>` and `SlwInteg<name>Assertions`. */
  readonly name: string;
  /** Build the writer (and what it needs) in the stack under test. */
  readonly build: (stack: Stack) => SecureLambdaWriter;
  /** Upload the object in two parts instead of one PutObject. */
  readonly multipart?: boolean;
  /** Fields the HeadObject response must have (`ServerSideEncryption`, `SSEKMSKeyId`, `ETag`…). */
  readonly expectedHead: (writer: SecureLambdaWriter) => Record<string, unknown>;
  /** Tags the object must carry, checked with GetObjectTagging. */
  readonly expectedTags?: Record<string, string>;
}

export interface WriterIntegApp {
  readonly app: App;
  /** The checker added to the app: after `app.synth()`, its findings must all be ALLOW. */
  readonly checker: WriteAccessChecker;
  /** The stack under test. */
  readonly stack: Stack;
  /** The stack of the integ-tests-alpha assertions (custom resources that call the function and S3). */
  readonly assertionStack: Stack;
  readonly writer: SecureLambdaWriter;
  readonly integ: IntegTest;
  /** The event the assertions invoke the function with. */
  readonly event: WriteEvent;
  /** The full key the object lands at: the writer's prefix + the event's key. */
  readonly objectKey: string;
}

/** A new bucket that `cdk destroy` can delete although the test wrote to it. */
export const DESTROYABLE_BUCKET: s3.BucketProps = { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };

/** The body of every test object. */
export const OBJECT_BODY = 'written by a SecureLambdaWriter integ test';

/**
 * One integ app: the stack under test with the WriteAccessChecker on the whole app, and an IntegTest whose
 * assertions, once deployed, invoke the writer's function (a real PutObject or multipart upload through the AWS SDK)
 * and then read the object's metadata and tags back from S3.
 *
 * Everything is removed by `cdk destroy`: buckets empty themselves (`autoDeleteObjects`), keys are scheduled for
 * deletion, log groups go with the stack.
 */
export function writerIntegApp(spec: WriterIntegSpec, appProps: AppProps = {}): WriterIntegApp {
  // Strong references (Fn::ImportValue) said explicitly: the assertion stack reads the function, bucket and key.
  const app = new App({ ...appProps, context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong', ...appProps.context } });
  const checker = new WriteAccessChecker();
  Aspects.of(app).add(checker);

  const stack = new Stack(app, `SlwInteg${spec.name}`);
  const writer = spec.build(stack);
  RemovalPolicies.of(stack).destroy();

  const assertionStack = new Stack(app, `SlwInteg${spec.name}Assertions`);
  const integ = new IntegTest(app, `SlwInteg${spec.name}Test`, { testCases: [stack], assertionStack });

  const event: WriteEvent = { key: `integ/${spec.name}.txt`, body: OBJECT_BODY, multipart: spec.multipart ?? false };
  const objectKey = `${writer.keyPrefix}${event.key}`;
  const object = { Bucket: writer.bucket.bucketName, Key: objectKey };

  // The function returns the key it wrote; an AccessDenied would come back as an error payload instead.
  const invoke = integ.assertions.invokeFunction({ functionName: writer.function.functionName, payload: JSON.stringify(event) });
  invoke.expect(ExpectedResult.objectLike({ StatusCode: 200, Payload: JSON.stringify(objectKey) }));

  const head = integ.assertions.awsApiCall('S3', 'headObject', object);
  // integ-tests-alpha derives `s3:HeadObject` from the API name; the IAM action for HEAD is s3:GetObject.
  head.provider.addToRolePolicy({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [writer.bucket.arnForObjects(objectKey)] });
  head.expect(ExpectedResult.objectLike(spec.expectedHead(writer)));
  let last: IApiCall = invoke.next(head);

  // One call per tag: the order of GetObjectTagging's TagSet is not documented, and arrayWith matches in order.
  for (const [Key, Value] of Object.entries(spec.expectedTags ?? {})) {
    const tags = integ.assertions.awsApiCall('S3', 'getObjectTagging', object);
    tags.expect(ExpectedResult.objectLike({ TagSet: Match.arrayWith([{ Key, Value }]) }));
    last = last.next(tags);
  }
  return { app, checker, stack, assertionStack, writer, integ, event, objectKey };
}
