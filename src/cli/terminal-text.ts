// Quoting values from the input in one-line messages (escaping for the terminal is analysis/text/escape-for-terminal.ts).

/** Longest value from the input quoted in a message: an error line must stay readable, whatever the input holds. */
const MAX_QUOTED_LENGTH = 120;

/**
 * A value from the input, quoted for a one-line message: in double quotes and cut to a readable length. Control
 * characters are escaped where the message is printed (`escapeForTerminal`), not here, so messages stay raw for
 * callers that print them elsewhere.
 */
export function quoteInput(value: string): string {
  return `"${shortInput(value)}"`;
}

/** A value from the input cut to a readable length, unquoted (an artifact ID after "stack"). */
export function shortInput(value: string): string {
  return value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value;
}
