import fc from 'fast-check';
import { evaluate, parsePolicy } from '../../../src/iam';
import { AuthorizationRequest, Policy, PolicySet, RequestContext } from '../../../src/iam/model';
import { deeplyNested, hostileValue, ownProperty, policyPath, PROTOTYPE_KEYS, setAt } from '../support/hostile-json';

/**
 * Bad input never crashes, and never yields a false ALLOW (the project's standards): whatever JSON reaches
 * parsePolicy and evaluate, nothing throws; and a policy set whose only grant is malformed is never 'allow'.
 */
const SEED = 13;
const RUNS = 600;

const ROLE = 'arn:aws:iam::111111111111:role/writer';
const request: AuthorizationRequest = {
  principal: { kind: 'AssumedRole', arn: 'arn:aws:sts::111111111111:assumed-role/writer/fn', roleArn: ROLE, account: '111111111111' },
  action: 's3:PutObject',
  resource: 'arn:aws:s3:::bucket-a/incoming/a.txt',
  resourceAccount: '111111111111',
  context: { 'aws:SecureTransport': 'true' },
};

const grant = { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket-a/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
const doc = (statement: object) => ({ Version: '2012-10-17', Statement: [statement] });

/** For each layer: a document that grants the request, and the policy set that places a policy in that layer. */
const LAYERS: Record<string, { good: object; set: (p: Policy, identity: Policy) => PolicySet }> = {
  identity: { good: doc(grant), set: (p) => ({ identity: [p] }) },
  resource: { good: doc({ ...grant, Principal: { AWS: ROLE } }), set: (p) => ({ identity: [], resource: p }) },
  boundary: { good: doc(grant), set: (p, id) => ({ identity: [id], permissionsBoundary: p }) },
  scp: { good: doc(grant), set: (p, id) => ({ identity: [id], serviceControlPolicies: [[p]] }) },
  rcp: { good: doc({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: '*' }), set: (p, id) => ({ identity: [id], resourceControlPolicies: [[p]] }) },
  session: { good: doc(grant), set: (p, id) => ({ identity: [id], sessionPolicy: p }) },
  vpce: { good: doc({ ...grant, Principal: '*' }), set: (p, id) => ({ identity: [id], vpcEndpointPolicies: [p] }) },
};
const goodIdentity = parsePolicy(LAYERS.identity.good, 'good-identity');

const isClean = (p: Policy) => p.errors.length === 0 && p.statements.every((s) => s.malformed === undefined);

describe('property: hostile input', () => {
  test.each(Object.keys(LAYERS))('the unmutated %s policy grants the request (so a mutation can take the grant away)', (layer) => {
    const policy = parsePolicy(LAYERS[layer].good, layer);
    expect(isClean(policy)).toBe(true);
    expect(evaluate(request, LAYERS[layer].set(policy, goodIdentity)).outcome).toBe('allow');
  });

  test('arbitrary values never make parsePolicy or evaluate throw, in any layer', () => {
    fc.assert(
      fc.property(hostileValue, fc.constantFrom(...Object.keys(LAYERS)), (value, layer) => {
        const policy = parsePolicy(value, 'hostile');
        const decision = evaluate(request, LAYERS[layer].set(policy, goodIdentity));
        expect(['allow', 'explicit-deny', 'implicit-deny', 'unknown']).toContain(decision.outcome);
        if (!isClean(policy)) expect(decision.outcome).not.toBe('allow');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('a granting policy with a hostile value anywhere in it is never allow unless it still parses cleanly', () => {
    let malformed = 0;
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(LAYERS)), policyPath, hostileValue, fc.boolean(), (layer, path, value, asText) => {
        const mutated = setAt(LAYERS[layer].good, path, value);
        let input: unknown = mutated;
        if (asText) {
          try { input = JSON.stringify(mutated); } catch { input = mutated; } // BigInt or depth: keep the object
        }
        const policy = parsePolicy(input, 'mutated');
        const decision = evaluate(request, LAYERS[layer].set(policy, goodIdentity));
        if (!isClean(policy)) {
          malformed++;
          expect(decision.outcome).not.toBe('allow');
        }
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
    expect(malformed).toBeGreaterThan(RUNS / 2);
  });

  test('policy text with prototype keys is read as data, not as object internals', () => {
    for (const key of PROTOTYPE_KEYS) {
      const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"${key}":{"aws:SecureTransport":"true"}}}],"${key}":{"Effect":"Allow"}}`;
      const policy = parsePolicy(text, key);
      expect(isClean(policy)).toBe(false);
      expect(evaluate(request, { identity: [policy] }).outcome).not.toBe('allow');
      expect(({} as Record<string, unknown>).Effect).toBeUndefined(); // Object.prototype was not polluted
    }
  });

  test('hostile request contexts never make evaluate throw', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'aws:SecureTransport', 'AWS:SECURETRANSPORT'), fc.string()), hostileValue), (context) => {
        const decision = evaluate({ ...request, context: context as unknown as RequestContext }, { identity: [goodIdentity] });
        expect(['allow', 'explicit-deny', 'implicit-deny', 'unknown']).toContain(decision.outcome);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('cyclic and very deep documents are refused without a stack overflow', () => {
    const cyclic: Record<string, unknown> = { Version: '2012-10-17', Statement: [] };
    (cyclic.Statement as unknown[]).push({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: cyclic });
    for (const input of [cyclic, deeplyNested(100_000, true), deeplyNested(100_000, false), ownProperty('__proto__', { Statement: [grant] })]) {
      const policy = parsePolicy(input, 'deep');
      expect(isClean(policy)).toBe(false);
      expect(evaluate(request, { identity: [policy] }).outcome).not.toBe('allow');
    }
  });
});
