import { ConditionClause, Effect } from '../../iam/model';
import { headerHint, isNetworkKey } from '../request/request-keys';

/**
 * What the request must (not) carry to get past one condition clause, in words a developer can act on:
 * "send `x-amz-server-side-encryption: aws:kms` (SDK: `ServerSideEncryption: 'aws:kms'`)".
 *
 * A Deny fires when its clause holds, so the request must make the clause false; an Allow needs it true.
 * Negated operators and `Null: true` hold when the key is absent: a Deny built on them is avoided by sending
 * one of the listed values (IAM condition operators; S3 User Guide, "require SSE" examples).
 */
export function clauseFix(clause: ConditionClause, effect: Effect, show: (v: string) => string): string {
  const op = clause.operator.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
  const negated = /Not/.test(op);
  const values = clause.values.map(show);
  const key = clause.key;
  if (key.toLowerCase() === 'aws:securetransport') return 'send the request over HTTPS (every AWS SDK does by default)';
  if (isNetworkKey(key)) {
    return `route the function's S3 traffic so that ${key} ${negated ? 'is one of' : 'is not'} ${values.join(', ')}`
      + ' (VPC configuration, S3 gateway endpoint and route tables)';
  }
  const hint = headerHint(key);
  const header = hint?.header ?? key;
  const sdk = hint?.sdk ?? key;
  if (op === 'Null') {
    const nullTrue = clause.values.includes('true');
    const mustSend = (effect === 'Deny') === nullTrue;
    return mustSend ? `send the \`${header}\` header (SDK: \`${sdk}\`)` : `do not send the \`${header}\` header`;
  }
  const mustBeOneOf = (effect === 'Deny') === negated;
  const value = values[0] ?? '';
  if (mustBeOneOf) {
    const sdkValue = sdk.includes('=') ? sdk.replace('<value>', value) : `${sdk}: '${value}'`;
    return `send \`${header}: ${value}\`${values.length > 1 ? ` (or one of ${values.join(', ')})` : ''} (SDK: \`${sdkValue}\`)`;
  }
  return `do not send \`${header}\` with ${values.join(' or ')}`;
}
