import { kmsActionsNeeded } from './actions';
import { keysOfIntent, objectActionsNeeded, RoleScope } from './excess';
import { show } from './trace';
import { LeastPrivilegePolicy } from './types';
import { isSymbolic } from '../../iam/symbolic';
import { ResourceEntry } from '../cfn/assembly-index';
import { BucketModel, KeyModel } from '../model/types';

/**
 * The identity statements that grant exactly what the role's intents need, as one policy: per bucket and key
 * pattern, `s3:PutObject` and the actions its request implies (ACL, tags, Object Lock, abort of a multipart
 * upload); per KMS key its writes use, `kms:GenerateDataKey`, and `kms:Decrypt` when some write is multipart
 * (S3 User Guide, "Multipart upload API and permissions"). Same-account grants: a bucket or key in another account
 * also needs its owner's policy to allow, which no identity policy replaces.
 */
export function leastPrivilegePolicy(scope: RoleScope, multipart: ReadonlySet<string>): LeastPrivilegePolicy {
  const roleEntry = scope.role.entry;
  const notes: string[] = [];
  const objectGrants = new Map<string, { bucket: BucketModel; pattern: string; actions: Set<string> }>();
  const keyGrants = new Map<string, KeyModel>();
  for (const intent of scope.intents) {
    const bucket = intent.bucket!;
    const pattern = intent.keyPattern;
    const id = `${bucket.arn}/${pattern}`;
    const grant = objectGrants.get(id) ?? { bucket, pattern, actions: new Set<string>() };
    for (const a of objectActionsNeeded(intent)) grant.actions.add(a);
    objectGrants.set(id, grant);
    for (const key of keysOfIntent(intent, scope.model, scope.environment)) keyGrants.set(key.arn, key);
  }
  const readableStatements: Record<string, unknown>[] = [];
  const cfnStatements: Record<string, unknown>[] = [];
  let n = 0;
  for (const { bucket, pattern, actions } of objectGrants.values()) {
    const sid = `Write${n++}`;
    const sorted = [...actions].sort(byPutObjectFirst);
    readableStatements.push({ Sid: sid, Effect: 'Allow', Action: sorted, Resource: show(`${bucket.arn}/${pattern}`, scope.model.names) });
    cfnStatements.push({ Sid: sid, Effect: 'Allow', Action: sorted, Resource: arnExpression(bucket.arn, bucket.entry, roleEntry, `/${pattern}`, notes, bucket.display, scope) });
  }
  n = 0;
  for (const key of keyGrants.values()) {
    const sid = `UseKey${n++}`;
    const actions = kmsActionsNeeded(multipart.has(key.arn));
    readableStatements.push({ Sid: sid, Effect: 'Allow', Action: actions, Resource: show(key.arn, scope.model.names) });
    cfnStatements.push({ Sid: sid, Effect: 'Allow', Action: actions, Resource: arnExpression(key.arn, key.entry, roleEntry, '', notes, key.display, scope) });
  }
  return {
    document: { Version: '2012-10-17', Statement: readableStatements },
    cloudFormation: { Version: '2012-10-17', Statement: cfnStatements },
    notes,
  };
}

/**
 * An ARN as the role's template can write it: the literal when the templates fix it, `Fn::GetAtt <resource>.Arn`
 * (joined with the key pattern) when the resource is in the role's stack; otherwise the readable ARN, with a note.
 */
function arnExpression(arn: string, entry: ResourceEntry | undefined, roleEntry: ResourceEntry | undefined, suffix: string,
  notes: string[], display: string, scope: RoleScope): unknown {
  if (!isSymbolic(arn)) return `${arn}${suffix}`;
  if (entry && roleEntry && entry.stack.templatePath === roleEntry.stack.templatePath) {
    const getAtt = { 'Fn::GetAtt': [entry.logicalId, 'Arn'] };
    return suffix ? { 'Fn::Join': ['', [getAtt, suffix]] } : getAtt;
  }
  notes.push(`${display} is not in the role's stack and its ARN is generated: pass its ARN to the role's stack (e.g. \`bucket.arnForObjects()\`, \`key.keyArn\`) in place of ${show(arn, scope.model.names)}`);
  return show(`${arn}${suffix}`, scope.model.names);
}

function byPutObjectFirst(a: string, b: string): number {
  if (a === 's3:PutObject') return -1;
  if (b === 's3:PutObject') return 1;
  return a.localeCompare(b);
}
