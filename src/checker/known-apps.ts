import * as path from 'path';
import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The apps in which this process recorded a write intent, so that a checker registered directly as a plugin on the
 * older validation hook (which passes template paths, not the construct tree) can still find the tree of the app it
 * validates: the one whose output directory holds the templates. Held weakly: a finished app is not kept alive.
 */
const apps: WeakRef<IConstruct>[] = [];

export function rememberApp(scope: IConstruct): void {
  const root = scope.node.root;
  for (let i = apps.length - 1; i >= 0; i--) {
    const known = apps[i].deref();
    if (known === root) return;
    if (known === undefined) apps.splice(i, 1);
  }
  apps.push(new WeakRef(root));
}

/**
 * The remembered app that writes into `assemblyDir` and on which `plugin` is registered (on the App or a Stage of
 * it), the most recent first. Two apps may share an output directory; only the one that runs this plugin is it.
 */
export function appRunning(plugin: object, assemblyDir: string): IConstruct | undefined {
  const wanted = path.resolve(assemblyDir);
  return apps.map(ref => ref.deref()).reverse().find(root =>
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
