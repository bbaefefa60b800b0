import { Tri } from '../tri';

/** Options for {@link globMatch}. */
export interface GlobOptions {
  /** Compare letters case-insensitively (action names, *IgnoreCase operators). */
  readonly ignoreCase?: boolean;
  /** Whether `*` and `?` in the pattern are wildcards (StringLike: yes; StringEquals: no). */
  readonly wildcards: boolean;
}

/**
 * Match a pattern against a value; either may contain atoms (symbolic.ts). 'true' when it matches for every
 * value the atoms could take, 'false' when for none, 'unknown' otherwise.
 * OWNER: the iam-conditions helper implements this.
 */
export function globMatch(_pattern: string, _value: string, _options: GlobOptions): Tri {
  throw new Error('not implemented yet');
}
