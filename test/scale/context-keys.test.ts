import { evaluate, parsePolicy } from '../../src/iam';
import { FoldedKeys, lookupContext, readOnlyContext } from '../../src/iam/context';
import { AuthorizationRequest, ContextValue } from '../../src/iam/model';

/**
 * Condition keys compare case-insensitively. A frozen context (what the evaluator reads) is looked up through a
 * case-folded index of its keys instead of a scan per lookup; the answers must be the scan's, for every spelling.
 */

const KEYS = 1_200;

/** Mixed-case keys: `aws:PrincipalTag/Team17`, `s3:x-amz-META-k17`… each with its own value. */
function mixedContext(): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (let i = 0; i < KEYS; i++) {
    const key = i % 3 === 0 ? `aws:PrincipalTag/Team${i}` : i % 3 === 1 ? `s3:x-amz-META-k${i}` : `Custom:Key${i}`;
    context[key] = i % 5 === 0 ? [`v${i}`, `w${i}`] : i % 7 === 0 ? { unknown: `key ${i} is open` } : `v${i}`;
  }
  // The same key twice in two spellings: the first one written is the one found.
  context['aws:Duplicate'] = 'first';
  context['AWS:duplicate'] = 'second';
  return context;
}

function respell(key: string, i: number): string {
  switch (i % 4) {
    case 0: return key;
    case 1: return key.toUpperCase();
    case 2: return key.toLowerCase();
    default: return Array.from(key, (c, j) => (j % 2 ? c.toUpperCase() : c.toLowerCase())).join('');
  }
}

describe('case-folded context lookups', () => {
  test('a frozen context answers every spelling as the scan of a mutable one does', () => {
    const mutable = mixedContext();
    const frozen = readOnlyContext(mutable);
    expect(Object.isFrozen(frozen)).toBe(true);
    const keys = Object.keys(mutable);
    keys.forEach((key, i) => {
      for (const spelling of [respell(key, i), respell(key, i + 1), `${key}-absent`]) {
        expect(lookupContext(frozen, spelling)).toEqual(lookupContext(mutable, spelling));
      }
    });
    expect(lookupContext(frozen, 'AWS:DUPLICATE')).toBe('first');
    expect(lookupContext(frozen, 'aws:nothing')).toBeUndefined();
  });

  test('a statement testing thousands of keys, spelled otherwise than the request: same result as each key alone', () => {
    const context = mixedContext();
    const plainKeys = Object.keys(context).filter((k) => typeof context[k] === 'string' && !k.toLowerCase().startsWith('aws:duplicate'));
    const clauses = (value: (k: string) => string) => Object.fromEntries(plainKeys.map((k, i) => [respell(k, i + 1), value(k)]));
    const request: AuthorizationRequest = {
      principal: { kind: 'AssumedRole', arn: 'arn:aws:sts::111111111111:assumed-role/r/s', roleArn: 'arn:aws:iam::111111111111:role/r', account: '111111111111' },
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::b/k',
      resourceAccount: '111111111111',
      context,
    };
    const policy = (values: Record<string, string>) => parsePolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: values } }],
    }, 'p');
    expect(plainKeys.length).toBeGreaterThan(500);
    expect(evaluate(request, { identity: [policy(clauses((k) => context[k] as string))] }).outcome).toBe('allow');
    // One value off, spelled in another case: that clause alone fails, as it would by itself.
    const offKey = plainKeys[plainKeys.length - 1];
    const off = clauses((k) => (k === offKey ? 'other' : context[k] as string));
    expect(evaluate(request, { identity: [policy(off)] }).outcome).toBe('implicit-deny');
    const alone = { [respell(offKey, 3)]: 'other' };
    expect(evaluate(request, { identity: [policy(alone)] }).outcome).toBe('implicit-deny');
    expect(evaluate(request, { identity: [policy({ [respell(offKey, 3)]: context[offKey] as string })] }).outcome).toBe('allow');
  });

  test('FoldedKeys: a key is present in any spelling once added', () => {
    const keys = new FoldedKeys(['aws:SourceVpce']);
    expect(keys.has('AWS:SOURCEVPCE')).toBe(true);
    expect(keys.has('aws:SourceVpc')).toBe(false);
    keys.add('S3:X-AMZ-ACL');
    expect(keys.has('s3:x-amz-acl')).toBe(true);
  });
});
