import { App, Aspects } from 'aws-cdk-lib';
import { WriteAccessChecker } from '../src';
import { BucketOwnerEnforcedAclStack } from './stories/acl-on-bucket-owner-enforced';
import { EncryptionHeaderStack } from './stories/bucket-policy-demands-encryption-header';
import { KeyPolicyForgetsRoleStack } from './stories/key-policy-forgets-role';
import { ReadOnlyRoleStack } from './stories/read-only-role';
import { SecureWriterStack } from './stories/secure-lambda-writer';

/**
 * The demo's stacks, checked: four common causes of a denied PutObject, broken or fixed, and (fixed only) a
 * SecureLambdaWriter. Returns the checker so callers can read its findings.
 */
export function buildDemoApp(app: App, fixed: boolean): WriteAccessChecker {
  buildDemoStacks(app, fixed);
  const checker = new WriteAccessChecker();
  Aspects.of(app).add(checker);
  return checker;
}

/** The demo's stacks alone, without the checker. */
export function buildDemoStacks(app: App, fixed: boolean): void {
  const name = (story: string) => `${fixed ? 'Fixed' : 'Broken'}${story}`;
  new EncryptionHeaderStack(app, name('EncryptionHeader'), { fixed });
  new KeyPolicyForgetsRoleStack(app, name('KeyPolicy'), { fixed });
  new BucketOwnerEnforcedAclStack(app, name('Acl'), { fixed });
  new ReadOnlyRoleStack(app, name('ReadOnlyRole'), { fixed });
  if (fixed) new SecureWriterStack(app, 'SecureWriter');
}
