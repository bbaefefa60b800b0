import {
  analyze, app, bucketPolicy, codes, declared, fn, grantPut, identityPolicy, Json, objects, only, resource, stack, statement,
} from '../support/app';

// A CloudFormation Condition that depends on a deploy-time parameter is either true or false in a deployment, and
// Fn::If returns one of its two values (CloudFormation User Guide, "Conditions" and "Fn::If"). A write whose
// verdict is the same whichever way the Conditions go is decided; only when the deployments differ is it UNKNOWN,
// naming the Condition and what each value gives.

const params = {
  Parameters: { Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsNotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
  },
};
const write = () => fn('FnRole', {}, [declared({}, 'incoming/')]);
const ifProd = (a: unknown, b: unknown) => ({ 'Fn::If': ['IsProd', a, b] });

describe('Fn::If in a policy value', () => {
  test('both branches grant the object ARN (the whole bucket, or the prefix): ALLOW, noting it was decided for each value', () => {
    const grant = identityPolicy([statement('Allow', 's3:PutObject', ifProd(objects('*'), objects('incoming/*')))]);
    const f = only(analyze(stack(app({ Fn: write(), FnPolicy: grant }), { extra: params })));
    expect(f.verdict).toBe('ALLOW');
    expect((f.notes ?? []).join(' ')).toContain('Condition "IsProd"');
  });

  test('twin: the branches differ (the prefix, another prefix): UNKNOWN, "ALLOW when Condition "IsProd" holds, DENY when it does not"', () => {
    const grant = identityPolicy([statement('Allow', 's3:PutObject', ifProd(objects('incoming/*'), objects('other/*')))]);
    const f = only(analyze(stack(app({ Fn: write(), FnPolicy: grant }), { extra: params })));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('ALLOW when Condition "IsProd" holds, DENY when it does not');
  });

  test('both branches miss the prefix: DENY (each deployment denies)', () => {
    const grant = identityPolicy([statement('Allow', 's3:PutObject', ifProd(objects('a/*'), objects('b/*')))]);
    const f = only(analyze(stack(app({ Fn: write(), FnPolicy: grant }), { extra: params })));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
  });

  test('a whole statement under Fn::If, the other branch AWS::NoValue: UNKNOWN; an equivalent statement in both: ALLOW', () => {
    const declaredOnly = (findings: ReturnType<typeof analyze>) => only(findings.filter((f) => f.intent === 'declared'));
    const optional = identityPolicy([ifProd(grantPut(), { Ref: 'AWS::NoValue' })]);
    const open = declaredOnly(analyze(stack(app({ Fn: write(), FnPolicy: optional }), { extra: params })));
    expect(open.verdict).toBe('UNKNOWN');
    expect(open.causes[0].message).toContain('ALLOW when Condition "IsProd" holds, DENY when it does not');
    const both = identityPolicy([ifProd(grantPut(), statement('Allow', 's3:PutObject', objects('incoming/*')))]);
    expect(declaredOnly(analyze(stack(app({ Fn: write(), FnPolicy: both }), { extra: params }))).verdict).toBe('ALLOW');
  });
});

describe('Conditions on whole resources', () => {
  const onCondition = (r: Json, name: string): Json => ({ ...r, Condition: name });

  test('one grant policy per Condition value (IsProd, and IsNotProd = Fn::Not IsProd): ALLOW in both deployments', () => {
    const prod = onCondition(identityPolicy([grantPut()]), 'IsProd');
    const dev = onCondition(identityPolicy([grantPut('incoming/*')], [{ Ref: 'FnRole' }], 'Stack/DevPolicy/Resource'), 'IsNotProd');
    const f = only(analyze(stack(app({ Fn: write(), FnPolicy: prod, DevPolicy: dev }), { extra: params })));
    expect(f.verdict).toBe('ALLOW');
  });

  test('twin: only the prod grant: UNKNOWN naming the Condition', () => {
    const prod = onCondition(identityPolicy([grantPut()]), 'IsProd');
    const f = only(analyze(stack(app({ Fn: write(), FnPolicy: prod }), { extra: params })));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('ALLOW when Condition "IsProd" holds, DENY when it does not');
  });

  test('a Deny-all bucket policy in prod, and the only grant in prod too: DENY in both deployments', () => {
    const deny = onCondition(bucketPolicy([statement('Deny', 's3:*', objects(), { Principal: '*' })]), 'IsProd');
    const grantInProd = onCondition(identityPolicy([grantPut()]), 'IsProd');
    const f = only(analyze(stack(app({ Fn: write(), FnPolicy: grantInProd, BucketPolicy: deny }), { extra: params })));
    expect(f.verdict).toBe('DENY');
    // Twin: the grant in every deployment: DENY in prod, ALLOW in dev, so UNKNOWN.
    const twin = only(analyze(stack(app({ Fn: write(), BucketPolicy: deny }), { extra: params })));
    expect(twin.verdict).toBe('UNKNOWN');
    expect(twin.causes[0].message).toContain('DENY when Condition "IsProd" holds, ALLOW when it does not');
  });

  test('a Condition nothing of the app reads decides nothing, and changes nothing', () => {
    const f = only(analyze(stack(app({ Fn: write(), Other: onCondition(resource('AWS::SNS::Topic', {}), 'IsProd') }), { extra: params })));
    expect(f.verdict).toBe('ALLOW');
  });
});

describe('what stays UNKNOWN', () => {
  test('more Conditions than the worlds evaluated (2^4): the plain analysis\'s UNKNOWN', () => {
    const names = ['C1', 'C2', 'C3', 'C4', 'C5'];
    const conditions = Object.fromEntries(names.map((n) => [n, { 'Fn::Equals': [{ Ref: 'Env' }, n] }]));
    const extra = { Parameters: params.Parameters, Conditions: conditions };
    const policies = Object.fromEntries(names.map((n) => [`P${n}`, {
      ...identityPolicy([grantPut()], [{ Ref: 'FnRole' }], `Stack/${n}/Resource`), Condition: n,
    }]));
    const f = only(analyze(stack(app({ Fn: write(), FnPolicy: undefined, ...policies }), { extra })));
    expect(f.verdict).toBe('UNKNOWN');
  });
});
