import { CliInputError } from './errors';
import { FileLabel, perFileCap, readUserFile } from './safe-file';

/**
 * JSON files as input: every failure is one line that names the file, what it was meant to be and how to get a
 * good one, and never quotes the file. `JSON.parse` messages quote the input (`Unexpected token 'r', "root:x:0:0"…
 * is not valid JSON`), which would print the start of any file the input points at; only the position is kept.
 */

/**
 * Read and parse a JSON file the user named on the command line (option files).
 *
 * @param file the path as the user gave it, also used in messages
 * @param what what the file is for, e.g. "the SCP given with --scp"
 * @param remedy what to do when it is missing or corrupt
 * @param maxBytes the size cap
 */
export function readJsonFile(file: string, what: string, remedy: string, maxBytes: number): unknown {
  const label = { shown: file, what, remedy };
  return parseJson(readUserFile(file, perFileCap(maxBytes), label), label);
}

/** Parse a file's bytes as JSON (UTF-8, a byte order mark allowed), or a one-line error that quotes none of it. */
export function parseJson(bytes: Buffer, label: FileLabel): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text);
  } catch (e) {
    throw new InvalidJsonError(`${label.shown} is not valid JSON (${label.what}: ${syntaxErrorWhere(e, text)}): ${label.remedy}`);
  }
}

/** A file that is not JSON (some callers tolerate it: a stack's metadata only labels things). */
export class InvalidJsonError extends CliInputError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJsonError';
  }
}

const BYTE_ORDER_MARK = 0xfeff;

/**
 * Where a JSON syntax error is, from the position `JSON.parse` reports (Node 20: "… in JSON at position 7"; later
 * versions add "(line 1 column 8)"). Nothing else of its message is used: the rest quotes the input.
 */
export function syntaxErrorWhere(e: unknown, text: string): string {
  const message = e instanceof Error ? e.message : '';
  if (/Unexpected end of JSON input/.test(message) || text.trim() === '') return 'syntax error: unexpected end of input';
  const position = /at position (\d+)/.exec(message);
  if (!position) return 'syntax error';
  const { line, column } = lineAndColumn(text, Number(position[1]));
  return `syntax error at line ${line}, column ${column}`;
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(position, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** The first line of an error's message: messages from fs and JSON.parse can span lines. */
export function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0].trim();
}

import { isRecord as isPlainObject } from '../analysis/cfn/assembly-index';
export { isPlainObject };
