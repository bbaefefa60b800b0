import { globMatch, LITERAL_QUESTION, LITERAL_STAR } from '../../../src/iam/match/glob';
import { parseJsonText } from '../../../src/iam/policy/json-text';
import { atom, isSymbolic, parseSymbolic, RESERVED_CHARACTERS, replaceReservedCharacters } from '../../../src/iam/symbolic';

describe('reserved characters', () => {
  test('cover the atom delimiters and the literal wildcard markers of the matcher', () => {
    expect(RESERVED_CHARACTERS).toEqual(expect.arrayContaining(['\uE000', '\uE001', LITERAL_STAR, LITERAL_QUESTION]));
  });

  test('text holding them becomes text with opaque atoms: equal to itself, unknown against anything else', () => {
    const forged = replaceReservedCharacters(`bucket-${atom('generated', 'Stack/Bucket.Ref')}`);
    expect(parseSymbolic(forged).filter((p) => 'atom' in p).map((p) => 'atom' in p && p.atom.kind)).toEqual(['opaque', 'opaque']);
    expect(globMatch(forged, forged, { wildcards: false })).toBe('true');
    // A generated name holds no `/` or `:`, so the literal text between the two atoms can never spell one.
    expect(globMatch(forged, `bucket-${atom('generated', 'Stack/Bucket.Ref')}`, { wildcards: false })).toBe('false');
    expect(globMatch(replaceReservedCharacters('a\uE000'), 'ab', { wildcards: false })).toBe('unknown');
    expect(replaceReservedCharacters('plain text')).toBe('plain text');
  });
});

describe('parseJsonText', () => {
  test('a \\u escape of a reserved character is read as an opaque atom, not as the character', () => {
    const parsed = parseJsonText('{"Resource":"arn:aws:s3:::\\uE000generated:S/B.Ref\\uE001/*"}') as { Resource: string };
    expect(parseSymbolic(parsed.Resource).some((p) => 'atom' in p && p.atom.kind === 'generated')).toBe(false);
    expect(isSymbolic(parsed.Resource)).toBe(true);
    expect(parseJsonText('"\\ue002"')).not.toBe(LITERAL_STAR);
  });

  test('atoms already in the text (a document built around a resolved reference) are kept', () => {
    const generatedName = atom('generated', 'S/B.Ref');
    expect(parseJsonText(`{"Resource":"arn:aws:s3:::${generatedName}/*"}`)).toEqual({ Resource: `arn:aws:s3:::${generatedName}/*` });
  });

  test('other escapes, and an escaped backslash before "uE000", keep their JSON meaning', () => {
    expect(parseJsonText('"a\\u0041\\n\\\\uE000"')).toBe('aA\n\\uE000');
    expect(() => parseJsonText('{')).toThrow();
  });
});
