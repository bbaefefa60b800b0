import fc from 'fast-check';
import { evaluate } from '../../../src/iam';
import { actionClasses } from '../../../src/iam/evaluate/action-classes';
import { AuthorizationRequest, PolicySet } from '../../../src/iam/model';
import { expectDecidedAlike, givenPolicies, policyOf, ROLE, writerRequest } from '../support/decide-alike';

/**
 * One evaluation decides a class of actions (src/iam/evaluate/action-classes.ts) only if the evaluator really cannot
 * tell its members apart: every action of a class must get, for the same request otherwise, the same decision —
 * outcome, decisive statements and trace — in every layer, whatever shape the statements' Action takes.
 */

const ACTIONS = [
  's3:PutObject', 's3:PutObjectTagging', 's3:PutObjectRetention', 's3:PutObjectLegalHold', 's3:AbortMultipartUpload',
  's3:GetObject', 's3:DeleteObject', 's3:PutObjectAcl', 'kms:Decrypt', 'kms:GenerateDataKey',
];
const ACTION_SHAPES: unknown[] = [
  's3:PutObject', 's3:Put*', '*', 's3:*', 's3:*Object', ['s3:GetObject', 'kms:*'], 'S3:PUTOBJECTTAGGING', 's3:Abort*',
  ['s3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention', 's3:PutObjectTagging', 's3:PutObjectVersionTagging', 's3:Abort*'],
  's3:PutObject?etention', 'kms:Decrypt', 42, ['s3:PutObject', { 'Fn::GetAtt': ['X', 'Arn'] }],
];

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
  action: fc.constantFrom(...ACTION_SHAPES),
  not: fc.boolean(),
  Resource: fc.constantFrom('*', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::other/*'),
  condition: fc.constantFrom(undefined, undefined, { StringEquals: { 's3:x-amz-acl': 'private' } }, { Bool: { 'aws:SecureTransport': 'false' } }),
  principal: fc.constantFrom(undefined, { AWS: ROLE }),
}).map((s) => ({
  Effect: s.Effect,
  [s.not ? 'NotAction' : 'Action']: s.action,
  Resource: s.Resource,
  ...(s.condition ? { Condition: s.condition } : {}),
  ...(s.principal ? { Principal: s.principal } : {}),
}));

function request(action: string): AuthorizationRequest {
  return writerRequest(action, 'arn:aws:s3:::bucket/a.txt', {
    'aws:SecureTransport': 'true',
    's3:x-amz-acl': { unknown: 'whatever the request carries', mayBeAbsent: true },
  });
}

describe('actions no statement tells apart are decided alike', () => {
  test('random policies in every layer: each class is one decision, and the classes split the list in order', () => {
    const layers = fc.array(statement, { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(layers, layers, layers, layers, fc.shuffledSubarray(ACTIONS, { minLength: 1 }), (id, res, boundary, scp, actions) => {
      const set: PolicySet = {
        identity: [policyOf(id, 'identity')],
        resource: policyOf(res.map((s) => ({ Principal: { AWS: ROLE }, ...s })), 'bucket policy'),
        permissionsBoundary: policyOf(boundary, 'boundary'),
        serviceControlPolicies: [[policyOf(scp, 'scp')]],
      };
      expectDecidedAlike(actions, actionClasses(actions, givenPolicies(set)), set, request);
    }), { seed: 5, numRuns: 300 });
  });

  test('grantPut\'s statement and a TLS Deny on s3:* make the four actions beyond the write one class; a Deny on one of them splits it', () => {
    const grantPut = policyOf([
      {
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention', 's3:PutObjectTagging', 's3:PutObjectVersionTagging', 's3:Abort*'],
        Resource: 'arn:aws:s3:::bucket/*',
      },
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
    ], 'role policy');
    const tls = policyOf([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }], 'bucket policy');
    const excess = ['s3:PutObjectTagging', 's3:PutObjectRetention', 's3:PutObjectLegalHold', 's3:AbortMultipartUpload'];
    expect(actionClasses(excess, [grantPut, tls])).toEqual([excess]);
    // Actions the grant does not cover are another class.
    expect(actionClasses([...excess, 's3:GetObject', 's3:DeleteObject'], [grantPut, tls])).toEqual([excess, ['s3:GetObject', 's3:DeleteObject']]);

    const denyRetention = policyOf([{ Effect: 'Deny', Action: 's3:PutObjectRetention', Resource: '*' }], 'another identity policy');
    expect(actionClasses(excess, [grantPut, tls, denyRetention])).toEqual([
      ['s3:PutObjectTagging', 's3:PutObjectLegalHold', 's3:AbortMultipartUpload'], ['s3:PutObjectRetention'],
    ]);
    const set = { identity: [grantPut, denyRetention], resource: tls };
    expect(evaluate(request('s3:PutObjectRetention'), set).outcome).toBe('explicit-deny');
    expect(evaluate(request('s3:PutObjectTagging'), set).outcome).toBe('allow');
  });

  test('a malformed Action is its own class only where it reads differently', () => {
    const malformed = policyOf([{ Effect: 'Allow', Action: 42, Resource: '*' }], 'p');
    const classes = actionClasses(['s3:PutObject', 's3:GetObject'], [malformed]);
    // Whatever the parser made of it, the classes hold only actions it matches alike.
    for (const members of classes) {
      const decisions = members.map((a) => evaluate(request(a), { identity: [malformed] }));
      for (const d of decisions) expect(d).toEqual(decisions[0]);
    }
    expect(classes.flat().sort()).toEqual(['s3:GetObject', 's3:PutObject']);
  });
});
