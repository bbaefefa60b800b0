/**
 * The text of `Fn::Sub`: `${Name}` is replaced by `lookup(Name)`; `${!Literal}` is written as `${Literal}`
 * (CloudFormation User Guide, Fn::Sub).
 */
export function substitute(template: string, lookup: (name: string) => string): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('${', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    const close = template.indexOf('}', open + 2);
    if (close < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const body = template.slice(open + 2, close);
    out += body.startsWith('!') ? `\${${body.slice(1)}}` : lookup(body.trim());
    i = close + 1;
  }
  return out;
}
