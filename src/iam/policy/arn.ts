import { BoundedCache } from '../bounded-cache';
import { ATOM_CLOSE, ATOM_OPEN } from '../symbolic';

/**
 * Split an ARN into its six components — partition, service, region, account, resource — keeping every colon of
 * the resource part (`arn:aws:s3:::b/k:1` has resource `b/k:1`). Colons inside atoms (symbolic.ts) are not
 * separators. Returns fewer than six components when the text is not a full ARN (or an atom stands for
 * several components).
 */
export function splitArn(value: string): readonly string[] {
  // A statement's Resource entries and a request's resource are split again for every statement and request that
  // meets them; the same parts (the same string objects, whose hashes are then known) are handed out each time.
  return split.get(value, () => Object.freeze(splitOnce(value)));
}

const split = new BoundedCache<readonly string[]>(20_000);

function splitOnce(value: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let insideAtom = false;
  for (let i = 0; i < value.length && parts.length < 5; i++) {
    const c = value[i];
    if (c === ATOM_OPEN) {insideAtom = true;} else if (c === ATOM_CLOSE) {insideAtom = false;} else if (c === ':' && !insideAtom) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** Number of components in a full ARN. */
export const ARN_COMPONENTS = 6;
