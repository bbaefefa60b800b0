import { isRecord } from './assembly-index';
import { hasOpaque } from './opaque';
import { sameJson } from './same-json';
import { isSymbolic } from '../../iam/symbolic';
import { and, not, or, Tri } from '../../iam/tri';

/**
 * Template `Conditions` (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`), in three-valued logic:
 * a comparison of values the templates do not fix is 'unknown', never guessed.
 */
export interface ConditionScope {
  resolve(value: unknown): unknown;
  condition(name: string): Tri;
}

export function evaluateCondition(expression: unknown, scope: ConditionScope): Tri {
  if (!isRecord(expression)) return 'unknown';
  const keys = Object.keys(expression);
  if (keys.length !== 1) return 'unknown';
  const arg = expression[keys[0]];
  switch (keys[0]) {
    case 'Condition': return typeof arg === 'string' ? scope.condition(arg) : 'unknown';
    case 'Fn::Equals': return Array.isArray(arg) && arg.length === 2 ? equals(scope.resolve(arg[0]), scope.resolve(arg[1])) : 'unknown';
    case 'Fn::Not': return Array.isArray(arg) && arg.length === 1 ? not(evaluateCondition(arg[0], scope)) : 'unknown';
    case 'Fn::And': return Array.isArray(arg) ? and(...arg.map((a) => evaluateCondition(a, scope))) : 'unknown';
    case 'Fn::Or': return Array.isArray(arg) ? or(...arg.map((a) => evaluateCondition(a, scope))) : 'unknown';
    default: return 'unknown';
  }
}

/** Equal values are equal; values with atoms are compared only when identical (unknown is never "different"). */
function equals(a: unknown, b: unknown): Tri {
  if (sameJson(normalise(a), normalise(b))) return 'true';
  const text = `${JSON.stringify(a)}${JSON.stringify(b)}`;
  if (isSymbolic(text) || hasOpaque(text)) return 'unknown';
  return 'false';
}

/** Fn::Equals compares numbers and booleans as their string forms. */
function normalise(v: unknown): unknown {
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}
