import { isSymbolic } from '../../iam/symbolic';
import { AssemblyIndex, isRecord, ResourceEntry } from '../cfn/assembly-index';

/**
 * ARNs as the target template would write them: `Fn::GetAtt [LogicalId, Arn]` for a resource of the same template,
 * `Fn::ImportValue` of an export of the resource's own stack for one of another stack (what the CDK writes for a
 * cross-stack reference), the literal ARN when the templates fix it. Undefined when none of these can name it.
 */
export function arnExpression(index: AssemblyIndex, targetTemplate: string | undefined, entry: ResourceEntry | undefined,
  arn: string, suffix = ''): unknown {
  if (entry && entry.stack.templatePath === targetTemplate) return joined({ 'Fn::GetAtt': [entry.logicalId, 'Arn'] }, suffix);
  if (!isSymbolic(arn)) return `${arn}${suffix}`;
  if (entry) {
    const exported = index.exports.find((e) => e.stack === entry.stack && isGetAttArn(e.value, entry.logicalId) && typeof e.name === 'string');
    if (exported) return joined({ 'Fn::ImportValue': exported.name }, suffix);
  }
  return undefined;
}

function isGetAttArn(value: unknown, logicalId: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const getAtt = (value as Record<string, unknown>)['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return getAtt[0] === logicalId && getAtt[1] === 'Arn';
  return getAtt === `${logicalId}.Arn`;
}

function joined(expression: unknown, suffix: string): unknown {
  return suffix === '' ? expression : { 'Fn::Join': ['', [expression, suffix]] };
}

/** A TypeScript string literal. */
export function tsString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The value at a `/`-separated property path (array indexes as numbers). */
export function atPath(value: unknown, path: readonly string[]): unknown {
  let current: unknown = value;
  for (const part of path) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (isRecord(current)) current = current[part];
    else return undefined;
  }
  return current;
}

