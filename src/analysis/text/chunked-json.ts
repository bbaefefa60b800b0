/**
 * `JSON.stringify(value, null, indent)` as a list of pieces, none of them too long for one string.
 *
 * A report of a large app can pass V8's longest string (about 512 MB: "Invalid string length"); the least-privilege
 * report of 200 functions granted on 200 buckets does. Written piece by piece, such a report reaches its file or
 * standard output whole, byte for byte what `JSON.stringify` would have written.
 */

export interface ChunkedJsonOptions {
  /** Spaces per level. Default 2. */
  readonly indent?: number;
  /** A piece is handed on once it holds at least this many characters. Default 1 MiB. */
  readonly pieceSize?: number;
  /**
   * Levels written one element at a time; below them each value is stringified natively (fast), and again element
   * by element should it be too long itself. Default 3: a report, its sections, their lists.
   */
  readonly levels?: number;
}

export function chunkedJson(value: unknown, options: ChunkedJsonOptions = {}): string[] {
  const pieces: string[] = [];
  eachJsonPiece(value, (piece) => pieces.push(piece), options);
  return pieces;
}

/**
 * The same pieces handed to `sink` as they are made, none kept: a report file is written (or compared) holding one
 * piece in memory, not the whole text. At least one piece (possibly empty) is handed on.
 */
export function eachJsonPiece(value: unknown, sink: (piece: string) => void, options: ChunkedJsonOptions = {}): void {
  const unit = ' '.repeat(options.indent ?? 2);
  const pieceSize = options.pieceSize ?? 1_048_576;
  const levels = options.levels ?? 3;
  let handed = 0;
  let buffer = '';
  const emit = (text: string) => {
    buffer += text;
    if (buffer.length >= pieceSize) {
      sink(buffer);
      handed++;
      buffer = '';
    }
  };

  const write = (v: unknown, depth: number, margin: string): void => {
    const item = toJsonValue(v);
    if (item === null || typeof item !== 'object') {
      emit(JSON.stringify(item) ?? 'null');
      return;
    }
    if (depth >= levels) {
      const native = nativeAt(item, depth, unit);
      if (native !== undefined) {
        emit(native);
        return;
      }
    }
    const inner = margin + unit;
    if (Array.isArray(item)) {
      if (item.length === 0) return emit('[]');
      emit('[');
      item.forEach((element, i) => {
        emit(`${i === 0 ? '' : ','}\n${inner}`);
        const shown = toJsonValue(element);
        if (shown === undefined || typeof shown === 'function' || typeof shown === 'symbol') emit('null');
        else write(shown, depth + 1, inner);
      });
      return emit(`\n${margin}]`);
    }
    const entries = Object.keys(item).map((k) => [k, toJsonValue((item as Record<string, unknown>)[k])] as const)
      .filter(([, e]) => e !== undefined && typeof e !== 'function' && typeof e !== 'symbol');
    if (entries.length === 0) return emit('{}');
    emit('{');
    entries.forEach(([key, element], i) => {
      emit(`${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `);
      write(element, depth + 1, inner);
    });
    emit(`\n${margin}}`);
  };

  write(value, 0, '');
  if (buffer.length > 0 || handed === 0) sink(buffer);
}

/** What `JSON.stringify` serializes in place of a value with `toJSON` (a Date…). */
function toJsonValue(v: unknown): unknown {
  return v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function'
    ? (v as { toJSON: () => unknown }).toJSON() : v;
}

/**
 * The native text of `v` as it stands `depth` levels down (each of its lines after the first indented by `depth`
 * units), or undefined when it would be too long for one string. `v` is stringified inside `depth` one-element
 * lists, which JSON.stringify indents exactly so, and the lists' own brackets are cut off: one native pass and a
 * slice, where re-indenting the text afterwards copied every large value once more.
 */
function nativeAt(v: object, depth: number, unit: string): string | undefined {
  let wrapped: unknown = v;
  let open = 0;
  let close = 0;
  // With no indent JSON.stringify writes no new lines: a bracket alone on each side.
  const newline = unit === '' ? 0 : 1;
  for (let level = 0; level < depth; level++) {
    wrapped = [wrapped];
    // `[` and a new line with the next level's margin before; a new line with this level's margin and `]` after.
    open += 1 + newline + unit.length * (level + 1);
    close += 1 + newline + unit.length * level;
  }
  try {
    const text = JSON.stringify(wrapped, null, unit);
    return depth === 0 ? text : text.slice(open, text.length - close);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}
