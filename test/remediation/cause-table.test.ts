import { CAUSE_CODES, CAUSE_TABLE } from '../../src/analysis/causes/cause-table';
import { WriteAccessCauseCode } from '../../src/checker';
import { CAUSE_RULES } from '../../src/cli/format/sarif-rules';

describe('one table of causes', () => {
  test('the public enum lists exactly the table\'s codes, in its order', () => {
    expect(Object.values(WriteAccessCauseCode)).toEqual([...CAUSE_CODES]);
    expect(Object.keys(WriteAccessCauseCode)).toEqual([...CAUSE_CODES]);
  });

  test('every code has one entry with a title, help text and an AWS documentation page', () => {
    expect(Object.keys(CAUSE_TABLE).sort()).toEqual([...CAUSE_CODES].sort());
    for (const code of CAUSE_CODES) {
      const entry = CAUSE_TABLE[code];
      expect(entry.short.length).toBeGreaterThan(10);
      expect(entry.help.length).toBeGreaterThan(10);
      expect(entry.helpUri).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  test('the SARIF rules are the table', () => {
    for (const code of CAUSE_CODES) expect(CAUSE_RULES[code]).toBe(CAUSE_TABLE[code]);
  });

  test('the KMS help names the exact grants (Decrypt is not part of grantEncrypt)', () => {
    expect(CAUSE_TABLE.KMS_IDENTITY.help).toContain('key.grantDecrypt(fn)');
    expect(CAUSE_TABLE.KMS_IDENTITY.help).not.toContain('grantEncrypt(');
  });
});
