import * as path from 'path';
import { pathToFileURL } from 'url';
import { CheckOptions, parseArgs } from './args';
import { LoadedAssembly, defaultAssemblyDirectory, loadAssembly } from './assembly';
import { environmentFromOptions } from './environment';
import { CliInputError, UsageError } from './errors';
import { EXIT_INPUT_ERROR, EXIT_PASSED, exitCodeFor } from './exit-code';
import { runExplain } from './explain/explain-command';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatTable } from './format/table';
import { oneLine } from './json-file';
import { resourceLocator } from './locate';
import { packageInfo } from './package-info';
import { HELP_TEXT, USAGE_LINE } from './usage';
import { analyzeAssembly } from '../analysis/analyze';
import { Report } from '../analysis/report';
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
  const report = assembly.acknowledgements.apply(analyzeAssembly(assembly.input, environment));
  if (assembly.nestedStacks.length > 0) {
    // On stderr, so the JSON and SARIF on stdout stay intact.
    io.stderr(`${PROGRAM}: note: not checked: functions in CloudFormation nested stacks (${escapeForTerminal(namedList(assembly.nestedStacks))})\n`);
  }
  io.stdout(render(report, options, assembly, process.cwd()));
  return exitCodeFor(report, options.strict);
}

function render(report: Report, options: CheckOptions, assembly: LoadedAssembly, cwd: string): string {
  switch (options.format) {
    case 'json':
      return formatJson(report);
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
      return formatTable(report, { stackCount: assembly.input.stacks.length, strict: options.strict });
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
