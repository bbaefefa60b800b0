import * as path from 'path';
import { pathToFileURL } from 'url';
import { Acknowledgements } from './acknowledgements';
import { CheckOptions, LeastPrivilegeOption, parseArgs } from './args';
import { LoadedAssembly, defaultAssemblyDirectory, loadAssembly } from './assembly';
import { environmentFromOptions } from './environment';
import { CliInputError, UsageError } from './errors';
import { EXIT_FAILED, EXIT_INPUT_ERROR, EXIT_PASSED, exitCodeFor } from './exit-code';
import { runExplain } from './explain/explain-command';
import { formatFix } from './format/fix';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatTable } from './format/table';
import { oneLine } from './json-file';
import { resourceLocator } from './locate';
import { packageInfo } from './package-info';
import { HELP_TEXT, USAGE_LINE } from './usage';
import { analyzeAssembly } from '../analysis/analyze';
import { withExcessAcknowledged } from '../analysis/least-privilege';
import { CauseCode, Finding, Report } from '../analysis/report';
import { escapeForTerminal } from '../analysis/text/escape-for-terminal';

/** Where the command writes, so tests can run it in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Standard input, for `explain` without --message (default: the process's). */
  readonly readStdin?: () => string;
}

const PROGRAM = 'cdk-secure-lambda-writer';
/** Set to print the stack trace of an internal error (never shown otherwise). */
export const DEBUG_ENV = 'CDK_SECURE_LAMBDA_WRITER_DEBUG';

/** Run the command; returns the exit code. Never throws. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === 'help') {
      io.stdout(HELP_TEXT);
      return EXIT_PASSED;
    }
    if (parsed.kind === 'version') {
      io.stdout(`${packageInfo().version}\n`);
      return EXIT_PASSED;
    }
    if (parsed.kind === 'explain') return runExplain(parsed.options, io);
    return check(parsed.options, io);
  } catch (e) {
    // Messages quote paths and ids from the input: escaped, so that each stays one line and inert in a terminal.
    if (e instanceof UsageError) {
      io.stderr(`${PROGRAM}: ${escapeForTerminal(e.message)}\n${USAGE_LINE}\nRun '${PROGRAM} --help' for the options.\n`);
    } else if (e instanceof CliInputError) {
      io.stderr(`${PROGRAM}: ${escapeForTerminal(e.message)}\n`);
    } else {
      io.stderr(`${PROGRAM}: internal error: ${escapeForTerminal(oneLine(e))} (please report it; set ${DEBUG_ENV}=1 for details)\n`);
      if (process.env[DEBUG_ENV]) io.stderr(`${e instanceof Error ? e.stack : String(e)}\n`);
    }
    return EXIT_INPUT_ERROR;
  }
}

/** Nested stacks named in the note before "and N more": the line stays readable however many there are. */
const MAX_NAMED_NESTED_STACKS = 10;

function check(options: CheckOptions, io: CliIo): number {
  const assembly = loadAssembly(options.assembly ?? defaultAssemblyDirectory(), options.limits);
  const environment = environmentFromOptions(options);
  const mode = options.leastPrivilege ?? 'warn';
  const analysed = assembly.acknowledgements.apply(analyzeAssembly(assembly.input, environment, { leastPrivilege: mode !== 'off' }));
  const report = judgeLeastPrivilege(analysed, assembly.acknowledgements, mode);
  if (assembly.nestedStacks.length > 0) {
    // On stderr, so the JSON and SARIF on stdout stay intact.
    io.stderr(`${PROGRAM}: note: not checked: functions in CloudFormation nested stacks (${escapeForTerminal(namedList(assembly.nestedStacks))})\n`);
  }
  for (const piece of render(report, options, assembly, process.cwd())) io.stdout(piece);
  return Math.max(exitCodeFor(report, options.strict), leastPrivilegeExitCode(report));
}

/**
 * Least privilege as `cdk synth` reports it (issue #14): each issue acknowledged by the shared rule (its rule ID on the
 * granting policy, the role, a function or the bucket, or an ancestor), and an error when it is one (anyone can write)
 * or the mode is `error`. The acknowledgement rule reads findings: each subject is asked as a finding's function.
 */
function judgeLeastPrivilege(report: Report, acknowledgements: Acknowledgements, mode: LeastPrivilegeOption): Report {
  const lp = report.leastPrivilege;
  if (!lp) return report;
  const issues = lp.issues.map((issue) => {
    const asFindings: Finding[] = issue.subjects.map(subject => ({
      function: subject, bucket: subject, keyPattern: '', intent: 'inferred', verdict: 'DENY', causes: [{ code: issue.code as CauseCode, message: '' }],
    }));
    const found = acknowledgements.apply({ version: 1, findings: asFindings }).findings.find(f => f.acknowledged);
    const severity = mode === 'error' ? 'error' as const : issue.severity;
    return { ...issue, severity, ...(found?.acknowledged ? { acknowledged: found.acknowledged } : {}) };
  });
  const roles = withExcessAcknowledged(lp.roles, issues.filter(i => i.code === 'EXCESS_PERMISSION'));
  return { ...report, leastPrivilege: { ...lp, roles, issues } };
}

/** An unacknowledged least-privilege error fails the check. */
function leastPrivilegeExitCode(report: Report): number {
  return (report.leastPrivilege?.issues ?? []).some(i => i.severity === 'error' && !i.acknowledged) ? EXIT_FAILED : EXIT_PASSED;
}

/** The output in pieces: a large app's JSON can be longer than one string may be. */
function render(report: Report, options: CheckOptions, assembly: LoadedAssembly, cwd: string): string[] {
  switch (options.format) {
    case 'json':
      return formatJson(report);
    case 'fix':
      return formatFix(report);
    case 'sarif': {
      const info = packageInfo();
      const texts = new Map<string, string | undefined>();
      return formatSarif(report, {
        toolVersion: info.version,
        informationUri: info.homepage,
        // Relative to the working directory, the %SRCROOT% base: in CI that is the checkout GitHub resolves URIs
        // against.
        sourceRootUri: directoryUri(cwd),
        artifactUri: templatePath => relativeUri(path.relative(cwd, path.join(assembly.directory, templatePath))),
        // Once per template, however many results point into it; read under the same rules as the first time.
        templateText: templatePath => {
          if (!texts.has(templatePath)) texts.set(templatePath, assembly.files.textOrUndefined(templatePath));
          return texts.get(templatePath);
        },
        locate: resourceLocator(assembly.input.stacks),
      });
    }
    default:
      return [formatTable(report, { stackCount: assembly.input.stacks.length, strict: options.strict })];
  }
}

/** `a, b, c and 7 more`. */
function namedList(names: readonly string[]): string {
  const named = names.slice(0, MAX_NAMED_NESTED_STACKS).join(', ');
  return names.length > MAX_NAMED_NESTED_STACKS ? `${named} and ${names.length - MAX_NAMED_NESTED_STACKS} more` : named;
}

/** A relative path as a relative URI reference: `/` separators, each segment percent-encoded (spaces, `#`, `%`). */
function relativeUri(relativePath: string): string {
  return relativePath.split(path.sep).map(encodeURIComponent).join('/');
}

/** An absolute directory as a `file:` URI ending in `/`, as SARIF wants for a base (`originalUriBaseIds`). */
function directoryUri(directory: string): string {
  const uri = pathToFileURL(directory).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}
