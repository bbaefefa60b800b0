import * as path from 'path';
import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { rememberApp, rememberedApps } from '../contract/recorded-apps';

// The registry itself is the contract's: the writer records intents without importing the checker.
export { rememberApp };

/**
 * The remembered app that writes into `assemblyDir` and on which `plugin` is registered (on the App or a Stage of
 * it), the most recent first. Two apps may share an output directory; only the one that runs this plugin is it.
 */
export function appRunning(plugin: object, assemblyDir: string): IConstruct | undefined {
  const wanted = path.resolve(assemblyDir);
  return rememberedApps().reverse().find(root =>
    Stage.isStage(root) && path.resolve(root.outdir) === wanted && registersPlugin(root, plugin));
}

function registersPlugin(root: IConstruct, plugin: object): boolean {
  return root.node.findAll().some(c => Stage.isStage(c) && pluginsOf(c).includes(plugin));
}

/** The plugins on a Stage's older hook (the only hook under which the tree is looked for this way). */
function pluginsOf(stage: Stage): unknown[] {
  const plugins = (stage as unknown as { policyValidationBeta1?: unknown }).policyValidationBeta1;
  return Array.isArray(plugins) ? plugins : [];
}
