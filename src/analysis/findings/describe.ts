import { parseSymbolic } from '../../iam/symbolic';

/**
 * Symbolic strings for people: a generated name becomes `<construct path>` (or `<construct path>.Attr`), an
 * opaque value `<what it stands for>`. `names` maps `artifactId/logicalId` to the construct path.
 */
export function readable(value: string, names: ReadonlyMap<string, string>): string {
  return parseSymbolic(value).map((p) => {
    if ('literal' in p) return p.literal;
    if (p.atom.kind === 'generated') {
      const m = /^(.*)\.([^./]+)$/.exec(p.atom.id);
      const path = m ? names.get(m[1]) : undefined;
      if (path && m) return m[2] === 'Ref' ? `<${path}>` : `<${path}.${m[2]}>`;
    }
    return `<${p.atom.id}>`;
  }).join('');
}
