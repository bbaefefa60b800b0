import { CliInputError } from './errors';
import { isPlainObject, readJsonFile, syntaxErrorWhere } from './json-file';
import { DEFAULT_LIMITS } from './limits';
import { quoteInput } from './terminal-text';
import { BlockPublicAccessSettings, ExternalPolicy } from '../analysis/input';

/**
 * Policy files given on the command line. Each holds a policy document, or the output of the AWS CLI command that
 * returns it, so users can pipe `aws … > file.json` straight in:
 * - `aws s3api get-bucket-policy`, `aws kms get-key-policy`: `{"Policy": "<document as a string>"}`
 * - `aws organizations describe-policy`: `{"Policy": {"Content": "<document as a string>", "PolicySummary": {…}}}`
 * - `aws iam get-policy-version`: `{"PolicyVersion": {"Document": {…} or "<URL-encoded document>"}}`
 * - `aws s3control get-public-access-block`: `{"PublicAccessBlockConfiguration": {…}}`
 * The documents themselves are not validated here: a malformed policy is the analysis's to report as UNKNOWN.
 */

const REMEDY = 'give the path of a JSON file';

/**
 * One policy document (bucket, key or managed policy).
 * @param maxBytes the size cap (--max-file-size)
 */
export function readPolicyFile(file: string, flag: string, maxBytes: number = DEFAULT_LIMITS.maxFileBytes): unknown {
  const content = readJsonFile(file, `the policy given with ${flag}`, REMEDY, maxBytes);
  const document = unwrapCliOutput(content, file, flag);
  if (!isPlainObject(document)) {
    throw new CliInputError(`${file} (${flag}): expected a policy document (a JSON object with "Statement")`);
  }
  return document;
}

/** The policies of one organization level: a document, an array of documents, or CLI output for either. */
export function readPolicyLevelFile(file: string, flag: string, maxBytes: number = DEFAULT_LIMITS.maxFileBytes): ExternalPolicy[] {
  const content = readJsonFile(file, `the policies given with ${flag}`, REMEDY, maxBytes);
  const items = Array.isArray(content) ? content : [content];
  return items.map((item, index) => {
    const document = unwrapCliOutput(item, file, flag);
    if (!isPlainObject(document)) {
      throw new CliInputError(`${file} (${flag}): expected a policy document or an array of them (JSON objects with "Statement")`);
    }
    const label = policyLabel(item) ?? (items.length > 1 ? `#${index}` : undefined);
    return { name: label ? `${file} ${label}` : file, document };
  });
}

/** Account-level Block Public Access settings, in the API's spelling or the CDK's. */
export function readBlockPublicAccessFile(file: string, flag: string, maxBytes: number = DEFAULT_LIMITS.maxFileBytes): BlockPublicAccessSettings {
  const content = readJsonFile(file, `the Block Public Access settings given with ${flag}`, REMEDY, maxBytes);
  const settings = isPlainObject(content) && isPlainObject(content.PublicAccessBlockConfiguration)
    ? content.PublicAccessBlockConfiguration
    : content;
  if (!isPlainObject(settings)) {
    throw new CliInputError(`${file} (${flag}): expected an object like {"BlockPublicAcls": true, "IgnorePublicAcls": true, …}`);
  }
  const result: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(settings)) {
    const field = BPA_FIELDS[key];
    if (field === undefined) {
      throw new CliInputError(`${file} (${flag}): unknown setting ${quoteInput(key)}; expected ${Object.keys(BPA_FIELDS).filter(isPascal).join(', ')}`);
    }
    if (typeof value !== 'boolean') throw new CliInputError(`${file} (${flag}): ${quoteInput(key)} must be true or false`);
    result[field] = value;
  }
  return result as BlockPublicAccessSettings;
}

const BPA_FIELDS: Record<string, keyof BlockPublicAccessSettings> = {
  BlockPublicAcls: 'blockPublicAcls',
  IgnorePublicAcls: 'ignorePublicAcls',
  BlockPublicPolicy: 'blockPublicPolicy',
  RestrictPublicBuckets: 'restrictPublicBuckets',
  blockPublicAcls: 'blockPublicAcls',
  ignorePublicAcls: 'ignorePublicAcls',
  blockPublicPolicy: 'blockPublicPolicy',
  restrictPublicBuckets: 'restrictPublicBuckets',
};

function isPascal(key: string): boolean {
  return /^[A-Z]/.test(key);
}

function unwrapCliOutput(content: unknown, file: string, flag: string): unknown {
  if (!isPlainObject(content) || 'Statement' in content) return content;
  if (typeof content.Policy === 'string') return parseEmbedded(content.Policy, file, flag);
  if (isPlainObject(content.Policy) && typeof content.Policy.Content === 'string') {
    return parseEmbedded(content.Policy.Content, file, flag);
  }
  if (isPlainObject(content.PolicyVersion) && 'Document' in content.PolicyVersion) {
    const document = content.PolicyVersion.Document;
    // The IAM API returns the document URL-encoded; the AWS CLI decodes it, other tools may not.
    return typeof document === 'string' ? parseEmbedded(safeDecode(document), file, flag) : document;
  }
  return content;
}

function parseEmbedded(text: string, file: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // JSON.parse's message quotes the text: only where the error is goes into ours.
    throw new CliInputError(`${file} (${flag}): the policy inside is not valid JSON (${syntaxErrorWhere(e, text)})`);
  }
}

function safeDecode(text: string): string {
  if (text.trimStart().startsWith('{')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The policy's name in `describe-policy` output, for messages. */
function policyLabel(item: unknown): string | undefined {
  if (!isPlainObject(item) || !isPlainObject(item.Policy) || !isPlainObject(item.Policy.PolicySummary)) return undefined;
  const name = item.Policy.PolicySummary.Name;
  return typeof name === 'string' ? `(${name})` : undefined;
}
