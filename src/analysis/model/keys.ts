import { sourceOf } from './helpers';
import { deploymentDoubt, withDoubt } from './in-force';
import { isReservedKmsAlias } from './reserved-names';
import { KeyModel, PolicyDoc } from './types';
import { ResourceEntry } from '../cfn/assembly-index';
import { opaque } from '../cfn/opaque';
import { AssemblyResolver } from '../cfn/resolve';

export function buildKeys(entries: readonly ResourceEntry[], resolver: AssemblyResolver): KeyModel[] {
  const aliases: { target: string; name: string }[] = [];
  for (const entry of entries) {
    if (entry.type !== 'AWS::KMS::Alias') continue;
    const props = resolver.forStack(entry.stack).properties(entry);
    // A reserved alias/aws/ name is never the app's: CloudFormation cannot create it (reserved-names.ts).
    if (typeof props.TargetKeyId === 'string' && typeof props.AliasName === 'string' && !isReservedKmsAlias(props.AliasName)) {
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
      // A key that may not be deployed: its policy may not be in force either (the bucket could name it through
      // an Fn::If, or the write fail for want of the key), so its statements decide nothing on their own.
      policy: withDoubt(keyPolicy(entry, props.KeyPolicy, r.env.partition, r.env.account), deploymentDoubt(entry, resolver)),
      enabled: props.Enabled !== false && props.Enabled !== 'false',
      aliases: aliases.filter((a) => a.target === keyId || a.target === arn).map((a) => a.name),
      awsManaged: false,
      external: false,
    });
  }
  return keys;
}

/**
 * The key policy in force: the `KeyPolicy` property, or — when there is none — the default key policy AWS KMS
 * attaches to a key created programmatically, as CloudFormation does: one statement that gives the account
 * that owns the key all of `kms:*` through its root principal, which lets IAM policies of that account grant
 * use of the key (AWS KMS Developer Guide, "Default key policy",
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html; AWS::KMS::Key `KeyPolicy`:
 * "If you don't specify a key policy, AWS KMS attaches a default key policy").
 */
function keyPolicy(entry: ResourceEntry, keyPolicyProperty: unknown, partition: string, account: string): PolicyDoc {
  if (keyPolicyProperty !== undefined) {
    return {
      id: `${entry.display} (key policy)`,
      document: keyPolicyProperty,
      source: sourceOf(entry, `key policy of ${entry.display}`, 'Properties/KeyPolicy'),
    };
  }
  return {
    id: `${entry.display} (default key policy)`,
    document: {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [{
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      }],
    },
    source: sourceOf(entry, `the default key policy of ${entry.display} (it has no KeyPolicy, so AWS KMS attached its default)`, 'Properties/KeyPolicy'),
  };
}
