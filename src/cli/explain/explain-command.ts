import * as fs from 'fs';
import { explainDenial, Explanation } from './explain-denial';
import { parseDenial } from './parse-denial';
import { explanationJson, explanationText } from './render-explanation';
import { ExplainOptions } from '../args';
import { defaultAssemblyDirectory, loadAssembly } from '../assembly';
import { environmentFromOptions } from '../environment';
import { CliInputError, UsageError } from '../errors';
import { EXIT_FAILED } from '../exit-code';

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
  return readCapped(0, options.limits.maxFileBytes);
}

/**
 * Standard input, whatever it is (a file, a pipe, or the socket a parent process gives), up to the file size
 * limit: a log line is small, and a runaway producer must not fill the memory.
 */
function readCapped(fd: number, maxBytes: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.alloc(64 * 1024);
  for (;;) {
    let read: number;
    try {
      read = fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw new CliInputError(`standard input could not be read: ${(e as Error).message}`);
    }
    if (read === 0) break;
    total += read;
    if (total > maxBytes) throw new CliInputError('standard input is larger than the file size limit (--max-file-size): give the error line only');
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
  return Buffer.concat(chunks).toString('utf8');
}
