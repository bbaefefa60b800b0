import { stripLiteralMarkers } from '../match/glob';
import { describeSymbolic } from '../symbolic';

/** A value as a message shows it: quoted, atoms as `<id>`, escape markers as the characters they stand for. */
export function quote(value: string): string {
  return `'${describeSymbolic(stripLiteralMarkers(value))}'`;
}

export function quoteAll(values: readonly string[]): string {
  return values.map(quote).join(', ');
}
