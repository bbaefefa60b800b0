import * as fs from 'fs';
import * as path from 'path';
import { removeTempDirs, tempDir, writeJson } from './support/fixtures';
import { parseArgs } from '../../src/cli/args';
import { environmentFromOptions } from '../../src/cli/environment';
import { CliInputError } from '../../src/cli/errors';
import { readBlockPublicAccessFile, readPolicyFile, readPolicyLevelFile } from '../../src/cli/policy-file';

afterAll(removeTempDirs);

const DENY_UNENCRYPTED = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyUnencrypted', Effect: 'Deny', Action: 's3:PutObject', Resource: '*', Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } } }],
};
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

function file(name: string, content: unknown): string {
  const f = path.join(tempDir(), name);
  if (typeof content === 'string') fs.writeFileSync(f, content);
  else writeJson(f, content);
  return f;
}

function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CliInputError) return e.message;
    throw e;
  }
  throw new Error('expected a CliInputError');
}

describe('policy files', () => {
  test('a plain policy document is read as is', () => {
    expect(readPolicyFile(file('p.json', DENY_UNENCRYPTED), '--bucket-policy')).toEqual(DENY_UNENCRYPTED);
  });

  test('`aws s3api get-bucket-policy` / `aws kms get-key-policy` output is unwrapped', () => {
    const cliOutput = { Policy: JSON.stringify(DENY_UNENCRYPTED) };
    expect(readPolicyFile(file('p.json', cliOutput), '--bucket-policy')).toEqual(DENY_UNENCRYPTED);
  });

  test('`aws iam get-policy-version` output is unwrapped, URL-encoded or not', () => {
    expect(readPolicyFile(file('a.json', { PolicyVersion: { Document: ALLOW_ALL } }), '--managed-policy')).toEqual(ALLOW_ALL);
    const encoded = { PolicyVersion: { Document: encodeURIComponent(JSON.stringify(ALLOW_ALL)) } };
    expect(readPolicyFile(file('b.json', encoded), '--managed-policy')).toEqual(ALLOW_ALL);
  });

  test('a policy string inside CLI output that is not JSON is an input error', () => {
    expect(inputError(() => readPolicyFile(file('p.json', { Policy: '{oops' }), '--key-policy')))
      .toMatch(/\(--key-policy\): the policy inside is not valid JSON/);
  });

  test('a file that is not JSON, or not an object, is an input error naming the flag', () => {
    const broken = file('broken.json', '{"Statement": [');
    expect(inputError(() => readPolicyFile(broken, '--bucket-policy')))
      .toMatch(new RegExp(`^${broken.replace(/[.\\]/g, '\\$&')} is not valid JSON \\(the policy given with --bucket-policy: `));
    expect(inputError(() => readPolicyFile(file('n.json', 42), '--bucket-policy'))).toMatch(/expected a policy document/);
    expect(inputError(() => readPolicyFile(path.join(tempDir(), 'missing.json'), '--key-policy')))
      .toMatch(/missing.json not found \(the policy given with --key-policy\)/);
  });

  test('a malformed policy object is passed on: judging it is the analysis\'s job', () => {
    expect(readPolicyFile(file('p.json', { Statement: 'nonsense' }), '--bucket-policy')).toEqual({ Statement: 'nonsense' });
  });

  test('an SCP level file holds one policy or an array; each is named after the file', () => {
    const single = file('root.json', ALLOW_ALL);
    expect(readPolicyLevelFile(single, '--scp')).toEqual([{ name: single, document: ALLOW_ALL }]);
    const several = file('ou.json', [ALLOW_ALL, DENY_UNENCRYPTED]);
    expect(readPolicyLevelFile(several, '--scp')).toEqual([
      { name: `${several} #0`, document: ALLOW_ALL },
      { name: `${several} #1`, document: DENY_UNENCRYPTED },
    ]);
  });

  test('`aws organizations describe-policy` output is unwrapped and named after the policy', () => {
    const described = file('scp.json', { Policy: { PolicySummary: { Name: 'RequireSSE' }, Content: JSON.stringify(DENY_UNENCRYPTED) } });
    expect(readPolicyLevelFile(described, '--scp')).toEqual([{ name: `${described} (RequireSSE)`, document: DENY_UNENCRYPTED }]);
  });

  test('an SCP file with a non-object entry is an input error', () => {
    expect(inputError(() => readPolicyLevelFile(file('x.json', [ALLOW_ALL, 'x']), '--rcp')))
      .toMatch(/\(--rcp\): expected a policy document or an array of them/);
  });
});

describe('Block Public Access files', () => {
  test('the API spelling, the CLI output and the CDK spelling all read the same', () => {
    const expected = { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: true };
    const api = { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    expect(readBlockPublicAccessFile(file('a.json', api), '--account-bpa')).toEqual(expected);
    expect(readBlockPublicAccessFile(file('b.json', { PublicAccessBlockConfiguration: api }), '--account-bpa')).toEqual(expected);
    expect(readBlockPublicAccessFile(file('c.json', expected), '--account-bpa')).toEqual(expected);
  });

  test('an unknown setting or a non-boolean value is an input error (a typo must not silently mean false)', () => {
    expect(inputError(() => readBlockPublicAccessFile(file('a.json', { BlockPublicAcl: true }), '--account-bpa')))
      .toMatch(/unknown setting "BlockPublicAcl"; expected BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets/);
    expect(inputError(() => readBlockPublicAccessFile(file('b.json', { BlockPublicAcls: 'true' }), '--account-bpa')))
      .toMatch(/"BlockPublicAcls" must be true or false/);
    expect(inputError(() => readBlockPublicAccessFile(file('c.json', [true]), '--account-bpa'))).toMatch(/expected an object/);
  });
});

describe('environmentFromOptions', () => {
  function optionsFor(...argv: string[]) {
    const parsed = parseArgs(['check', ...argv]);
    if (parsed.kind !== 'check') throw new Error('expected check');
    return parsed.options;
  }

  test('with no options every field is left undefined, so the analysis states its assumptions', () => {
    expect(environmentFromOptions(optionsFor())).toEqual({
      serviceControlPolicies: undefined,
      resourceControlPolicies: undefined,
      organizationId: undefined,
      externalBucketPolicies: undefined,
      externalBucketAccounts: undefined,
      externalKeyPolicies: undefined,
      externalManagedPolicies: undefined,
      accountBlockPublicAccess: undefined,
      defaultAccount: undefined,
      strict: false,
    });
  });

  test('every option lands in its field', () => {
    const root = file('root.json', ALLOW_ALL);
    const ou = file('ou.json', [ALLOW_ALL, DENY_UNENCRYPTED]);
    const rcp = file('rcp.json', DENY_UNENCRYPTED);
    const bucketPolicy = file('bp.json', { Policy: JSON.stringify(DENY_UNENCRYPTED) });
    const keyPolicy = file('kp.json', ALLOW_ALL);
    const boundary = file('mp.json', ALLOW_ALL);
    const bpa = file('bpa.json', { BlockPublicAcls: true });
    const keyArn = 'arn:aws:kms:eu-west-1:222222222222:key/1234';
    const boundaryArn = 'arn:aws:iam::111111111111:policy/boundary';
    const environment = environmentFromOptions(optionsFor(
      '--scp', root, '--scp', ou, '--rcp', rcp, '--org-id', 'o-abcdefghij',
      '--bucket-policy', `their-bucket=${bucketPolicy}`, '--bucket-account', 'their-bucket=222222222222',
      '--requester-pays', 'their-bucket',
      '--key-policy', `${keyArn}=${keyPolicy}`, '--managed-policy', `${boundaryArn}=${boundary}`,
      '--account-bpa', `111111111111=${bpa}`, '--default-account', '111111111111', '--strict'));
    expect(environment.serviceControlPolicies).toEqual([
      [{ name: root, document: ALLOW_ALL }],
      [{ name: `${ou} #0`, document: ALLOW_ALL }, { name: `${ou} #1`, document: DENY_UNENCRYPTED }],
    ]);
    expect(environment.resourceControlPolicies).toEqual([[{ name: rcp, document: DENY_UNENCRYPTED }]]);
    expect(environment.organizationId).toBe('o-abcdefghij');
    expect(environment.externalBucketPolicies).toEqual({ 'their-bucket': DENY_UNENCRYPTED });
    expect(environment.externalBucketAccounts).toEqual({ 'their-bucket': '222222222222' });
    expect(environment.requesterPaysBuckets).toEqual({ 'their-bucket': true });
    expect(environment.externalKeyPolicies).toEqual({ [keyArn]: ALLOW_ALL });
    expect(environment.externalManagedPolicies).toEqual({ [boundaryArn]: ALLOW_ALL });
    expect(environment.accountBlockPublicAccess).toEqual({ 111111111111: { blockPublicAcls: true } });
    expect(environment.defaultAccount).toBe('111111111111');
    expect(environment.strict).toBe(true);
  });
});
