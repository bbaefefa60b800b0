/**
 * A problem with what the user gave us (arguments, files, the assembly). The command prints its message as one
 * line and exits 2: the user can act on the message, a stack trace would only hide it.
 */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}

/** Wrong arguments: the message is followed by the usage line. */
export class UsageError extends CliInputError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
