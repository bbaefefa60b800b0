import { BUCKET_ARN, lambdaPrincipal, policy, putObject, ROLE_ARN } from './fixtures';
import { evaluateStatement, StatementScope } from '../../../src/iam/evaluate/statement';
import { Layer } from '../../../src/iam/model';

// IAM "Policy evaluation logic — processing the request context": a statement applies when its action,
// resource, principal (resource-based policies) and every condition match.
const scope = (layer: Layer, principalRule: StatementScope['principalRule'], principalHasBoundary = false): StatementScope =>
  ({ layer, request: putObject(), principalRule, principalHasBoundary });

function one(layer: Layer, rule: StatementScope['principalRule'], statement: object, hasBoundary = false) {
  const p = policy('P', statement);
  return evaluateStatement(p, p.statements[0], scope(layer, rule, hasBoundary));
}

describe('evaluateStatement', () => {
  test('action, resource and conditions all match: applies, with a trace of each part', () => {
    const r = one('identity', 'forbidden', {
      Sid: 'S', Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET_ARN}/*`, Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    });
    expect(r.applies).toBe('true');
    expect(r.trace).toMatchObject({ statement: { layer: 'identity', policyId: 'P', index: 0, sid: 'S' }, effect: 'Allow', action: 'true', resource: 'true' });
    expect(r.trace.conditions).toEqual([expect.objectContaining({ operator: 'Bool', key: 'aws:SecureTransport', result: 'true' })]);
    expect(r.dependencies).toEqual([]);
  });

  test('one part that does not match is enough to make it not apply', () => {
    expect(one('identity', 'forbidden', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }).applies).toBe('false');
    expect(one('identity', 'forbidden', { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::other/*' }).applies).toBe('false');
    expect(one('identity', 'forbidden', { Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }).applies).toBe('false');
  });

  test('resource-based statements: the principal match is traced and split by kind', () => {
    const r = one('resource', 'required', { Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 's3:PutObject', Resource: '*' });
    expect(r.trace.principal).toEqual({ result: 'true', match: 'role' });
    expect(r.appliesAs).toMatchObject({ role: 'true', session: 'false', wildcard: 'false', account: 'false' });
  });

  test('a resource-based statement naming someone else does not apply', () => {
    const r = one('resource', 'required', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/Other' }, Action: '*', Resource: '*' });
    expect(r.applies).toBe('false');
  });

  test('Principal rules per layer: forbidden in identity policies, required in resource policies, "*" when absent from endpoint policies', () => {
    const withPrincipal = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
    const withoutPrincipal = { Effect: 'Allow', Action: '*', Resource: '*' };
    expect(one('identity', 'forbidden', withPrincipal)).toMatchObject({ applies: 'unknown', malformed: true });
    expect(one('identity', 'forbidden', withoutPrincipal).applies).toBe('true');
    expect(one('resource', 'required', withoutPrincipal)).toMatchObject({ applies: 'unknown', malformed: true });
    expect(one('resource', 'required', withPrincipal).applies).toBe('true');
    expect(one('vpce', 'everyone-if-absent', withoutPrincipal).applies).toBe('true');
  });

  test('NotPrincipal + Deny in a resource policy applies to a principal with a boundary whatever it lists', () => {
    // The documented form (IAM "NotPrincipal" element): the session, its role and the account all listed.
    const listed = [lambdaPrincipal.arn, lambdaPrincipal.roleArn, `arn:aws:iam::${lambdaPrincipal.account}:root`];
    const deny = { Effect: 'Deny', NotPrincipal: { AWS: listed }, Action: '*', Resource: '*' };
    expect(one('resource', 'required', deny, false).applies).toBe('false');
    expect(one('resource', 'required', deny, true).applies).toBe('true');
    // Only a Deny: NotPrincipal + Allow keeps its plain meaning.
    expect(one('resource', 'required', { ...deny, Effect: 'Allow' }, true).applies).toBe('false');
  });

  test('an unknown condition makes the statement unknown and names the key', () => {
    const p = policy('P', { Sid: 'Vpce', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } });
    const r = evaluateStatement(p, p.statements[0], { ...scope('identity', 'forbidden'), request: putObject({ context: { 'aws:SourceVpce': { unknown: 'network path' } } }) });
    expect(r.applies).toBe('unknown');
    expect(r.dependencies).toEqual([expect.objectContaining({ layer: 'identity', key: 'aws:SourceVpce', statement: expect.objectContaining({ sid: 'Vpce' }) })]);
  });

  test('conditions of a statement that cannot apply are not evaluated (nothing to report)', () => {
    const r = one('identity', 'forbidden', { Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'x' } } });
    expect(r.applies).toBe('false');
    expect(r.trace.conditions).toEqual([]);
  });
});
