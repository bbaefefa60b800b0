import { isPlainObject } from './json-file';

/**
 * The metadata of one stack artifact (`{"/Stack/Fn/Resource": [{type, data}, …]}`), split by the stack each entry
 * belongs to. An artifact's metadata covers its CloudFormation nested stacks too, and logical IDs repeat across them
 * (they hash the path within the stack): mixing them would give a resource of one template the construct path of
 * another's. An entry belongs to the deepest stack whose construct path contains it; every stack, the artifact's
 * own included, has an `aws:cdk:templateFile` entry on its path.
 *
 * The keys are indexed once, in a tree of path segments, so that splitting costs time linear in the metadata's
 * size, whatever the number of nested stacks: filtering every key against every nested stack's path, for every
 * nested stack, is cubic, and both numbers come from the input.
 */

/** The stack-artifact metadata entry on a stack's construct path naming its template file. */
const TEMPLATE_FILE_ENTRY = 'aws:cdk:templateFile';

interface PathNode {
  readonly children: Map<string, PathNode>;
  /** Indexes (in the metadata's order) of the keys that end at this node. */
  readonly keys: number[];
  /** A stack (top-level or nested) has this construct path. */
  isStack: boolean;
}

export class StackMetadata {
  /** Construct path (without the leading `/`) of each stack with a template file → that file. */
  public readonly templateFiles: ReadonlyMap<string, string>;
  private readonly entries: [string, unknown][];
  private readonly root: PathNode = newNode();
  /** Keys that are not construct paths (no leading `/`): they belong to the top-level stack. */
  private readonly looseKeys: number[] = [];
  private readonly nestedCache = new Map<string, unknown>();
  private readonly topLevelCache = new Map<string | undefined, unknown>();

  /** @param raw the stack artifact's metadata, as read (anything: checked here) */
  constructor(public readonly raw: unknown) {
    this.entries = isPlainObject(raw) ? Object.entries(raw) : [];
    this.templateFiles = templateFilesOf(this.entries);
    this.entries.forEach(([key], index) => {
      if (key.startsWith('/')) this.nodeAt(key.slice(1), true)!.keys.push(index);
      else this.looseKeys.push(index);
    });
    for (const stackPath of this.templateFiles.keys()) this.nodeAt(stackPath, true)!.isStack = true;
  }

  /**
   * The entries of the artifact's top-level stack: every entry but those of the stacks nested under `stackPath`.
   * @param stackPath its construct path; undefined (no path in the metadata at all) keeps every entry
   */
  public topLevel(stackPath: string | undefined): unknown {
    if (!isPlainObject(this.raw)) return this.raw;
    if (!this.topLevelCache.has(stackPath)) this.topLevelCache.set(stackPath, this.entriesAt(this.topLevelEntries(stackPath)));
    return this.topLevelCache.get(stackPath);
  }

  private topLevelEntries(stackPath: string | undefined): number[] {
    const top = stackPath === undefined ? undefined : this.nodeAt(stackPath, false);
    const kept = [...this.looseKeys];
    // [node, whether it is `top` or below it]; iterative: construct paths can be thousands of segments deep.
    const pending: [PathNode, boolean][] = [[this.root, false]];
    while (pending.length > 0) {
      const [node, underTop] = pending.pop()!;
      for (const index of node.keys) kept.push(index);
      for (const child of node.children.values()) {
        if (underTop && child.isStack) continue;
        pending.push([child, underTop || child === top]);
      }
    }
    return kept;
  }

  /** The entries of the nested stack at `stackPath`: those under its path, but not under a stack nested in it. */
  public nested(stackPath: string): unknown {
    if (!isPlainObject(this.raw)) return this.raw;
    if (!this.nestedCache.has(stackPath)) {
      const node = this.nodeAt(stackPath, false);
      this.nestedCache.set(stackPath, this.entriesAt(node ? this.stackEntries(node) : []));
    }
    return this.nestedCache.get(stackPath);
  }

  /** The node for a construct path; created on the way when `create`, else undefined when absent. */
  private nodeAt(constructPath: string, create: boolean): PathNode | undefined {
    let node = this.root;
    for (const segment of constructPath.split('/')) {
      let child = node.children.get(segment);
      if (child === undefined) {
        if (!create) return undefined;
        child = newNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    return node;
  }

  /** Key indexes at `start` and below, but not below a stack nested under it. */
  private stackEntries(start: PathNode): number[] {
    const found: number[] = [];
    const pending = [start];
    while (pending.length > 0) {
      const node = pending.pop()!;
      for (const index of node.keys) found.push(index);
      for (const child of node.children.values()) if (!child.isStack) pending.push(child);
    }
    return found;
  }

  private entriesAt(indexes: number[]): Record<string, unknown> {
    // The metadata's own order, as the CDK wrote it.
    const sorted = Int32Array.from(indexes).sort();
    const result: Record<string, unknown> = {};
    for (const index of sorted) {
      const [key, value] = this.entries[index];
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return result;
  }
}

function templateFilesOf(entries: readonly [string, unknown][]): Map<string, string> {
  const files = new Map<string, string>();
  for (const [key, list] of entries) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (isPlainObject(entry) && entry.type === TEMPLATE_FILE_ENTRY && typeof entry.data === 'string') {
        files.set(key.replace(/^\//, ''), entry.data);
      }
    }
  }
  return files;
}

function newNode(): PathNode {
  return { children: new Map(), keys: [], isStack: false };
}
