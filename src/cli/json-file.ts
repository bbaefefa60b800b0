import * as fs from 'fs';
import { CliInputError } from './errors';

/**
 * Read and parse a JSON file, turning every failure into one line that names the file, what it was meant to be
 * and how to get a good one.
 *
 * @param file the path as the user should see it in messages
 * @param what what the file is for, e.g. "the SCP given with --scp"
 * @param remedy what to do when it is missing or corrupt
 */
export function readJsonFile(file: string, what: string, remedy: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliInputError(`${file} not found (${what}): ${remedy}`);
    if (code === 'EISDIR') throw new CliInputError(`${file} is a directory, expected a JSON file (${what})`);
    throw new CliInputError(`${file} cannot be read (${what}): ${oneLine(e)}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliInputError(`${file} is not valid JSON (${what}: ${oneLine(e)}): ${remedy}`);
  }
}

/** The first line of an error's message: messages from fs and JSON.parse can span lines. */
export function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0].trim();
}

import { isRecord as isPlainObject } from '../analysis/cfn/assembly-index';
export { isPlainObject };
