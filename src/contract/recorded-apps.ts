import { IConstruct } from 'constructs';

/**
 * The apps in which this process recorded a write intent (or an acknowledgement), so that a checker registered
 * directly as a plugin on the older validation hook (which passes template paths, not the construct tree) can still
 * find the tree of the app it validates. Held weakly: a finished app is not kept alive.
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

/** The remembered apps still alive, oldest first. */
export function rememberedApps(): IConstruct[] {
  return apps.map((ref) => ref.deref()).filter((root): root is IConstruct => root !== undefined);
}
