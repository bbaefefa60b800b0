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
      const native = nativeOrUndefined(item, unit);
      if (native !== undefined) {
        // One pass, one new string (splitting a large report into lines made millions of pieces to collect).
        emit(margin === '' ? native : native.replace(NEWLINES, `\n${margin}`));
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

const NEWLINES = /\n/g;

/** What `JSON.stringify` serializes in place of a value with `toJSON` (a Date…). */
function toJsonValue(v: unknown): unknown {
  return v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function'
    ? (v as { toJSON: () => unknown }).toJSON() : v;
}

/** The native text, or undefined when it would be too long for one string. */
function nativeOrUndefined(v: object, unit: string): string | undefined {
  try {
    return JSON.stringify(v, null, unit);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}
