/**
 * The demo app: four stories from the troubleshooting guide this project grew from, each as a broken stack
 * and its fixed twin. `-c variant=broken` synthesizes the broken ones (cdk synth fails with the checker's
 * messages); `-c variant=fixed` synthesizes the fixed ones (cdk synth passes). No AWS account is needed.
 *
 *   npx cdk synth --app "npx ts-node --transpile-only examples/app.ts" -c variant=broken
 */
import { App, Aspects } from 'aws-cdk-lib';
import { WriteAccessChecker } from '../src';
import { BucketOwnerEnforcedAclStack } from './stories/acl-on-bucket-owner-enforced';
import { EncryptionHeaderStack } from './stories/bucket-policy-demands-encryption-header';
import { KeyPolicyForgetsRoleStack } from './stories/key-policy-forgets-role';
import { ReadOnlyRoleStack } from './stories/read-only-role';
import { SecureWriterStack } from './stories/secure-lambda-writer';

const app = new App();
const variant = app.node.tryGetContext('variant') ?? 'broken';
if (variant !== 'broken' && variant !== 'fixed') {
  throw new Error(`context "variant" must be "broken" or "fixed", got ${JSON.stringify(variant)}`);
}
const fixed = variant === 'fixed';
const name = (story: string) => `${fixed ? 'Fixed' : 'Broken'}${story}`;

new EncryptionHeaderStack(app, name('EncryptionHeader'), { fixed });
new KeyPolicyForgetsRoleStack(app, name('KeyPolicy'), { fixed });
new BucketOwnerEnforcedAclStack(app, name('Acl'), { fixed });
new ReadOnlyRoleStack(app, name('ReadOnlyRole'), { fixed });
if (fixed) new SecureWriterStack(app, 'SecureWriter');

Aspects.of(app).add(new WriteAccessChecker());
app.synth();
