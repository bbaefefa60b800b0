import { IN_FORCE_KEY, maybeInForce, withDoubt } from '../../../src/analysis/model/in-force';
import { PolicyDoc } from '../../../src/analysis/model/types';
import { parsePolicy } from '../../../src/iam';
import { evaluateCondition } from '../../../src/iam/condition';
import {
  analyze, app, bucketPolicy, Json, objects, only, stack, statement,
} from '../support/app';

// How a possibly-not-in-force document is rewritten: each statement gains one clause no request decides, ANDed
// with its own conditions (IAM "Condition element": clauses AND together), whatever shape the document has.

const source = { description: 'bucket policy Stack/Bucket/Policy', location: 'Stack/Bucket/Policy' };
const docOf = (document: unknown): PolicyDoc => ({ id: 'P', document, source });
const put = { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*' };

/** Each parsed statement's conditions, evaluated against a request context that has none of their keys. */
function clauseResults(document: unknown): string[][] {
  return parsePolicy(document, 'P').statements.map((s) => s.conditions.map((c) => evaluateCondition(c, {}, '2012-10-17').result));
}

describe('maybeInForce', () => {
  test('every statement of a list gets an undecidable clause; the document is marked with its reason', () => {
    const marked = maybeInForce(docOf({ Version: '2012-10-17', Statement: [put, put] }), 'it is deployed only if X');
    expect(clauseResults(marked.document)).toEqual([['unknown'], ['unknown']]);
    expect(marked).toMatchObject({ inForce: 'unknown', inForceReason: 'it is deployed only if X' });
    expect(marked.source.description).toBe('bucket policy Stack/Bucket/Policy (may not be in force: it is deployed only if X)');
  });

  test('a document left as it is has no such clause (the clause is what makes the difference)', () => {
    expect(clauseResults(withDoubt(docOf({ Version: '2012-10-17', Statement: [put] }), undefined).document)).toEqual([[]]);
  });

  test('a single Statement object, and a document given as JSON text, are marked too', () => {
    expect(clauseResults(maybeInForce(docOf({ Version: '2012-10-17', Statement: put }), 'r').document)).toEqual([['unknown']]);
    expect(clauseResults(maybeInForce(docOf(JSON.stringify({ Version: '2012-10-17', Statement: [put] })), 'r').document)).toEqual([['unknown']]);
  });

  test('existing conditions, a Null block included, are kept next to the added clause', () => {
    const guarded = { ...put, Condition: { Null: { 'aws:SourceVpce': 'true' }, Bool: { 'aws:SecureTransport': 'false' } } };
    const marked = maybeInForce(docOf({ Version: '2012-10-17', Statement: [guarded] }), 'r').document as Json;
    expect(Object.keys(marked.Statement[0].Condition.Null).sort()).toEqual([IN_FORCE_KEY, 'aws:SourceVpce'].sort());
    expect(marked.Statement[0].Condition.Bool).toEqual({ 'aws:SecureTransport': 'false' });
  });

  test('an unreadable document or statement is left as it is (the parser already makes it unknown)', () => {
    expect(maybeInForce(docOf('not json'), 'r').document).toBe('not json');
    const odd = { Version: '2012-10-17', Statement: [42, { ...put, Condition: 'weird' }] };
    expect(maybeInForce(docOf(odd), 'r').document).toEqual(odd);
  });
});

describe('template level: shapes of a conditional bucket policy', () => {
  const undecided = {
    Parameters: { Strict: { Type: 'String', Default: 'no' } },
    Conditions: { IsStrict: { 'Fn::Equals': [{ Ref: 'Strict' }, 'yes'] } },
  };
  const denyAll = statement('Deny', 's3:*', objects(), { Principal: '*' });
  const withDocument = (PolicyDocument: unknown, condition?: string): Json => {
    const p = bucketPolicy([]);
    p.Properties.PolicyDocument = PolicyDocument;
    return condition ? { ...p, Condition: condition } : p;
  };

  test.each([
    ['a single Statement object', { Version: '2012-10-17', Statement: denyAll }],
    ['a Statement whose Deny already has a condition that holds', {
      Version: '2012-10-17', Statement: [{ ...denyAll, Condition: { Null: { 'aws:SourceVpce': 'true' } } }],
    }],
  ])('%s: DENY unconditionally, UNKNOWN under an undecided Condition', (_name, document) => {
    expect(only(analyze(stack(app({ BucketPolicy: withDocument(document) }), { extra: undecided }))).verdict).toBe('DENY');
    expect(only(analyze(stack(app({ BucketPolicy: withDocument(document, 'IsStrict') }), { extra: undecided }))).verdict).toBe('UNKNOWN');
  });
});
