import { PolicyVersion, RequestContext } from '../model';
import { substituteVariables } from '../variables';
import { ComparisonOperator } from './operator';

/** A policy value after policy-variable substitution. `raw` is the value as written, for messages. */
export type PolicyValue =
  | { readonly raw: string; readonly kind: 'value'; readonly text: string }
  | { readonly raw: string; readonly kind: 'noValue'; readonly reason: string }
  | {
    readonly raw: string;
    readonly kind: 'unknown';
    readonly reason: string;
    /** The value with opaque atoms for the unknown variables, when one text covers every case. */
    readonly symbolic?: string;
    readonly mayHaveNoValue?: boolean;
  };

/**
 * Substitute policy variables where the operator takes them: String, ARN and Bool operators; never Numeric, Date,
 * Binary, IP address or Null (IAM "Variables and tags": "You can use policy variables ... with string and ARN
 * condition operators"; condition operators page, Boolean: variables supported).
 */
export function resolvePolicyValues(
  op: ComparisonOperator,
  values: readonly string[],
  context: RequestContext,
  version: PolicyVersion,
): PolicyValue[] {
  return values.map((raw): PolicyValue => {
    if (!op.policyVariables) return { raw, kind: 'value', text: raw };
    const substituted = substituteVariables(raw, context, version);
    if ('value' in substituted) return { raw, kind: 'value', text: substituted.value };
    if ('noValue' in substituted) return { raw, kind: 'noValue', reason: substituted.noValue };
    return {
      raw,
      kind: 'unknown',
      reason: substituted.unknown,
      symbolic: substituted.symbolic,
      mayHaveNoValue: substituted.mayHaveNoValue,
    };
  });
}
