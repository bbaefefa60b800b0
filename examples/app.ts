/**
 * The demo app: four common causes of a denied PutObject (S3 User Guide, "Troubleshoot access denied
 * (403 Forbidden) errors in Amazon S3",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html), each as a broken stack and
 * its fixed twin. `-c variant=broken` synthesizes the broken ones (cdk synth fails with the checker's
 * messages); `-c variant=fixed` synthesizes the fixed ones (cdk synth passes). No AWS account is needed.
 *
 *   npx cdk synth --app "npx ts-node --transpile-only examples/app.ts" -c variant=broken
 */
import { App } from 'aws-cdk-lib';
import { buildDemoApp } from './demo-app';

const app = new App();
const variant = app.node.tryGetContext('variant') ?? 'broken';
if (variant !== 'broken' && variant !== 'fixed') {
  throw new Error(`context "variant" must be "broken" or "fixed", got ${JSON.stringify(variant)}`);
}
buildDemoApp(app, variant === 'fixed');
app.synth();
