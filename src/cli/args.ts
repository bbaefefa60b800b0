import { UsageError } from './errors';
import { BYTES_PER_MIB, DEFAULT_LIMITS, ReadLimits } from './limits';

/**
 * The command line's own small argument parser (the package has no runtime dependencies).
 * Accepts `--flag value` and `--flag=value`; every option is listed in `usage.ts`.
 */

export type OutputFormat = 'table' | 'json' | 'sarif' | 'fix';

/** `--least-privilege`: excess permissions and other writers as warnings (the default), as failures, or not analysed. */
export type LeastPrivilegeOption = 'warn' | 'error' | 'off';
const LEAST_PRIVILEGE_OPTIONS: readonly LeastPrivilegeOption[] = ['warn', 'error', 'off'];

/** `NAME=FILE` / `NAME=VALUE` options, in the order given. */
export interface KeyedValue {
  readonly key: string;
  readonly value: string;
}

export interface CheckOptions {
  /** The cloud assembly directory; undefined when not given (see `defaultAssemblyDirectory`). */
  readonly assembly?: string;
  readonly format: OutputFormat;
  /** CONDITIONAL and UNKNOWN fail too. */
  readonly strict: boolean;
  /** One file per organisation level, root first. */
  readonly scpFiles: readonly string[];
  readonly rcpFiles: readonly string[];
  readonly organizationId?: string;
  readonly bucketPolicies: readonly KeyedValue[];
  readonly bucketAccounts: readonly KeyedValue[];
  /** Buckets outside the app that have Requester Pays on. */
  readonly requesterPaysBuckets: readonly string[];
  readonly keyPolicies: readonly KeyedValue[];
  readonly managedPolicies: readonly KeyedValue[];
  /** Account ID (or `*` for every account) = settings file. */
  readonly accountBlockPublicAccess: readonly KeyedValue[];
  readonly defaultAccount?: string;
  /** How much is read at most (--max-file-size, --max-total-size, --max-stacks). */
  readonly limits: ReadLimits;
  /** `--least-privilege`; undefined: 'warn'. */
  readonly leastPrivilege?: LeastPrivilegeOption;
}

/** `explain`: the options of `check` (the environment the templates cannot show), and the error to explain. */
export interface ExplainOptions extends CheckOptions {
  /** The error text from --message; undefined: read it from standard input. */
  readonly message?: string;
}

export type ParsedArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly options: CheckOptions }
  | { readonly kind: 'explain'; readonly options: ExplainOptions };

const COMMANDS = 'the commands are `check` and `explain`';

const ACCOUNT_ID = /^\d{12}$/;
// Organizations API: "o-" followed by 10 to 32 lowercase letters or digits.
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

type OptionsWithoutLimits = Omit<ExplainOptions, 'limits'>;
type MutableOptions = {
  -readonly [K in keyof OptionsWithoutLimits]: OptionsWithoutLimits[K] extends readonly (infer T)[] ? T[] : OptionsWithoutLimits[K];
} & { limits: { -readonly [K in keyof ReadLimits]: ReadLimits[K] } };

type FlagHandler = (options: MutableOptions, value: string, flag: string) => void;

/** Flags that take a value. */
const VALUE_FLAGS: Record<string, FlagHandler> = {
  '--scp': (o, v) => o.scpFiles.push(v),
  '--rcp': (o, v) => o.rcpFiles.push(v),
  '--org-id': (o, v, f) => {
    if (!ORGANIZATION_ID.test(v)) throw new UsageError(`${f} expects an organization ID like o-a1b2c3d4e5, got "${v}"`);
    o.organizationId = v;
  },
  '--bucket-policy': (o, v, f) => addKeyed(o.bucketPolicies, keyed(v, f, 'BUCKET_NAME=FILE'), f),
  '--bucket-account': (o, v, f) => {
    const kv = keyed(v, f, 'BUCKET_NAME=ACCOUNT_ID');
    if (!ACCOUNT_ID.test(kv.value)) throw new UsageError(`${f} expects a 12-digit account ID after "=", got "${kv.value}"`);
    addKeyed(o.bucketAccounts, kv, f);
  },
  '--requester-pays': (o, v) => o.requesterPaysBuckets.push(v),
  '--key-policy': (o, v, f) => addKeyed(o.keyPolicies, keyed(v, f, 'KEY_ARN=FILE'), f),
  '--managed-policy': (o, v, f) => addKeyed(o.managedPolicies, keyed(v, f, 'POLICY_ARN=FILE'), f),
  '--account-bpa': (o, v, f) => addKeyed(o.accountBlockPublicAccess, accountBpa(v), f),
  '--default-account': (o, v, f) => {
    if (!ACCOUNT_ID.test(v)) throw new UsageError(`${f} expects a 12-digit account ID, got "${v}"`);
    o.defaultAccount = v;
  },
  '--least-privilege': (o, v, f) => {
    if (!LEAST_PRIVILEGE_OPTIONS.includes(v as LeastPrivilegeOption)) throw new UsageError(`${f} expects warn, error or off, got "${v}"`);
    o.leastPrivilege = v as LeastPrivilegeOption;
  },
  '--max-file-size': (o, v, f) => { o.limits.maxFileBytes = mebibytes(v, f); },
  '--max-total-size': (o, v, f) => { o.limits.maxTotalBytes = mebibytes(v, f); },
  '--max-stacks': (o, v, f) => { o.limits.maxStacks = count(v, f); },
  '--message': (o, v, f) => {
    if (o.message !== undefined) throw new UsageError(`${f} given twice: give one error message`);
    o.message = v;
  },
};

/** Flags that take no value. */
const SWITCHES: Record<string, (options: MutableOptions, flag: string) => void> = {
  '--json': (o, f) => setFormat(o, 'json', f),
  '--sarif': (o, f) => setFormat(o, 'sarif', f),
  '--fix': (o, f) => setFormat(o, 'fix', f),
  '--strict': o => { o.strict = true; },
};

/**
 * @param argv the arguments after the program name
 * @throws UsageError for anything the usage line does not allow
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  // Help and version win wherever they appear, as in most command lines.
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  if (argv.includes('--version')) return { kind: 'version' };

  const options: MutableOptions = {
    format: 'table',
    strict: false,
    scpFiles: [],
    rcpFiles: [],
    bucketPolicies: [],
    bucketAccounts: [],
    requesterPaysBuckets: [],
    keyPolicies: [],
    managedPolicies: [],
    accountBlockPublicAccess: [],
    limits: { ...DEFAULT_LIMITS },
  };
  const positionals: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inlineValue = flag === arg ? undefined : arg.slice(eq + 1);

    if (flag in SWITCHES) {
      if (inlineValue !== undefined) throw new UsageError(`${flag} takes no value`);
      SWITCHES[flag](options, flag);
    } else if (flag in VALUE_FLAGS) {
      let value = inlineValue;
      if (value === undefined) {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
        value = next;
        i++;
      }
      if (value === '') throw new UsageError(`${flag} needs a value`);
      VALUE_FLAGS[flag](options, value, flag);
    } else {
      throw new UsageError(`unknown option ${flag}`);
    }
  }

  const [command, assembly, ...extra] = positionals;
  if (command === undefined) throw new UsageError(`missing command: ${COMMANDS}`);
  if (command !== 'check' && command !== 'explain') throw new UsageError(`unknown command "${command}": ${COMMANDS}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}": give one assembly directory`);
  if (command === 'explain') return { kind: 'explain', options: explainOptions(options, assembly) };
  if (options.message !== undefined) throw new UsageError('--message is an option of `explain`, not of `check`');
  return { kind: 'check', options: { ...options, assembly } };
}

function explainOptions(options: MutableOptions, assembly: string | undefined): ExplainOptions {
  if (options.format === 'sarif') throw new UsageError('--sarif is an option of `check`: explain prints text or --json');
  if (options.format === 'fix') throw new UsageError('--fix is an option of `check`: explain prints text or --json');
  if (options.strict) throw new UsageError('--strict is an option of `check`: explain judges one request');
  if (options.leastPrivilege !== undefined) throw new UsageError('--least-privilege is an option of `check`: explain judges one request');
  return { ...options, assembly };
}

function setFormat(options: MutableOptions, format: OutputFormat, flag: string): void {
  if (options.format !== 'table' && options.format !== format) {
    throw new UsageError(`${flag} cannot be combined with --${options.format}: choose one output format`);
  }
  options.format = format;
}

/** `KEY=VALUE`, split at the first `=` (bucket names, ARNs and account IDs never contain one; file paths may). */
function keyed(arg: string, flag: string, shape: string): KeyedValue {
  const eq = arg.indexOf('=');
  if (eq <= 0 || eq === arg.length - 1) throw new UsageError(`${flag} expects ${shape}, got "${arg}"`);
  return { key: arg.slice(0, eq), value: arg.slice(eq + 1) };
}

function addKeyed(list: KeyedValue[], kv: KeyedValue, flag: string): void {
  if (list.some(existing => existing.key === kv.key)) {
    throw new UsageError(`${flag} given twice for "${kv.key}": give one per name`);
  }
  list.push(kv);
}

/** A size in MiB (fractions allowed: 0.5), as bytes. */
function mebibytes(value: string, flag: string): number {
  const mib = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  const bytes = Math.floor(mib * BYTES_PER_MIB);
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new UsageError(`${flag} expects a size in MiB, like 256 or 0.5, got "${value}"`);
  return bytes;
}

/** A positive whole number. */
function count(value: string, flag: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} expects a whole number of at least 1, got "${value}"`);
  return n;
}

/** `FILE` (every account) or `ACCOUNT_ID=FILE` / `*=FILE`. */
function accountBpa(arg: string): KeyedValue {
  const match = /^(\d{12}|\*)=(.+)$/.exec(arg);
  return match ? { key: match[1], value: match[2] } : { key: '*', value: arg };
}
