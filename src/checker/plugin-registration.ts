import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { registerValidationPlugin, ValidationPluginLike } from '../compat/validation-api';

/**
 * Registers a validation plugin on the Stage of every construct an Aspect visits, once per Stage, and remembers the
 * app's root construct (the older validation hook hands plugins template paths only, not the construct tree).
 *
 * The registration itself is deferred to the Stage's `node.addValidation` hook, which the CDK runs after it has
 * written the analytics metadata (`CDKMetadata`, which lists the registered plugins) and before it runs the plugins:
 * registering directly from the Aspect would change that metadata, and so the template. With the deferral, adding the
 * checker leaves every template byte-for-byte the same, on every aws-cdk-lib.
 *
 * A plugin on the App sees every stack, nested Stages included; an Aspect added to a nested Stage only (Aspects do not
 * cross Stage boundaries) registers there and sees that Stage's stacks. The CDK calls one plugin object once with the
 * union of the stacks of every Stage it is registered on, so registering on several Stages never duplicates findings.
 */
export class PluginRegistration {
  private readonly stages = new WeakSet<Stage>();
  private appRoot?: IConstruct;

  constructor(private readonly plugin: ValidationPluginLike) {}

  /** The root of the app whose constructs were visited, if any was. */
  public get root(): IConstruct | undefined {
    return this.appRoot;
  }

  public onVisit(node: IConstruct): void {
    this.appRoot = node.node.root;
    const stage = Stage.isStage(node) ? node : Stage.of(node);
    if (!stage || this.stages.has(stage)) return;
    this.stages.add(stage);
    const plugin = this.plugin;
    stage.node.addValidation({
      validate: () => {
        registerValidationPlugin(stage, plugin);
        return [];
      },
    });
  }
}
