import * as fs from 'fs';
import * as path from 'path';
import { CliInputError } from './errors';
import { InvalidJsonError, parseJson } from './json-file';
import { ReadLimits, formatMib } from './limits';
import { FileLabel, SizeCap, lstatIfExists, notFound, perFileCap, readRegularFile } from './safe-file';
import { quoteInput } from './terminal-text';

/**
 * The files of one cloud assembly, read with containment: a manifest names its templates, metadata files, nested
 * assemblies and nested-stack templates by path, and nothing stops a hostile one from naming `../../etc/passwd`,
 * or from putting a symbolic link there. Every path is resolved to its real path and refused unless it stays
 * inside the real assembly directory (symbolic links that stay inside are fine). Only regular files are read, each
 * up to the size cap, all of them up to the total cap, and each real path is read and parsed once per run (N stack
 * artifacts naming one template must not parse it N times).
 *
 * Paths are joined to the assembly directory as the CDK joins them (`path.join`, so an absolute path in a manifest
 * is still under the assembly). Real paths are resolved one path component at a time and cached per directory:
 * `fs.realpathSync` on every file would walk the whole path each time, cubic in the depth of a chain of nested
 * assemblies.
 */
export class AssemblyFiles {
  /** The assembly directory's real path: everything read must be in it. */
  private readonly realRoot: string;
  /** Directory (as joined to `realRoot`, not yet resolved) → its real path. */
  private readonly realDirectories = new Map<string, string>();
  /** Real path → parsed JSON, or why it is not JSON. */
  private readonly parsed = new Map<string, { readonly value: unknown } | { readonly invalid: InvalidJsonError }>();
  private bytesRead = 0;

  /**
   * @param shownRoot the assembly directory as the user gave it (messages name files under it)
   * @param realRoot its real path
   */
  constructor(private readonly shownRoot: string, realRoot: string, private readonly limits: ReadLimits) {
    this.realRoot = realRoot;
    this.realDirectories.set(realRoot, realRoot);
  }

  /** A path relative to the assembly directory, as messages show it: joined to the directory as the user gave it. */
  public shown(relPath: string): string {
    return path.join(this.shownRoot, relPath);
  }

  /**
   * Parse a JSON file of the assembly; each real path is read once, later calls get the same value.
   *
   * @param relPath the path relative to the assembly directory
   * @throws CliInputError when it is missing, outside the assembly, not a regular file, too large, or not JSON
   */
  public readJson(relPath: string, what: string, remedy: string): unknown {
    const label = this.label(relPath, what, remedy);
    const realPath = this.realPathOf(relPath, label) ?? throwError(notFound(label));
    return this.parseOnce(realPath, label);
  }

  /**
   * As `readJson`, but undefined when there is no such file, or (`invalidJson: 'ignore'`) when it is not JSON.
   * Containment, file type and size are enforced all the same.
   */
  public readJsonIfPresent(relPath: string, what: string, remedy: string, options: { invalidJson?: 'error' | 'ignore' } = {}): unknown {
    const label = this.label(relPath, what, remedy);
    const realPath = this.realPathOf(relPath, label);
    if (realPath === undefined) return undefined;
    try {
      return this.parseOnce(realPath, label);
    } catch (e) {
      if (e instanceof InvalidJsonError && options.invalidJson === 'ignore') return undefined;
      throw e;
    }
  }

  /** The real path of a file or directory of the assembly; undefined when there is none. */
  public realPath(relPath: string, what: string, remedy: string): string | undefined {
    return this.realPathOf(relPath, this.label(relPath, what, remedy));
  }

  /**
   * A file's text, for line numbers in SARIF; undefined when it cannot be read (the location then gets line 1).
   * Not counted against the total cap: the file was read once already, for the analysis.
   */
  public textOrUndefined(relPath: string): string | undefined {
    const label = this.label(relPath, 'template', '');
    try {
      const realPath = this.realPathOf(relPath, label);
      return realPath === undefined ? undefined : readRegularFile(realPath, perFileCap(this.limits.maxFileBytes), label).toString('utf8');
    } catch (e) {
      if (e instanceof CliInputError) return undefined;
      throw e;
    }
  }

  /** The path for messages is made only if a message needs it: a deep chain of nested assemblies has long paths. */
  private label(relPath: string, what: string, remedy: string): FileLabel {
    const shownRoot = this.shownRoot;
    return { get shown() { return path.join(shownRoot, relPath); }, what, remedy };
  }

  private parseOnce(realPath: string, label: FileLabel): unknown {
    let parsed = this.parsed.get(realPath);
    if (parsed === undefined) {
      const bytes = readRegularFile(realPath, this.capForNextFile(), label);
      this.bytesRead += bytes.length;
      try {
        parsed = { value: parseJson(bytes, label) };
      } catch (e) {
        if (!(e instanceof InvalidJsonError)) throw e;
        parsed = { invalid: e };
      }
      this.parsed.set(realPath, parsed);
    }
    if ('invalid' in parsed) throw parsed.invalid;
    return parsed.value;
  }

  /** The per-file cap, or what is left of the total when that is less. */
  private capForNextFile(): SizeCap {
    const remaining = Math.max(this.limits.maxTotalBytes - this.bytesRead, 0);
    if (remaining >= this.limits.maxFileBytes) return perFileCap(this.limits.maxFileBytes);
    return {
      maxBytes: remaining,
      problem: `would take the assembly's files read past ${formatMib(this.limits.maxTotalBytes)} in all`,
      option: '--max-total-size',
    };
  }

  /**
   * The real path `relPath` leads to, after every symbolic link on the way; undefined when nothing is there.
   * @throws CliInputError when the path, or a link on the way, leads outside the assembly directory
   */
  private realPathOf(relPath: string, label: FileLabel): string | undefined {
    const joined = joinPath(this.realRoot, relPath);
    if (!this.isInside(joined)) throw this.outside(relPath, label);
    if (joined === this.realRoot) return this.realRoot;
    const parent = this.realDirectory(path.dirname(joined), relPath, label);
    return parent === undefined ? undefined : this.resolveComponent(parent, path.basename(joined), relPath, label);
  }

  /** The real path of a directory under the root, resolving (and caching) each ancestor not resolved yet. */
  private realDirectory(joinedDir: string, relPath: string, label: FileLabel): string | undefined {
    // Iterative: a chain of nested assemblies can be thousands of directories deep.
    const unresolved: string[] = [];
    let dir = joinedDir;
    while (!this.realDirectories.has(dir)) {
      // The root is an ancestor of every joined path the caller checked; reaching the filesystem root means it was not.
      if (path.dirname(dir) === dir) throw this.outside(relPath, label);
      unresolved.push(dir);
      dir = path.dirname(dir);
    }
    let real = this.realDirectories.get(dir)!;
    for (const next of unresolved.reverse()) {
      const resolved = this.resolveComponent(real, path.basename(next), relPath, label);
      if (resolved === undefined) return undefined;
      this.realDirectories.set(next, resolved);
      real = resolved;
    }
    return real;
  }

  /** `name` inside the real directory `realParent`, with a symbolic link followed and checked. */
  private resolveComponent(realParent: string, name: string, relPath: string, label: FileLabel): string | undefined {
    // Joined paths are normalized, so no `.` or `..` is left; were one left, it must not climb out unchecked.
    if (name === '' || name === '.' || name === '..') throw this.outside(relPath, label);
    const candidate = joinPath(realParent, name);
    if (!this.isInside(candidate)) throw this.outside(relPath, label);
    const stat = lstatIfExists(candidate, label);
    if (stat === undefined) return undefined;
    if (!stat.isSymbolicLink()) return candidate;
    let target: string;
    try {
      target = fs.realpathSync(candidate);
    } catch {
      // A dangling link, or a loop of links: nothing to read there.
      return undefined;
    }
    if (!this.isInside(target)) throw this.outside(relPath, label);
    return target;
  }

  private isInside(candidate: string): boolean {
    const root = this.realRoot.endsWith(path.sep) ? this.realRoot : this.realRoot + path.sep;
    return candidate === this.realRoot || candidate.startsWith(root);
  }

  private outside(relPath: string, label: FileLabel): CliInputError {
    return new CliInputError(`${quoteInput(relPath)} (${label.what}) leads outside the assembly directory ${this.shownRoot}: ` +
      'refused (the command line reads only files inside it; run `cdk synth` again)');
  }
}

/**
 * `path.join`, without normalizing again a path that needs none (`base` normalized, `relative` with no `.`, `..` or
 * empty segment): normalizing builds the result one segment at a time, and a chain of nested assemblies thousands
 * deep joins paths thousands of segments long at every level.
 */
export function joinPath(base: string, relative: string): string {
  if (base === '' || relative === '' || path.sep !== '/' || !PLAIN_RELATIVE.test(relative)) return path.join(base, relative);
  return base.endsWith('/') ? `${base}${relative}` : `${base}/${relative}`;
}

/**
 * A relative POSIX path without `.`, `..` or empty segments, so joining it needs no normalization. `s`: a line
 * feed in a name must not hide a `..` after it.
 */
const PLAIN_RELATIVE = /^(?!\/)(?!.*\/\/)(?!.*\/$)(?!(?:.*\/)?\.\.?(?:\/|$))/s;

function throwError(error: Error): never {
  throw error;
}
