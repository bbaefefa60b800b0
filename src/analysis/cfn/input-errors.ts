import { hasOpaque } from './opaque';
import { describeJson } from '../../iam/policy/values';

/**
 * Input the analysis cannot read: a template CloudFormation would reject for its structure (`Resources` that is
 * not an object, a resource without a `Type`, `Properties` that is not an object…), or a property the analysis
 * needs whose JSON type is wrong (a role's `Policies` that is not a list). What such a part was meant to hold
 * could be any policy, so it could allow or deny any write: no verdict of the assembly is decided while one
 * remains (findings/input-errors.ts). Never dropped silently.
 */
export interface InputError {
  /** Construct path of the resource, or `stack <name>` for the template as a whole. */
  readonly location: string;
  /** What is wrong, e.g. `Properties is not an object (got "x")`. */
  readonly message: string;
  readonly templatePath?: string;
  readonly logicalId?: string;
  /** JSON path inside the resource, e.g. `Properties/Policies`. */
  readonly jsonPath?: string;
}

/** The JSON type a template element must have. */
export type JsonShape = 'object' | 'list' | 'string';

/**
 * Whether a value may have the shape. Absent is fine (the element is optional). A string holding an opaque atom is
 * a value the templates do not fix, not a wrong type: whoever reads it handles it as unresolved. A single string
 * where a list is expected is read as a list of one, as `stringList` does.
 */
export function hasShape(value: unknown, shape: JsonShape): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string' && hasOpaque(value)) return true;
  switch (shape) {
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'list': return Array.isArray(value) || typeof value === 'string';
    case 'string': return typeof value === 'string';
  }
}

/** `Properties is not an object (got "x")`. */
export function wrongShape(element: string, shape: JsonShape, value: unknown): string {
  const expected = shape === 'object' ? 'an object' : shape === 'list' ? 'a list' : 'a string';
  return `${element} is not ${expected} (got ${describeJson(value)})`;
}
