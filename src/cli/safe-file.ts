import * as fs from 'fs';
import { CliInputError } from './errors';
import { formatMib } from './limits';

/**
 * Reading one file without hanging and without unbounded memory.
 *
 * `fs.readFileSync` on a FIFO blocks until a writer comes (forever, for a FIFO planted in an assembly), and on a
 * device such as /dev/zero grows until the process dies. So: look at the file type before opening (lstat), open
 * with O_NONBLOCK (a FIFO swapped in after the look still cannot block the open) and O_NOFOLLOW (nor can a
 * symbolic link swapped in for the last component), check again on the open descriptor, and never read more than
 * the cap plus one byte (a file that grows while read is still caught).
 */

/** How a file is named in messages: the path as the user gave it, and what the file is for. */
export interface FileLabel {
  /** The path for messages (as given, or joined to the assembly directory as given). */
  readonly shown: string;
  /** What the file is for, e.g. "template of stack App". */
  readonly what: string;
  /** What to do when it is missing. */
  readonly remedy: string;
}

// Not defined on Windows, where neither problem exists in this form.
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
// eslint-disable-next-line no-bitwise -- open(2) flags are a bit set
const READ_REGULAR_FLAGS = fs.constants.O_RDONLY | O_NONBLOCK | O_NOFOLLOW;

/** At most how many bytes, and what a larger file is refused for. */
export interface SizeCap {
  readonly maxBytes: number;
  /** What a larger file does, after its path: "is larger than 256 MiB". */
  readonly problem: string;
  /** The option that raises the cap. */
  readonly option: string;
}

/** The cap on any one file. */
export function perFileCap(maxBytes: number): SizeCap {
  return { maxBytes, problem: `is larger than ${formatMib(maxBytes)}`, option: '--max-file-size' };
}

/** Bytes asked of `readSync` at a time when the size is not known in advance (a pipe). */
const CHUNK_BYTES = 1024 * 1024;

/**
 * The contents of a regular file inside the assembly.
 *
 * @param realPath the file's real path (no symbolic link left in it: the caller resolved them and checked where
 *   they lead)
 * @param cap the size cap: a larger file is refused without being read
 */
export function readRegularFile(realPath: string, cap: SizeCap, label: FileLabel): Buffer {
  refuseUnlessRegular(lstatOrThrow(realPath, label), label);
  let fd: number;
  try {
    fd = fs.openSync(realPath, READ_REGULAR_FLAGS);
  } catch (e) {
    throw fileError(e, label);
  }
  try {
    const stat = fs.fstatSync(fd);
    refuseUnlessRegular(stat, label);
    if (stat.size > cap.maxBytes) throw tooLarge(label, cap);
    return readAtMostOrThrow(fd, cap, stat.size, label);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The contents of a file the user named on the command line (`--scp FILE`). Unlike the assembly's files, a pipe
 * is accepted, so that `--scp <(aws organizations describe-policy …)` works: the user chose it, and its writer
 * ends it. It is still read up to the cap only.
 */
export function readUserFile(file: string, cap: SizeCap, label: FileLabel): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw fileError(e, label);
  }
  if (stat.isDirectory()) throw isADirectory(label);
  if (stat.isSocket()) throw notRegular(label, 'socket');
  if (stat.isFile() && stat.size > cap.maxBytes) throw tooLarge(label, cap);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw fileError(e, label);
  }
  try {
    return readAtMostOrThrow(fd, cap, stat.isFile() ? stat.size : 0, label);
  } finally {
    fs.closeSync(fd);
  }
}

/** The file's lstat; undefined when it does not exist. Other failures are one-line input errors. */
export function lstatIfExists(file: string, label: FileLabel): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw fileError(e, label);
  }
}

function lstatOrThrow(file: string, label: FileLabel): fs.Stats {
  return lstatIfExists(file, label) ?? throwError(notFound(label));
}

function refuseUnlessRegular(stat: fs.Stats, label: FileLabel): void {
  if (stat.isFile()) return;
  if (stat.isDirectory()) throw isADirectory(label);
  throw notRegular(label, fileTypeName(stat));
}

function readAtMostOrThrow(fd: number, cap: SizeCap, expectedBytes: number, label: FileLabel): Buffer {
  let bytes: Buffer | undefined;
  try {
    bytes = readAtMost(fd, cap.maxBytes, expectedBytes);
  } catch (e) {
    throw fileError(e, label);
  }
  return bytes ?? throwError(tooLarge(label, cap));
}

/**
 * Reads until end of file; undefined as soon as more than `maxBytes` came (the rest is never read).
 * @param expectedBytes the size fstat reported (0 when unknown): one buffer then holds a regular file
 */
function readAtMost(fd: number, maxBytes: number, expectedBytes: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  // One byte more than expected, to see the end of file (or growth) without a second buffer.
  let want = Math.min(expectedBytes > 0 ? expectedBytes + 1 : CHUNK_BYTES, maxBytes + 1);
  for (;;) {
    const chunk = Buffer.allocUnsafe(want);
    const filled = fillFrom(fd, chunk);
    total += filled;
    chunks.push(chunk.subarray(0, filled));
    if (total > maxBytes) return undefined;
    if (filled < chunk.length) break;
    want = Math.min(CHUNK_BYTES, maxBytes + 1 - total);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/** Fills `buffer` from the descriptor's current position; fewer bytes only at end of file. */
function fillFrom(fd: number, buffer: Buffer): number {
  let filled = 0;
  while (filled < buffer.length) {
    const read = fs.readSync(fd, buffer, filled, buffer.length - filled, null);
    if (read === 0) break;
    filled += read;
  }
  return filled;
}

function fileTypeName(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'character device';
  if (stat.isBlockDevice()) return 'block device';
  if (stat.isSocket()) return 'socket';
  if (stat.isSymbolicLink()) return 'symbolic link';
  return 'special file';
}

export function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** A failed fs call as a one-line input error. The error code says what kind; fs messages are not passed through. */
export function fileError(e: unknown, label: FileLabel): CliInputError {
  if (isMissing(e)) return notFound(label);
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EISDIR') return isADirectory(label);
  return new CliInputError(`${label.shown} cannot be read (${label.what}): ${typeof code === 'string' ? code : 'I/O error'}`);
}

export function notFound(label: FileLabel): CliInputError {
  return new CliInputError(`${label.shown} not found (${label.what}): ${label.remedy}`);
}

function isADirectory(label: FileLabel): CliInputError {
  return new CliInputError(`${label.shown} is a directory, expected a JSON file (${label.what})`);
}

function notRegular(label: FileLabel, type: string): CliInputError {
  return new CliInputError(`${label.shown} is a ${type}, not a regular file (${label.what}): refused`);
}

function tooLarge(label: FileLabel, cap: SizeCap): CliInputError {
  return new CliInputError(`${label.shown} ${cap.problem} (${label.what}): refused; ${cap.option} raises the limit`);
}

function throwError(error: Error): never {
  throw error;
}
