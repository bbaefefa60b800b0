/**
 * The assertion stack reads the function, bucket and key of the stack under test through `Fn::ImportValue`. To
 * assert on what an assertion will compare, render each import as what the other stack exports:
 * `{{Ref:<logicalId>}}` or `{{GetAtt:<logicalId>.<attribute>}}`, and `Fn::Join` as the joined text (other
 * intrinsics in it as placeholders too: `{{Ref:AWS::Partition}}`).
 */
export function renderImports(value: unknown, exportingTemplate: any): any {
  const exported = exportedValues(exportingTemplate);
  const render = (v: any): any => {
    if (Array.isArray(v)) return v.map(render);
    if (v === null || typeof v !== 'object') return v;
    if ('Fn::ImportValue' in v) {
      const name = v['Fn::ImportValue'];
      if (!exported.has(name)) throw new Error(`no export named ${name} in the exporting stack`);
      return exported.get(name);
    }
    if ('Fn::Join' in v) {
      const [separator, parts] = v['Fn::Join'];
      return parts.map((p: unknown) => {
        const text = render(p);
        return typeof text === 'string' ? text : describeIntrinsic(p);
      }).join(separator);
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, render(x)]));
  };
  return render(value);
}

function exportedValues(template: any): Map<string, string> {
  const result = new Map<string, string>();
  for (const output of Object.values<any>(template.Outputs ?? {})) {
    const name = output.Export?.Name;
    if (typeof name === 'string') result.set(name, describeIntrinsic(output.Value));
  }
  return result;
}

/** A placeholder for a value known only at deploy time: `{{Ref:<id>}}`, `{{GetAtt:<id>.<attribute>}}`. */
export function describeIntrinsic(value: any): string {
  if (value?.Ref) return `{{Ref:${value.Ref}}}`;
  if (value?.['Fn::GetAtt']) return `{{GetAtt:${value['Fn::GetAtt'].join('.')}}}`;
  return `{{${JSON.stringify(value)}}}`;
}
