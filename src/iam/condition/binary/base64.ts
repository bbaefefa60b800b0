import { firstProblem, symbolicProblem, variableHint } from '../operator';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes a base64 text encodes, or undefined when it is not base64. */
export function decodeBase64(text: string): Buffer | undefined {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

export function base64Problem(value: string): string | undefined {
  return firstProblem(value, symbolicProblem, (v) =>
    (decodeBase64(v) === undefined ? `'${v}' is not base64${variableHint(v, 'Binary')}` : undefined));
}
