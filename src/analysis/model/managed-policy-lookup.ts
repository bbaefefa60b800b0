import { describeSymbolic } from '../../iam/symbolic';
import { ResourceEntry } from '../cfn/assembly-index';
import { AnalysisEnvironment } from '../input';
import { awsManagedPolicy } from './aws-managed-policies';
import { sourceOf } from './helpers';
import { withDoubt } from './in-force';
import { PolicyDoc } from './types';

/** A customer managed policy of the app, keyed by its resolved ARN. */
export interface AppManagedPolicy {
  readonly entry: ResourceEntry;
  readonly arn: string;
  readonly document: unknown;
  /** Resolved role names from its `Roles` property. */
  readonly roles: readonly string[];
  /** Resolved user names from its `Users` property. */
  readonly users: readonly string[];
  /** Why it may not be deployed (its Condition is undecided); undefined when it is. */
  readonly doubt?: string;
}

/**
 * The document behind a managed policy ARN: a policy of the app, the bundled AWS managed table, the user's
 * `externalManagedPolicies`, or else an unknown document that names that prop.
 */
export function managedPolicyByArn(
  arn: string,
  appPolicies: readonly AppManagedPolicy[],
  environment: AnalysisEnvironment,
  purpose: string,
): PolicyDoc {
  const app = appPolicies.find((p) => p.arn === arn);
  if (app) {
    return withDoubt({
      id: `${app.entry.display}`,
      document: app.document,
      source: sourceOf(app.entry, `managed policy ${app.entry.display}`, 'Properties/PolicyDocument'),
    }, app.doubt);
  }
  const external = environment.externalManagedPolicies;
  if (external && Object.prototype.hasOwnProperty.call(external, arn)) {
    return {
      id: `externalManagedPolicies[${arn}]`,
      document: external[arn],
      source: { description: `managed policy ${arn} (from externalManagedPolicies)`, location: arn, environmentProp: 'externalManagedPolicies' },
    };
  }
  const aws = awsManagedPolicy(arn);
  if (aws) {
    return {
      id: arn,
      document: aws.document,
      source: { description: `AWS managed policy ${aws.name}`, location: arn },
    };
  }
  const shown = describeSymbolic(arn);
  return {
    id: `external:${shown}`,
    missing: `${purpose} ${shown} is not defined in the app: give its document in \`externalManagedPolicies\``,
    source: { description: `managed policy ${shown}`, location: shown, environmentProp: 'externalManagedPolicies' },
  };
}
