import { parsePolicy } from '../../../src/iam/policy';

// IAM JSON policy element reference: every element takes one value or a list; Version, Statement, Effect,
// Action/NotAction, Resource/NotResource, Principal/NotPrincipal, Condition.
describe('parsePolicy: document', () => {
  test('Statement may be a single object or a list (IAM "Statement" element)', () => {
    const single = parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' } }, 'p');
    const list = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] }, 'p');
    expect(single.statements).toEqual(list.statements);
    expect(single.statements[0]).toMatchObject({ index: 0, effect: 'Allow', action: ['s3:PutObject'], resource: ['*'] });
    expect(single.errors).toEqual([]);
  });

  test('missing Version means 2008-10-17 (IAM "Version" element: variables are then literal)', () => {
    expect(parsePolicy({ Statement: [] }, 'p').version).toBe('2008-10-17');
    expect(parsePolicy({ Version: '2012-10-17', Statement: [] }, 'p').version).toBe('2012-10-17');
    expect(parsePolicy({ Version: '2008-10-17', Statement: [] }, 'p').errors).toEqual([]);
  });

  test('an unknown Version is a document error', () => {
    expect(parsePolicy({ Version: '2020-01-01', Statement: [] }, 'p').errors).toEqual([expect.stringContaining('Version')]);
  });

  test('JSON text is accepted; invalid JSON is an error, not a throw', () => {
    const parsed = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}', 'p');
    expect(parsed.statements[0].effect).toBe('Deny');
    expect(parsePolicy('{not json', 'p').errors).toEqual([expect.stringContaining('not valid JSON')]);
  });

  test.each([
    ['null', null],
    ['a number', 42],
    ['a list', []],
  ])('a document that is %s gets errors', (_name, doc) => {
    const parsed = parsePolicy(doc, 'bad');
    expect(parsed.id).toBe('bad');
    expect(parsed.errors.length).toBeGreaterThan(0);
    expect(parsed.statements).toEqual([]);
  });

  test('missing Statement, a Statement of the wrong type, or an unknown top-level element are errors', () => {
    expect(parsePolicy({ Version: '2012-10-17' }, 'p').errors).toEqual(['missing Statement']);
    expect(parsePolicy({ Statement: 'Allow' }, 'p').errors).toEqual([expect.stringContaining('Statement must be')]);
    expect(parsePolicy({ Statement: [], Extra: 1 }, 'p').errors).toEqual([expect.stringContaining('Extra')]);
    expect(parsePolicy({ Id: 'x', Statement: [] }, 'p').errors).toEqual([]);
  });
});

describe('parsePolicy: statements', () => {
  const one = (statement: unknown) => parsePolicy({ Version: '2012-10-17', Statement: [statement] }, 'p').statements[0];

  test('single values and lists normalise to lists', () => {
    const s = one({ Sid: 'S', Effect: 'Allow', NotAction: 'iam:*', NotResource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] });
    expect(s).toMatchObject({ sid: 'S', notAction: ['iam:*'], notResource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] });
    expect(s.action).toBeUndefined();
    expect(s.malformed).toBeUndefined();
  });

  test('Condition blocks become clauses, numbers and booleans stringified (IAM "Condition" element)', () => {
    const s = one({
      Effect: 'Deny',
      Action: 's3:*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 's3:TlsVersion': 1.2 }, StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'], 's3:x-amz-acl': 'private' } },
    });
    expect(s.conditions).toEqual([
      { operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] },
      { operator: 'NumericLessThan', key: 's3:TlsVersion', values: ['1.2'] },
      { operator: 'StringEquals', key: 'aws:PrincipalTag/team', values: ['a', 'b'] },
      { operator: 'StringEquals', key: 's3:x-amz-acl', values: ['private'] },
    ]);
  });

  test('Principal "*" and {"AWS": "*"} both mean everyone (IAM "Principal" element)', () => {
    expect(one({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }).principal).toMatchObject({ wildcard: true, aws: [] });
    expect(one({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: '*', Resource: '*' }).principal).toMatchObject({ wildcard: true, aws: [] });
  });

  test('Principal types AWS, Service, Federated, CanonicalUser; account numbers stringified', () => {
    const s = one({
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
      Principal: { AWS: [111111111111, 'arn:aws:iam::222222222222:role/R'], Service: 'lambda.amazonaws.com', Federated: 'cognito-identity.amazonaws.com', CanonicalUser: 'abc' },
    });
    expect(s.principal).toEqual({
      wildcard: false,
      aws: ['111111111111', 'arn:aws:iam::222222222222:role/R'],
      service: ['lambda.amazonaws.com'],
      federated: ['cognito-identity.amazonaws.com'],
      canonicalUser: ['abc'],
    });
    expect(one({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, Action: '*', Resource: '*' }).notPrincipal?.aws).toEqual(['arn:aws:iam::1:root']);
  });

  test.each([
    ['missing Effect', { Action: '*', Resource: '*' }, 'missing Effect'],
    ['lower-case effect', { Effect: 'allow', Action: '*', Resource: '*' }, 'Effect must be'],
    ['Action and NotAction', { Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' }, 'both Action and NotAction'],
    ['no Action', { Effect: 'Allow', Resource: '*' }, 'neither Action nor NotAction'],
    ['no Resource', { Effect: 'Allow', Action: '*' }, 'neither Resource nor NotResource'],
    ['Resource and NotResource', { Effect: 'Allow', Action: '*', Resource: '*', NotResource: 'x' }, 'both Resource and NotResource'],
    ['an intrinsic left in a Resource', { Effect: 'Allow', Action: '*', Resource: { 'Fn::GetAtt': ['B', 'Arn'] } }, 'not a string'],
    ['an empty Action list', { Effect: 'Allow', Action: [], Resource: '*' }, 'empty list'],
    ['an action without a service', { Effect: 'Allow', Action: 'PutObject', Resource: '*' }, 'service:action'],
    ['an unknown element', { Effect: 'Allow', Action: '*', Resource: '*', Conditions: {} }, 'unknown element'],
    ['an unknown principal type', { Effect: 'Allow', Principal: { IAM: 'x' }, Action: '*', Resource: '*' }, 'unknown principal type'],
    ['Principal and NotPrincipal', { Effect: 'Deny', Principal: '*', NotPrincipal: '*', Action: '*', Resource: '*' }, 'both Principal and NotPrincipal'],
    ['a Principal string other than *', { Effect: 'Allow', Principal: 'arn:aws:iam::1:root', Action: '*', Resource: '*' }, 'must be "*" or an object'],
    ['a Condition operator with a list', { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: ['x'] } }, 'must map keys'],
    ['a Condition value that is an object', { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { k: { Ref: 'P' } } } }, 'not a string'],
    ['a statement that is not an object', 'Allow everything', 'not an object'],
  ])('%s makes the statement malformed, never a throw', (_name, statement, reason) => {
    const s = one(statement);
    expect(s.malformed).toEqual(expect.stringContaining(reason));
    expect(s.index).toBe(0);
  });

  test('cyclic, very deep and BigInt-holding values are reported, not thrown', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 'leaf';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    for (const bad of [cyclic, deep, { n: BigInt(1) }, Object.create(null)]) {
      const s = one({ Effect: 'Allow', Action: 's3:PutObject', Resource: bad });
      expect(s.malformed).toEqual(expect.stringContaining('Resource'));
    }
  });

  test('a well-formed statement next to a malformed one stays well formed, with its own index', () => {
    const p = parsePolicy({ Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }, { Sid: 'Ok', Effect: 'Deny', Action: '*', Resource: '*' }] }, 'p');
    expect(p.statements[0].malformed).toBeDefined();
    expect(p.statements[1]).toMatchObject({ index: 1, sid: 'Ok', effect: 'Deny' });
    expect(p.statements[1].malformed).toBeUndefined();
    expect(p.errors).toEqual([]);
  });
});
