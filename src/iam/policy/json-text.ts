import { RESERVED_CHARACTERS, reservedCharacterAtom } from '../symbolic';

/**
 * Parse the JSON text of a policy document (IAM and CloudFormation both accept a document as a JSON string).
 *
 * A `\uXXXX` escape in the text that spells a reserved character (symbolic.ts) is replaced, before parsing, by the
 * opaque atom that stands for that character: otherwise `"arn:aws:s3:::\uE000generated:…\uE001/*"` written as
 * escapes would come out of `JSON.parse` as one of the analysis's own atoms. Atoms the analysis itself placed in
 * the text (a document built with `Fn::Join` around a resolved reference) are raw characters, never escapes, so
 * they are kept. Throws what `JSON.parse` throws.
 */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text.replace(/\\(?:u([0-9a-fA-F]{4})|[\s\S])/g, (escape: string, hex: string | undefined) => {
    if (hex === undefined) return escape;
    const character = String.fromCharCode(parseInt(hex, 16));
    return RESERVED_CHARACTERS.includes(character) ? reservedCharacterAtom(character) : escape;
  }));
}
