import { atom, parseSymbolic } from '../../iam/symbolic';

/**
 * `Fn::Split` over a string that may hold atoms. Generated names and the agnostic account/region never contain
 * the ARN and path delimiters, so a split on literal text is exact. Any other atom might contain the delimiter:
 * the split is then unknown (undefined).
 */
const SAFE_ATOM_IDS = new Set(['AWS::AccountId', 'AWS::Region']);

export function splitSymbolic(source: string, delimiter: string): string[] | undefined {
  const parts = parseSymbolic(source);
  const pieces: string[] = [''];
  for (const p of parts) {
    if ('atom' in p) {
      if (p.atom.kind !== 'generated' && !SAFE_ATOM_IDS.has(p.atom.id)) return undefined;
      pieces[pieces.length - 1] += atom(p.atom.kind, p.atom.id);
      continue;
    }
    const chunks = p.literal.split(delimiter);
    pieces[pieces.length - 1] += chunks[0];
    for (const c of chunks.slice(1)) pieces.push(c);
  }
  return pieces;
}
