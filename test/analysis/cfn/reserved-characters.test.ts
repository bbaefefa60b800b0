import { withoutReservedCharacters } from '../../../src/analysis/cfn/reserved-characters';
import { hasReservedCharacter, isSymbolic } from '../../../src/iam/symbolic';

describe('withoutReservedCharacters', () => {
  test('replaces reserved characters in values and keys, at any depth', () => {
    const input = { a: ['x\uE000y', { 'k\uE002': 'v\uE003' }], b: 1, c: null };
    const out = withoutReservedCharacters(input) as unknown as { a: [string, Record<string, string>] };
    expect(hasReservedCharacter(JSON.stringify(out).replace(/\uE000opaque:[^\uE001]*\uE001/g, ''))).toBe(false);
    expect(isSymbolic(out.a[0])).toBe(true);
    expect(Object.keys(out.a[1])[0]).not.toBe('k\uE002');
  });

  test('input without them comes back as the same objects (no copy)', () => {
    const input = { Resources: { A: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'k', Value: 'v' }] } } } };
    expect(withoutReservedCharacters(input)).toBe(input);
  });

  test('keys before the first change are kept, a __proto__ key stays a plain key, cycles end', () => {
    const input = JSON.parse('{"first":1,"__proto__":{"x":"\\uE001"},"last":2}');
    const out = withoutReservedCharacters(input);
    expect(Object.keys(out)).toEqual(['first', '__proto__', 'last']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    const cyclic: Record<string, unknown> = { name: '\uE000' };
    cyclic.self = cyclic;
    expect(() => withoutReservedCharacters(cyclic)).not.toThrow();
  });
});
