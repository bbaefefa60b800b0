import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnElement } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { WriteIntentSource, WriteVerdict } from '../../src';
import { MIN_PART_BYTES } from './handlers/writer-handler';
import { INTEG_APPS } from './support/apps';
import { fakeS3Sdk, loadInlineHandler, SentCommand } from './support/fake-s3-sdk';
import { describeIntrinsic, renderImports } from './support/imports';
import { OBJECT_BODY, WriterIntegApp } from './support/integ-app';
import { writerHandlerBundle } from './support/writer-code';
import { buildPutObjectInput } from '../../src/runtime/put-object-input';

// Each integ app synthesized in-process, as `cdk synth` would (no credentials): the checker must find the writer's
// write ALLOWed, and the assertion stack must make the calls that, once deployed, prove the object landed.

interface Synthesized {
  readonly built: WriterIntegApp;
  readonly outdir: string;
  /** Templates as written to the cloud assembly. */
  readonly underTest: any;
  readonly assertions: any;
}

/** What HeadObject must return for each configuration, given the logical ID of the app's only KMS key. */
const EXPECTED_HEAD: Record<string, (kmsKey: () => string) => Record<string, unknown>> = {
  's3-managed': () => ({ ServerSideEncryption: 'AES256' }),
  'kms-new-key': (kmsKey) => ({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: `{{GetAtt:${kmsKey()}.Arn}}`, BucketKeyEnabled: true }),
  'kms-bucket-key-off': (kmsKey) => ({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: `{{GetAtt:${kmsKey()}.Arn}}` }),
  'tags-abac': () => ({ ServerSideEncryption: 'AES256' }),
  'multipart': (kmsKey) => ({
    ServerSideEncryption: 'aws:kms',
    SSEKMSKeyId: `{{GetAtt:${kmsKey()}.Arn}}`,
    ContentLength: 5 * 1024 * 1024 + OBJECT_BODY.length,
    ETag: { $StringLike: '-2"$' },
  }),
  'existing-bucket': (kmsKey) => ({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: `{{GetAtt:${kmsKey()}.Arn}}` }),
  'existing-function': () => ({ ServerSideEncryption: 'AES256' }),
  'vpc-endpoint': () => ({ ServerSideEncryption: 'AES256' }),
};

/** Tags the object must carry (GetObjectTagging assertions). */
const EXPECTED_TAGS: Record<string, Record<string, string>> = {
  'tags-abac': { team: 'blue', classification: 'internal' },
};

const synthesized: Record<string, Synthesized> = {};

beforeAll(() => {
  for (const [name, build] of Object.entries(INTEG_APPS)) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `slw-integ-${name}-`));
    // The CDK's own CloudFormation validation loads a WASM engine per app; the e2e tests cover it.
    const built = build({ outdir, builtinCloudFormationValidation: false });
    const assembly = built.app.synth();
    synthesized[name] = {
      built,
      outdir,
      underTest: assembly.getStackByName(built.stack.stackName).template,
      assertions: assembly.getStackByName(built.assertionStack.stackName).template,
    };
  }
}, 60_000);

afterAll(() => {
  for (const s of Object.values(synthesized)) fs.rmSync(s.outdir, { recursive: true, force: true });
});

test('there is an integ app for every configuration this file knows, and a file for every app', () => {
  expect(Object.keys(INTEG_APPS).sort()).toEqual(Object.keys(EXPECTED_HEAD).sort());
  for (const name of Object.keys(INTEG_APPS)) expect(fs.existsSync(path.join(__dirname, `integ.${name}.ts`))).toBe(true);
});

describe.each(Object.keys(INTEG_APPS))('integ.%s', (name) => {
  const app = () => synthesized[name];
  const logicalId = (c: IConstruct) => app().built.stack.getLogicalId(c.node.defaultChild as CfnElement);
  const resourcesOfType = (template: any, type: string) =>
    Object.entries<any>(template.Resources).filter(([, r]) => r.Type === type);
  const onlyKmsKey = () => {
    const keys = resourcesOfType(app().underTest, 'AWS::KMS::Key');
    if (keys.length !== 1) throw new Error(`expected one KMS key in ${name}, found ${keys.length}`);
    return keys[0][0];
  };
  const expectedHead = () => EXPECTED_HEAD[name](onlyKmsKey);
  const rendered = (resource: any) => renderImports(resource.Properties, app().underTest);
  const writerFunction = () => app().underTest.Resources[logicalId(app().built.writer.function)];

  test('synth: the WriteAccessChecker finds the writer ALLOWed, and no finding is DENY, CONDITIONAL or UNKNOWN', () => {
    const { writer, checker } = app().built;
    expect(checker.findings).toEqual([expect.objectContaining({
      function: writer.function.node.path,
      bucket: writer.bucket.node.path,
      keyPattern: `${writer.keyPrefix}*`,
      intent: WriteIntentSource.CONSTRUCT,
      verdict: WriteVerdict.ALLOW,
      causes: [],
    })]);
    const report = JSON.parse(fs.readFileSync(path.join(app().outdir, 'write-access-report.json'), 'utf-8'));
    expect(report.findings.map((f: any) => [f.function, f.verdict])).toEqual([[writer.function.node.path, 'ALLOW']]);
  });

  test('the function runs the handler bundled with the runtime helper, on a Node.js runtime that has the AWS SDK v3', () => {
    const { Code, Handler, Runtime } = writerFunction().Properties;
    expect(Code).toEqual({ ZipFile: writerHandlerBundle().code });
    expect(Handler).toBe('index.handler');
    // The SDK v3 is in the Node.js runtimes from nodejs18.x on.
    expect(Number(/^nodejs(\d+)\.x$/.exec(Runtime)?.[1])).toBeGreaterThanOrEqual(18);
  });

  test('run with the function\'s environment, the code sends exactly the input buildPutObjectInput builds', async () => {
    const { event, objectKey } = app().built;
    const variables: Record<string, unknown> = writerFunction().Properties.Environment.Variables;
    const env = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : describeIntrinsic(v)]));
    const sent: SentCommand[] = [];
    const handler = loadInlineHandler(writerHandlerBundle().code, fakeS3Sdk(sent), env);

    await expect(handler(event)).resolves.toBe(objectKey);

    const input = buildPutObjectInput(event.key, { environment: env });
    expect(input.Key).toBe(objectKey);
    if (event.multipart) {
      expect(sent.map((c) => c.name)).toEqual(['CreateMultipartUpload', 'UploadPart', 'UploadPart', 'CompleteMultipartUpload']);
      expect(sent[0].input).toEqual(input);
      expect(sent.slice(1, 3).map((c) => c.input.Body.length)).toEqual([MIN_PART_BYTES, OBJECT_BODY.length]);
    } else {
      expect(sent).toEqual([{ name: 'PutObject', input: { ...input, Body: OBJECT_BODY } }]);
    }
    const tags = EXPECTED_TAGS[name];
    if (tags) expect(Object.fromEntries(new URLSearchParams(sent[0].input.Tagging))).toEqual(tags);
    // What the code sends is what the assertion will find on the object.
    const head = expectedHead();
    expect(sent[0].input.ServerSideEncryption).toBe(head.ServerSideEncryption);
    expect(sent[0].input.SSEKMSKeyId).toBe(head.SSEKMSKeyId);
  });

  test('the assertion stack invokes the writer\'s function with the test event and expects the object key back', () => {
    const invokes = resourcesOfType(app().assertions, 'Custom::DeployAssert@SdkCallLambdainvoke');
    expect(invokes).toHaveLength(1);
    const props = rendered(invokes[0][1]);
    expect(props).toMatchObject({ service: 'Lambda', api: 'invoke' });
    expect(props.parameters).toEqual({
      FunctionName: JSON.stringify(`{{Ref:${logicalId(app().built.writer.function)}}}`),
      Payload: JSON.stringify(JSON.stringify(app().built.event)),
    });
    expect(JSON.parse(props.expected)).toEqual({ $ObjectLike: { StatusCode: 200, Payload: JSON.stringify(app().built.objectKey) } });
  });

  test('then HeadObject on that object expects the encryption of this configuration', () => {
    const [invokeId] = resourcesOfType(app().assertions, 'Custom::DeployAssert@SdkCallLambdainvoke')[0];
    const heads = resourcesOfType(app().assertions, 'Custom::DeployAssert@SdkCallS3headObject');
    expect(heads).toHaveLength(1);
    const [, head] = heads[0];
    expect(head.DependsOn).toContain(invokeId);
    const props = rendered(head);
    expect(props.parameters).toEqual({
      Bucket: JSON.stringify(`{{Ref:${logicalId(app().built.writer.bucket)}}}`),
      Key: JSON.stringify(app().built.objectKey),
    });
    expect(JSON.parse(props.expected)).toEqual({ $ObjectLike: expectedHead() });
  });

  test('the assertion provider may read that object only (HEAD is authorized as s3:GetObject)', () => {
    const roles = resourcesOfType(app().assertions, 'AWS::IAM::Role');
    expect(roles).toHaveLength(1);
    const statements = rendered(roles[0][1]).Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    const bucketArn = `{{GetAtt:${logicalId(app().built.writer.bucket)}.Arn}}`;
    expect(statements.filter((s: any) => ([] as string[]).concat(s.Action).includes('s3:GetObject'))).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`${bucketArn}/${app().built.objectKey}`] },
    ]);
  });

  test('GetObjectTagging checks each required tag, after HeadObject', () => {
    const [headId] = resourcesOfType(app().assertions, 'Custom::DeployAssert@SdkCallS3headObject')[0];
    const calls = resourcesOfType(app().assertions, 'Custom::DeployAssert@SdkCallS3getObjectTagging');
    const checked = calls.map(([, r]) => JSON.parse(rendered(r).expected).$ObjectLike.TagSet.$ArrayWith);
    const expected = Object.entries(EXPECTED_TAGS[name] ?? {}).map(([Key, Value]) => [{ Key, Value }]);
    expect(checked).toEqual(expected);
    // A chain: the first tag check waits for HeadObject, each next one for the previous.
    const chain = [headId, ...calls.map(([id]) => id)];
    calls.forEach(([, r], i) => expect(r.DependsOn).toContain(chain[i]));
  });

  test('every assertion reports its result in a stack output, which is what a deploy shows', () => {
    const calls = Object.entries<any>(app().assertions.Resources).filter(([, r]) => r.Type.startsWith('Custom::DeployAssert@SdkCall'));
    const outputs = Object.values<any>(app().assertions.Outputs ?? {});
    expect(outputs.map((o) => o.Value).sort((a, b) => a['Fn::GetAtt'][0].localeCompare(b['Fn::GetAtt'][0])))
      .toEqual(calls.map(([id]) => ({ 'Fn::GetAtt': [id, 'assertion'] })).sort((a, b) => a['Fn::GetAtt'][0].localeCompare(b['Fn::GetAtt'][0])));
  });

  test('cdk destroy removes what the test created: nothing is retained, and every bucket empties itself', () => {
    const resources = Object.entries<any>(app().underTest.Resources);
    expect(resources.filter(([, r]) => r.DeletionPolicy !== undefined && r.DeletionPolicy !== 'Delete').map(([id]) => id)).toEqual([]);
    const buckets = resourcesOfType(app().underTest, 'AWS::S3::Bucket').map(([id]) => id).sort();
    const emptied = resourcesOfType(app().underTest, 'Custom::S3AutoDeleteObjects').map(([, r]) => r.Properties.BucketName.Ref).sort();
    expect(buckets.length).toBeGreaterThan(0);
    expect(emptied).toEqual(buckets);
  });

  test('the integ manifest names the stack under test and the assertion stack', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(app().outdir, 'integ.json'), 'utf-8'));
    expect(Object.values(manifest.testCases)).toEqual([expect.objectContaining({
      stacks: [app().built.stack.stackName],
      assertionStack: app().built.assertionStack.stackName,
    })]);
  });
});
