import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { acknowledgeRule } from '../compat/validation-api';

export interface NagTargets {
  readonly policy: iam.Policy;
  /** The resources with a wildcard in the writer's identity policy: `bucket/<prefix>*`, and '*' for VPC ENIs. */
  readonly wildcardResources: readonly string[];
  /** The bucket, only when the writer created it without server access logs. */
  readonly unloggedBucket?: s3.IBucket;
}

const PREFIX_REASON = 'The only object wildcard is the key-prefix match bucket/<keyPrefix>* of the write actions (object keys ' +
  'are not known in advance); no action wildcard is granted.';
const ENI_REASON = 'Lambda needs the EC2 network-interface actions to run in a VPC, and they do not support resource-level permissions.';

/**
 * Acknowledge the AwsSolutions findings the writer causes on purpose, each narrowed to the exact finding and given its
 * reason (they are listed in the SecureLambdaWriter docs), in the two forms cdk-nag reads:
 * - cdk-nag 3 reads the CDK's acknowledgement metadata (`Validations.of(scope).acknowledge`, or the same metadata on
 *   CDKs without it);
 * - cdk-nag 2, which apps on aws-cdk-lib older than 2.257 use (cdk-nag 3 needs 2.257), reads `cdk_nag.rules_to_suppress`
 *   in the resource's CloudFormation metadata, with `applies_to` naming the finding inside the brackets.
 */
export function acknowledgeNagFindings(targets: NagTargets): void {
  for (const resource of targets.wildcardResources) {
    const finding = `Resource::${findingText(targets.policy, resource)}`;
    acknowledgeNagRule(targets.policy, 'AwsSolutions-IAM5', resource === '*' ? ENI_REASON : PREFIX_REASON, finding);
  }
  if (targets.unloggedBucket) {
    acknowledgeNagRule(targets.unloggedBucket, 'AwsSolutions-S1',
      'Server access logs need a second bucket the user chooses (bucketProps.serverAccessLogsBucket); the writer role ' +
      'can only write under its prefix.');
  }
}

function acknowledgeNagRule(scope: IConstruct, rule: string, reason: string, finding?: string): void {
  acknowledgeRule(scope, finding ? `${rule}[${finding}]` : rule, reason);
  const resource = scope.node.defaultChild;
  if (!CfnResource.isCfnResource(resource)) return;
  const existing = resource.getMetadata(CDK_NAG_V2_METADATA) as { rules_to_suppress?: unknown[] } | undefined;
  const rules = Array.isArray(existing?.rules_to_suppress) ? existing.rules_to_suppress : [];
  const entry = finding ? { id: rule, reason, applies_to: [finding] } : { id: rule, reason };
  resource.addMetadata(CDK_NAG_V2_METADATA, { ...existing, rules_to_suppress: [...rules, entry] });
}

/** The CloudFormation metadata key cdk-nag 2 reads its suppressions from. */
const CDK_NAG_V2_METADATA = 'cdk_nag';

/**
 * How a finding names a resource: the resolved ARN with each reference written `<LogicalId.Attr>` or `<Name>`.
 */
function findingText(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flatten).join('');
  if (value && typeof value === 'object') {
    const obj = value as Record<string, any>;
    if ('Ref' in obj) return `<${obj.Ref}>`;
    if ('Fn::GetAtt' in obj) return `<${[].concat(obj['Fn::GetAtt']).join('.')}>`;
    if ('Fn::Join' in obj) return (obj['Fn::Join'][1] as unknown[]).map(flatten).join(obj['Fn::Join'][0]);
  }
  return JSON.stringify(value);
}
