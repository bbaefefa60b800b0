import { explainDenial, Explanation } from './explain-denial';
import { parseDenial } from './parse-denial';
import { explanationJson, explanationText } from './render-explanation';
import { ExplainOptions } from '../args';
import { defaultAssemblyDirectory, loadAssembly } from '../assembly';
import { environmentFromOptions } from '../environment';
import { CliInputError, UsageError } from '../errors';
import { EXIT_FAILED } from '../exit-code';
import { perFileCap, readUserFile } from '../safe-file';

/** Where the command writes and reads (standard input when --message is not given). */
export interface ExplainIo {
  readonly stdout: (text: string) => void;
  readonly readStdin?: () => string;
}

/**
 * `explain`: every error it can read is a denial AWS made, so every explained error exits 1 (EXIT_FAILED) —
 * whether the templates deny the request too, or allow it and the cause is outside them or the deployed stack
 * differs (drift): each is a denial to act on. Exit 2 (thrown CliInputError) when no S3 or KMS error is in the text.
 */
export function runExplain(options: ExplainOptions, io: ExplainIo): number {
  const text = options.message ?? readMessage(options, io);
  const denial = parseDenial(text);
  if (!denial) {
    throw new CliInputError('no S3 or KMS access error in the message: give the error line the function logged (AccessDenied, AccessDeniedException, AccessControlListNotSupported or an Object Lock InvalidRequest)');
  }
  const assembly = loadAssembly(options.assembly ?? defaultAssemblyDirectory(), options.limits);
  const explanation: Explanation = explainDenial(assembly.input, environmentFromOptions(options), denial);
  io.stdout(options.format === 'json' ? explanationJson(explanation) : explanationText(explanation));
  return EXIT_FAILED;
}

function readMessage(options: ExplainOptions, io: ExplainIo): string {
  if (io.readStdin) return io.readStdin();
  if (process.stdin.isTTY) throw new UsageError('explain needs the error: --message "<error text>" or the text on standard input');
  const label = { shown: 'standard input', what: 'the error message', remedy: '' };
  return readUserFile('/dev/stdin', perFileCap(options.limits.maxFileBytes), label).toString('utf8');
}
