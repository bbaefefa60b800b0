import { sourceOf } from './helpers';
import { KeyModel } from './types';
import { ResourceEntry } from '../cfn/assembly-index';
import { opaque } from '../cfn/opaque';
import { AssemblyResolver } from '../cfn/resolve';

export function buildKeys(entries: readonly ResourceEntry[], resolver: AssemblyResolver): KeyModel[] {
  const aliases: { target: string; name: string }[] = [];
  for (const entry of entries) {
    if (entry.type !== 'AWS::KMS::Alias') continue;
    const props = resolver.forStack(entry.stack).properties(entry);
    if (typeof props.TargetKeyId === 'string' && typeof props.AliasName === 'string') {
      aliases.push({ target: props.TargetKeyId, name: props.AliasName });
    }
  }
  const keys: KeyModel[] = [];
  for (const entry of entries) {
    if (entry.type !== 'AWS::KMS::Key') continue;
    const r = resolver.forStack(entry.stack);
    if (r.deployed(entry) === 'false') continue;
    const props = r.properties(entry);
    const keyId = r.resolveString({ Ref: entry.logicalId }) ?? opaque(`key ID of ${entry.display}`);
    const arn = r.resolveString({ 'Fn::GetAtt': [entry.logicalId, 'Arn'] }) ?? opaque(`ARN of ${entry.display}`);
    keys.push({
      entry,
      display: entry.display,
      arn,
      keyId,
      account: r.env.account,
      region: r.env.region,
      policy: {
        id: `${entry.display} (key policy)`,
        document: props.KeyPolicy,
        missing: props.KeyPolicy === undefined ? 'the key has no KeyPolicy' : undefined,
        source: sourceOf(entry, `key policy of ${entry.display}`, 'Properties/KeyPolicy'),
      },
      enabled: props.Enabled !== false && props.Enabled !== 'false',
      aliases: aliases.filter((a) => a.target === keyId || a.target === arn).map((a) => a.name),
      awsManaged: false,
      external: false,
    });
  }
  return keys;
}
