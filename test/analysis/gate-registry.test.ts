import * as fs from 'fs';
import * as path from 'path';
import * as iam from 'aws-cdk-lib/aws-iam';
import { app, bucket, declared, fn, identityPolicy, Json, objects, stack, statement } from './support/app';
import { buildAssemblyIndex } from '../../src/analysis/cfn/assembly-index';
import { decideIntent } from '../../src/analysis/decide/decide-intent';
import { GATES } from '../../src/analysis/decide/gates';
import { IntentContext } from '../../src/analysis/decide/intent-context';
import { Gate, impliedActions } from '../../src/analysis/gates';
import { AnalysisEnvironment } from '../../src/analysis/input';
import { collectIntents } from '../../src/analysis/intents';
import { buildModel } from '../../src/analysis/model/build-model';
import { Finding } from '../../src/analysis/report';
import { FEATURE_ACTIONS, FeatureAction, kmsActionsFor } from '../../src/contract/request-features';
import { featureRequest, kmsActions, objectWriteStatements, WritePlan } from '../../src/writer/write-statements';

// The registry (src/analysis/decide/gates.ts) is what decides a write intent: every gate module is in it once,
// and what is in it — nothing else — makes the verdict.

const SRC = path.join(__dirname, '../../src/analysis');

/** Every exported value of the modules under `folder` that is a gate (a name and an `outcomes` function). */
function gatesExportedUnder(folder: string): { module: string; name: string; gate: Gate<IntentContext> }[] {
  const found: { module: string; name: string; gate: Gate<IntentContext> }[] = [];
  for (const file of fs.readdirSync(path.join(SRC, folder)).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports: Record<string, unknown> = require(path.join(SRC, folder, file));
    for (const [name, value] of Object.entries(exports)) {
      if (isGate(value)) found.push({ module: `${folder}/${file}`, name, gate: value });
    }
  }
  return found;
}

function isGate(value: unknown): value is Gate<IntentContext> {
  return typeof value === 'object' && value !== null && typeof (value as Gate).name === 'string'
    && typeof (value as Gate).outcomes === 'function';
}

/** Decide every intent of one stack with the given registry (analyzeAssembly's path, minus condition worlds). */
function decideWith(resources: Json, gates: readonly Gate<IntentContext>[], environment: AnalysisEnvironment = {}): Finding[] {
  const index = buildAssemblyIndex({ stacks: [stack(resources)] });
  const model = buildModel(index, environment);
  return collectIntents(model, environment).map((intent) => decideIntent(intent, model, environment, new Map(), gates));
}

describe('the gate registry', () => {
  const exported = [...gatesExportedUnder('gates'), ...gatesExportedUnder('decide')];

  test('every gate module under src/analysis/gates (and every IAM step of decide/) is registered exactly once', () => {
    // Some gates must be found at all, or the scan proves nothing.
    expect(exported.map((e) => e.module)).toEqual(expect.arrayContaining([
      'gates/acl.ts', 'gates/object-lock.ts', 'gates/other-bucket-features.ts', 'gates/network-path.ts',
      'decide/s3-step.ts', 'decide/kms-step.ts', 'decide/access-point-step.ts',
    ]));
    for (const { module, name, gate } of exported) {
      expect({ module, name, registered: GATES.filter((g) => g === gate).length }).toEqual({ module, name, registered: 1 });
    }
    // …and nothing in the registry comes from anywhere else.
    expect(GATES.filter((g) => !exported.some((e) => e.gate === g))).toEqual([]);
    expect(new Set(GATES).size).toBe(GATES.length);
  });

  // A public ACL on a bucket with ACLs disabled (BucketOwnerEnforced, the default) fails with 400
  // (S3 User Guide, "Object Ownership error responses").
  const withAcl = app({
    FnPolicy: identityPolicy([statement('Allow', ['s3:PutObject', 's3:PutObjectAcl'], objects())]),
    Fn: fn('FnRole', {}, [declared({ acl: 'public-read' })]),
  });

  test('the registry decides: without the ACL gate the same app is no longer denied for its ACL', () => {
    const [full] = decideWith(withAcl, GATES);
    expect(full.verdict).toBe('DENY');
    expect(full.causes.map((c) => c.code)).toContain('ACL_NOT_SUPPORTED');
    const withoutAcl = GATES.filter((g) => g !== gateNamed('gates/acl.ts'));
    expect(withoutAcl).toHaveLength(GATES.length - 1);
    const [partial] = decideWith(withAcl, withoutAcl);
    expect(partial.causes.map((c) => c.code)).not.toContain('ACL_NOT_SUPPORTED');
  });

  test('an extra gate added to a copy of the registry changes the outcome; the registry itself is untouched', () => {
    const allowed = app({ Bucket: bucket() });
    const [before] = decideWith(allowed, GATES);
    expect(before.verdict).toBe('ALLOW');
    const extra: Gate<IntentContext> = {
      name: 'test: every write to this bucket is refused',
      outcomes: (c) => [{ result: 'deny', cause: { code: 'REQUEST_CONDITION', message: `test gate refuses ${c.bucket.display}`, location: c.bucket.display } }],
    };
    const [after] = decideWith(allowed, [...GATES, extra]);
    expect(after.verdict).toBe('DENY');
    expect(after.causes[0].message).toBe('test gate refuses Stack/Bucket');
    expect(decideWith(allowed, GATES)[0].verdict).toBe('ALLOW');
  });

  function gateNamed(module: string): Gate<IntentContext> {
    const found = exported.filter((e) => e.module === module);
    expect(found).toHaveLength(1);
    return found[0].gate;
  }
});

describe('one table of the actions each request feature implies', () => {
  const plan = (extra: Partial<WritePlan>): WritePlan => ({
    bucketArn: 'arn:aws:s3:::bucket',
    keyPrefix: 'in/',
    bucketRegion: 'eu-west-1',
    encryption: { sse: 'AES256' },
    objectTags: {},
    principalTagKeys: [],
    multipart: false,
    legalHold: false,
    sidSuffix: '',
    ...extra,
  });
  /** A writer plan carrying exactly one feature of the table. */
  const planWith: Record<FeatureAction['feature'], Partial<WritePlan>> = {
    acl: { acl: 'bucket-owner-full-control' },
    tags: { objectTags: { team: 'a' } },
    objectLockRetention: { objectLock: { mode: 'GOVERNANCE', retentionDays: 1 } },
    objectLockLegalHold: { legalHold: true },
    multipart: { multipart: true },
  };
  const granted = (p: WritePlan) => objectWriteStatements(p).flatMap((s: iam.PolicyStatement) => s.actions).filter((a) => a !== 's3:PutObject');

  test('a plan without features: the writer grants s3:PutObject only, and the analysis checks no other action', () => {
    expect(granted(plan({}))).toEqual([]);
    expect(impliedActions(featureRequest(plan({})))).toEqual([]);
  });

  test.each(FEATURE_ACTIONS.map((row) => [row.feature, row] as const))('%s: the writer grants and the analysis checks the table\'s action', (feature, row) => {
    const p = plan(planWith[feature]);
    // The recorded request carries the feature, and both sides read the same row of the table.
    expect(granted(p)).toEqual([row.action]);
    expect(impliedActions(featureRequest(p)).map((a) => [a.action, a.required])).toEqual([[row.action, row.required]]);
  });

  test('every feature at once: the same actions, in the table\'s order on the analysis side', () => {
    const p = plan(Object.assign({}, ...Object.values(planWith)));
    expect([...granted(p)].sort()).toEqual(FEATURE_ACTIONS.map((r) => r.action).sort());
    expect(impliedActions(featureRequest(p)).map((a) => a.action)).toEqual(FEATURE_ACTIONS.map((r) => r.action));
  });

  test('the KMS actions of an SSE-KMS write: the writer grants what the analysis evaluates', () => {
    for (const multipart of [false, true]) {
      const p = plan({ multipart, encryption: { sse: 'aws:kms', keyArn: 'arn:aws:kms:eu-west-1:111111111111:key/k', bucketKeyEnabled: false } });
      expect(kmsActions(p)).toEqual(kmsActionsFor(multipart));
    }
    expect(kmsActionsFor(true)).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
  });
});
