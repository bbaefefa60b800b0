import { CheckOptions, parseArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/errors';

function check(...argv: string[]): CheckOptions {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'check') throw new Error(`expected a check, got ${parsed.kind}`);
  return parsed.options;
}

function usageError(...argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  test('check with no directory leaves the directory to the default and prints a table', () => {
    const options = check('check');
    expect(options.assembly).toBeUndefined();
    expect(options.format).toBe('table');
    expect(options.strict).toBe(false);
    expect(options.scpFiles).toEqual([]);
  });

  test('the positional after check is the assembly directory', () => {
    expect(check('check', 'out/assembly').assembly).toBe('out/assembly');
    expect(check('--json', 'check', 'dir').assembly).toBe('dir');
  });

  test('--json and --sarif choose the format; together they are a usage error', () => {
    expect(check('check', '--json').format).toBe('json');
    expect(check('check', '--sarif').format).toBe('sarif');
    expect(usageError('check', '--json', '--sarif')).toMatch(/--sarif cannot be combined with --json/);
    // Repeating the same format is harmless.
    expect(check('check', '--json', '--json').format).toBe('json');
  });

  test('--strict', () => {
    expect(check('check', '--strict').strict).toBe(true);
  });

  test('--scp and --rcp repeat, one file per level, root first', () => {
    const options = check('check', '--scp', 'root.json', '--scp=ou.json', '--rcp', 'r.json');
    expect(options.scpFiles).toEqual(['root.json', 'ou.json']);
    expect(options.rcpFiles).toEqual(['r.json']);
  });

  test('NAME=FILE options keep their pairs; a file path may contain "="', () => {
    const options = check('check',
      '--bucket-policy', 'their-bucket=policies/a=b.json',
      '--key-policy=arn:aws:kms:eu-west-1:222222222222:key/k1=key.json',
      '--managed-policy', 'arn:aws:iam::111111111111:policy/boundary=b.json',
      '--bucket-account', 'their-bucket=222222222222');
    expect(options.bucketPolicies).toEqual([{ key: 'their-bucket', value: 'policies/a=b.json' }]);
    expect(options.keyPolicies).toEqual([{ key: 'arn:aws:kms:eu-west-1:222222222222:key/k1', value: 'key.json' }]);
    expect(options.managedPolicies).toEqual([{ key: 'arn:aws:iam::111111111111:policy/boundary', value: 'b.json' }]);
    expect(options.bucketAccounts).toEqual([{ key: 'their-bucket', value: '222222222222' }]);
  });

  test('NAME=FILE options without a name or a file are usage errors', () => {
    expect(usageError('check', '--bucket-policy', 'policy.json')).toMatch(/--bucket-policy expects BUCKET_NAME=FILE, got "policy.json"/);
    expect(usageError('check', '--key-policy', '=k.json')).toMatch(/KEY_ARN=FILE/);
    expect(usageError('check', '--managed-policy', 'arn=')).toMatch(/POLICY_ARN=FILE/);
  });

  test('the same name given twice is a usage error, not a silent overwrite', () => {
    expect(usageError('check', '--bucket-policy', 'b=1.json', '--bucket-policy', 'b=2.json')).toMatch(/given twice for "b"/);
  });

  test('account IDs and organization IDs are validated', () => {
    expect(usageError('check', '--bucket-account', 'b=1234')).toMatch(/12-digit account ID/);
    expect(usageError('check', '--requester-pays')).toMatch(/--requester-pays needs a value/);
    expect(check('check', '--requester-pays', 'b').requesterPaysBuckets).toEqual(['b']);
    expect(usageError('check', '--default-account', 'abc')).toMatch(/12-digit account ID/);
    expect(check('check', '--default-account', '123456789012').defaultAccount).toBe('123456789012');
    expect(usageError('check', '--org-id', 'org-1')).toMatch(/organization ID like o-/);
    expect(check('check', '--org-id', 'o-a1b2c3d4e5').organizationId).toBe('o-a1b2c3d4e5');
  });

  test('--account-bpa takes FILE (every account) or ACCOUNT=FILE', () => {
    expect(check('check', '--account-bpa', 'bpa.json').accountBlockPublicAccess).toEqual([{ key: '*', value: 'bpa.json' }]);
    expect(check('check', '--account-bpa', '111111111111=bpa.json').accountBlockPublicAccess)
      .toEqual([{ key: '111111111111', value: 'bpa.json' }]);
  });

  test('an unknown flag is a usage error that names it', () => {
    expect(usageError('check', '--frobnicate')).toBe('unknown option --frobnicate');
    expect(usageError('check', '-x')).toBe('unknown option -x');
  });

  test('a flag that needs a value fails without one, also when the next word is a flag', () => {
    expect(usageError('check', '--scp')).toBe('--scp needs a value');
    expect(usageError('check', '--scp', '--json')).toBe('--scp needs a value');
    expect(usageError('check', '--scp=')).toBe('--scp needs a value');
  });

  test('a switch given a value is a usage error', () => {
    expect(usageError('check', '--json=yes')).toBe('--json takes no value');
  });

  test('the command is required and must be check', () => {
    expect(usageError()).toMatch(/missing command/);
    expect(usageError('cdk.out')).toMatch(/unknown command "cdk.out"/);
    expect(usageError('check', 'a', 'b')).toMatch(/unexpected argument "b"/);
  });

  test('--help and --version win wherever they appear', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['check', '--bogus', '-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
  });
});
