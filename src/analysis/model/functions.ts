import { stringList, tagsOf } from './helpers';
import { FunctionModel, RoleModel } from './types';
import { INTENT_METADATA_KEY } from '../../contract/intent';
import { isRecord, ResourceEntry } from '../cfn/assembly-index';
import { opaque } from '../cfn/opaque';
import { AssemblyResolver } from '../cfn/resolve';

export function buildFunction(
  entry: ResourceEntry,
  resolver: AssemblyResolver,
  roleFor: (arn: string) => RoleModel,
): FunctionModel {
  const r = resolver.forStack(entry.stack);
  const props = r.properties(entry);
  const roleArn = typeof props.Role === 'string' ? props.Role : undefined;
  const vpcConfig = isRecord(props.VpcConfig) ? props.VpcConfig : undefined;
  const subnetIds = stringList(vpcConfig?.SubnetIds);
  const environment = isRecord(props.Environment) && isRecord(props.Environment.Variables) ? props.Environment.Variables : {};
  const metadata = isRecord(entry.raw.Metadata) ? entry.raw.Metadata : {};
  return {
    entry,
    display: entry.display,
    name: r.resolveString({ Ref: entry.logicalId }) ?? opaque(`name of ${entry.display}`),
    arn: r.resolveString({ 'Fn::GetAtt': [entry.logicalId, 'Arn'] }) ?? opaque(`ARN of ${entry.display}`),
    account: r.env.account,
    region: r.env.region,
    partition: r.env.partition,
    roleArn,
    role: roleArn ? roleFor(roleArn) : undefined,
    vpcConfig,
    vpc: subnetIds.length > 0 ? { subnetIds, securityGroupIds: stringList(vpcConfig?.SecurityGroupIds) } : undefined,
    tags: tagsOf(props.Tags),
    environment,
    recordedIntents: metadata[INTENT_METADATA_KEY],
  };
}
