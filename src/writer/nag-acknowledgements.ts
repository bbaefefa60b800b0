import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';

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
 * Acknowledge, with CDK's own mechanism (which cdk-nag v3 reads), the AwsSolutions findings the writer causes on
 * purpose: each one narrowed to the exact finding and given its reason. They are listed in the SecureLambdaWriter docs.
 */
export function acknowledgeNagFindings(targets: NagTargets): void {
  for (const resource of targets.wildcardResources) {
    Validations.of(targets.policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${findingText(targets.policy, resource)}]`,
      reason: resource === '*' ? ENI_REASON : PREFIX_REASON,
    });
  }
  if (targets.unloggedBucket) {
    Validations.of(targets.unloggedBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Server access logs need a second bucket the user chooses (bucketProps.serverAccessLogsBucket); the writer role ' +
        'can only write under its prefix.',
    });
  }
}

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
