import { AnalysisEnvironment } from '../input';
import { StackInfo } from './assembly-index';
import { opaque } from './opaque';

/**
 * Pseudo parameters (CloudFormation User Guide, "Pseudo parameters reference").
 *
 * An environment-agnostic stack has no account or region in the templates. We then use ONE opaque atom per
 * pseudo parameter, shared by every such stack: they are assumed to deploy to the same account and region
 * (how `cdk deploy` of one app usually goes). The assumption is recorded in the finding's notes.
 */
export const AGNOSTIC_ACCOUNT = opaque('AWS::AccountId');
export const AGNOSTIC_REGION = opaque('AWS::Region');

export const AGNOSTIC_ASSUMPTION =
  'environment-agnostic stacks are assumed to deploy to one account and region (give stack env or `defaultAccount` to check across accounts)';

export interface StackEnvironment {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly urlSuffix: string;
  /** True when the account or region is the shared agnostic atom. */
  readonly agnostic: boolean;
}

export function stackEnvironment(stack: StackInfo, environment: AnalysisEnvironment): StackEnvironment {
  const account = stack.account ?? environment.defaultAccount ?? AGNOSTIC_ACCOUNT;
  const region = stack.region ?? AGNOSTIC_REGION;
  return {
    account,
    region,
    partition: partitionOf(stack.region),
    urlSuffix: stack.region?.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com',
    agnostic: (!stack.account && !environment.defaultAccount) || !stack.region,
  };
}

/** `aws` unless the region says China or GovCloud; an unknown region is assumed commercial. */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The value of `Ref: AWS::…`, or undefined for a name that is not a pseudo parameter. */
export function pseudoParameter(name: string, stack: StackInfo, env: StackEnvironment): string | undefined {
  switch (name) {
    case 'AWS::AccountId': return env.account;
    case 'AWS::Region': return env.region;
    case 'AWS::Partition': return env.partition;
    case 'AWS::URLSuffix': return env.urlSuffix;
    // CloudFormation names a nested stack `<parent>-<logicalId>-<random suffix>`: no template fixes it.
    case 'AWS::StackName': return stack.nestedIn ? opaque(`AWS::StackName of ${stack.stackName}`) : stack.stackName;
    case 'AWS::StackId': return opaque(`AWS::StackId of ${stack.stackName}`);
    case 'AWS::NotificationARNs': return opaque(`AWS::NotificationARNs of ${stack.stackName}`);
    default: return undefined;
  }
}
