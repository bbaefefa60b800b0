import { Policy, PolicyVersion, Statement } from '../model';
import { parseJsonText } from './json-text';
import { parseStatement } from './statement';
import { describeJson, isPlainObject } from './values';
import { KeyedCache } from '../keyed-cache';

const DOCUMENT_ELEMENTS = new Set(['Version', 'Id', 'Statement']);

/**
 * Parse and normalise a policy document (an object, or its JSON text). Never throws: problems with the document
 * as a whole go to `errors` (the evaluator then treats the policy as unknown), problems with one statement to
 * that statement's `malformed`.
 *
 * A document without Version gets 2008-10-17 semantics: policy variables are literal text (IAM "Policy
 * elements: Version" and "Variables and tags": variables need 2012-10-17).
 */
export function parsePolicy(json: unknown, id: string): Policy {
  if (typeof json !== 'object' || json === null) return parseDocument(json, id);
  // The analysis asks for the same document (a role's policy) once per write it judges: parsed once, the statements
  // are the same objects every time, so what is built on them (statement-index.ts) is built once too. Policies are
  // read-only data; a document object is the template's, which nothing changes once it is read.
  return parsed.get(json, id, () => parseDocument(json, id));
}

const parsed = new KeyedCache<object, Policy>();

function parseDocument(json: unknown, id: string): Policy {
  const errors: string[] = [];
  let document = json;
  if (typeof json === 'string') {
    try {
      document = parseJsonText(json);
    } catch (e) {
      return { id, version: '2008-10-17', statements: [], errors: [`not valid JSON: ${(e as Error).message}`] };
    }
  }
  if (!isPlainObject(document)) {
    return { id, version: '2008-10-17', statements: [], errors: [`policy document is not an object: ${describeJson(document)}`] };
  }
  for (const key of Object.keys(document)) {
    if (!DOCUMENT_ELEMENTS.has(key)) errors.push(`unknown top-level element "${key}"`);
  }
  const version = readVersion(document.Version, errors);
  if (document.Id !== undefined && typeof document.Id !== 'string') errors.push(`Id is not a string: ${describeJson(document.Id)}`);

  let statements: Statement[] = [];
  const raw = document.Statement;
  if (raw === undefined) {
    errors.push('missing Statement');
  } else if (Array.isArray(raw)) {
    statements = raw.map((s, i) => parseStatement(s, i));
  } else if (isPlainObject(raw)) {
    statements = [parseStatement(raw, 0)];
  } else {
    errors.push(`Statement must be an object or a list, got ${describeJson(raw)}`);
  }
  return { id, version, statements, errors };
}

function readVersion(value: unknown, errors: string[]): PolicyVersion {
  if (value === undefined || value === '2008-10-17') return '2008-10-17';
  if (value === '2012-10-17') return '2012-10-17';
  errors.push(`unsupported Version ${describeJson(value)}`);
  return '2008-10-17';
}
