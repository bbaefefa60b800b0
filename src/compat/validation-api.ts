import * as core from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The CDK's validation-plugin hooks, found at run time so that one build of this library works on every aws-cdk-lib
 * from its floor to the latest.
 *
 * Two generations exist:
 * - the **final API** (`Validations.of(scope).addPlugins` / `.acknowledge`, aws-cdk-lib 2.257 and later): plugins get
 *   the construct tree and a path per stack, a violation's `severity: 'error'` fails synth, acknowledgements suppress
 *   violations, and a plugin may add files to the assembly;
 * - the **older hook** (`Stage.policyValidationBeta1`, a plain array since aws-cdk-lib 2.71): plugins get the template
 *   paths only, any violation in an unsuccessful report fails synth (by `process.exitCode = 1`, not by throwing), the
 *   report of a successful plugin is never printed, there are no acknowledgements, and the whole assembly directory is
 *   fingerprinted around each plugin, so a plugin must not add a file while it runs.
 *
 * Every use of either goes through this module, typed by the small local interfaces below rather than by aws-cdk-lib
 * types that the floor does not have.
 */

/** The construct-metadata type under which `Validations.of(scope).acknowledge` records `{ [ruleId]: reason }`. cdk-nag 3
 * reads the same entries, so writing them directly acknowledges on any aws-cdk-lib. */
export const ACKNOWLEDGED_RULES_METADATA_KEY = 'aws:cdk:acknowledged-rules';

/** The first aws-cdk-lib release with the final validation API, named in messages that ask for an upgrade. */
export const FINAL_VALIDATION_API_VERSION = '2.257.0';

/** What this library registers: an object with `name` and `validate(context)`. */
export interface ValidationPluginLike {
  readonly name: string;
}

interface ValidationsOfScope {
  addPlugins(...plugins: ValidationPluginLike[]): void;
  acknowledge(...rules: { id: string; reason: string }[]): void;
}

interface ValidationsClass {
  of(scope: IConstruct): ValidationsOfScope;
}

/** `Validations` when this aws-cdk-lib has the final API. */
function finalValidations(): ValidationsClass | undefined {
  const candidate = (core as unknown as { Validations?: ValidationsClass }).Validations;
  return typeof candidate?.of === 'function' ? candidate : undefined;
}

/** Whether the aws-cdk-lib this app runs on has the final validation API (see the module comment). */
export function hasFinalValidationApi(): boolean {
  return finalValidations() !== undefined;
}

/**
 * Register `plugin` on `stage`: `Validations.of(stage).addPlugins` where it exists, else the older
 * `stage.policyValidationBeta1` array (where the same object is added once).
 *
 * @throws Error naming the version to upgrade to, when this aws-cdk-lib has neither hook (older than 2.71)
 */
export function registerValidationPlugin(stage: core.Stage, plugin: ValidationPluginLike): void {
  const validations = finalValidations();
  if (validations) {
    validations.of(stage).addPlugins(plugin);
    return;
  }
  const plugins = (stage as unknown as { policyValidationBeta1?: unknown }).policyValidationBeta1;
  if (!Array.isArray(plugins)) {
    throw new Error(`${plugin.name} needs aws-cdk-lib's policy-validation hook: upgrade aws-cdk-lib to ${FINAL_VALIDATION_API_VERSION} or later.`);
  }
  if (!plugins.includes(plugin)) plugins.push(plugin);
}

/**
 * Acknowledge the rule `ruleId` on `scope` with a reason: the CDK's own `Validations.of(scope).acknowledge` where it
 * exists (it also silences a matching warning annotation), else the same construct metadata the CDK would write, which
 * this library's checker, its command line and cdk-nag 3 all read.
 */
export function acknowledgeRule(scope: IConstruct, ruleId: string, reason: string): void {
  const validations = finalValidations();
  if (validations) {
    validations.of(scope).acknowledge({ id: ruleId, reason });
    return;
  }
  scope.node.addMetadata(ACKNOWLEDGED_RULES_METADATA_KEY, { [ruleId]: reason });
}
