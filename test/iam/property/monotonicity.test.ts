import fc from 'fast-check';
import { DiffCase } from '../differential/case';
import { generateCase, generateStatement } from '../differential/generate';
import { evaluateOurs } from '../differential/to-ours';
import { countAllows, EDITABLE_LAYERS, withoutAllow, withStatement } from '../support/case-edits';

/**
 * "An explicit deny in any of these policies overrides the allow" and "the request must be explicitly allowed"
 * (IAM "Policy evaluation logic"): more Deny statements or fewer Allow statements can only narrow access.
 */
const SEED = 7;
const RUNS = 1500;
const caseIndex = fc.nat({ max: 1_000_000 });

const isDeny = (outcome: string) => outcome === 'explicit-deny' || outcome === 'implicit-deny';

describe('property: monotonicity of the evaluator', () => {
  test('adding a Deny statement to any layer never turns a deny into an allow', () => {
    let denied = 0;
    fc.assert(
      fc.property(caseIndex, fc.nat(), fc.constantFrom(...EDITABLE_LAYERS), fc.nat(), (index, extraSeed, layer, pick) => {
        const c: DiffCase = generateCase(SEED, index);
        const before = evaluateOurs(c).outcome;
        const deny = generateStatement(SEED, index, extraSeed, layer, 'Deny');
        const after = evaluateOurs(withStatement(c, layer, deny, pick)).outcome;
        if (before !== 'allow') expect(after).not.toBe('allow');
        // A deny stays a deny: the added statement cannot make the outcome unknown either.
        if (isDeny(before)) {
          denied++;
          expect(isDeny(after)).toBe(true);
        }
        if (before === 'explicit-deny') expect(after).toBe('explicit-deny');
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(denied).toBeGreaterThan(RUNS / 4); // the property was exercised on denies, not vacuously
  });

  test('an added Deny that matches everything denies explicitly whatever was allowed (the property can fail)', () => {
    let allowedBefore = 0;
    for (let index = 0; index < 400; index++) {
      const c = generateCase(SEED, index);
      if (evaluateOurs(c).outcome !== 'allow') continue;
      allowedBefore++;
      const denyAll = { Effect: 'Deny', Action: '*', Resource: '*' };
      // A service principal has no identity policies (and no SCPs): a Deny reaches it through the resource policy.
      const denied = c.principal.kind === 'Service'
        ? withStatement(c, 'resource', { ...denyAll, Principal: '*' }, 0)
        : withStatement(c, 'identity', denyAll, 0);
      expect(evaluateOurs(denied).outcome).toBe('explicit-deny');
    }
    expect(allowedBefore).toBeGreaterThan(20);
  });

  test('removing an Allow statement never turns a deny into an allow', () => {
    let denied = 0;
    fc.assert(
      fc.property(caseIndex, fc.nat(), (index, pick) => {
        const c = generateCase(SEED, index);
        fc.pre(countAllows(c) > 0);
        const before = evaluateOurs(c).outcome;
        const after = evaluateOurs(withoutAllow(c, pick)).outcome;
        if (before !== 'allow') expect(after).not.toBe('allow');
        if (isDeny(before)) {
          denied++;
          expect(isDeny(after)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(denied).toBeGreaterThan(RUNS / 4);
  });

  test('removing the only granting Allow does turn an allow into a deny (the edit is effective)', () => {
    const c: DiffCase = {
      index: -1,
      principal: { kind: 'AssumedRole', arn: 'arn:aws:sts::111111111111:assumed-role/writer/fn', roleArn: 'arn:aws:iam::111111111111:role/writer', account: '111111111111' },
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::bucket-a/incoming/a.txt',
      resourceAccount: '111111111111',
      context: {},
      identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket-a/*' }] }],
      resourceKind: 'default',
    };
    expect(evaluateOurs(c).outcome).toBe('allow');
    expect(evaluateOurs(withoutAllow(c, 0)).outcome).toBe('implicit-deny');
  });
});
