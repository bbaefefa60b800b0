import { arnFields, sourceOf, stringList, tagsOf } from './helpers';
import { deploymentDoubt, withDoubt } from './in-force';
import { AppManagedPolicy, managedPolicyByArn } from './managed-policy-lookup';
import { PolicyDoc, RoleModel } from './types';
import { describeSymbolic } from '../../iam/symbolic';
import { isRecord, ResourceEntry } from '../cfn/assembly-index';
import { opaque } from '../cfn/opaque';
import { AssemblyResolver } from '../cfn/resolve';
import { AnalysisEnvironment } from '../input';

/** A policy resource of the app attached to roles or users by name (`AWS::IAM::Policy`, `RolePolicy`, `UserPolicy`). */
interface AttachedPolicy {
  readonly entry: ResourceEntry;
  readonly document: unknown;
  readonly roles: readonly string[];
  /** Resolved user names (`Users`, or a `UserPolicy`'s `UserName`): read for users whose access keys the app hands out. */
  readonly users: readonly string[];
  /** Why it may not be deployed (its Condition is undecided); undefined when it is. */
  readonly doubt?: string;
}

/** Every identity policy resource of the app, resolved once, and indexed by the role names they attach to. */
export interface PolicyResources {
  readonly managed: readonly AppManagedPolicy[];
  readonly attached: readonly AttachedPolicy[];
  readonly attachedByRole: ReadonlyMap<string, readonly AttachedPolicy[]>;
  readonly managedByRole: ReadonlyMap<string, readonly AppManagedPolicy[]>;
  readonly attachedByUser: ReadonlyMap<string, readonly AttachedPolicy[]>;
  readonly managedByUser: ReadonlyMap<string, readonly AppManagedPolicy[]>;
}

function byName<T>(items: readonly T[], names: (item: T) => readonly string[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    for (const name of new Set(names(item))) {
      const list = map.get(name) ?? [];
      list.push(item);
      map.set(name, list);
    }
  }
  return map;
}

const POLICY_TYPES = ['AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy'];

export function collectPolicyResources(entries: readonly ResourceEntry[], resolver: AssemblyResolver): PolicyResources {
  const managed: AppManagedPolicy[] = [];
  const attached: AttachedPolicy[] = [];
  for (const entry of entries) {
    const r = resolver.forStack(entry.stack);
    if (r.deployed(entry) === 'false') continue;
    if (!POLICY_TYPES.includes(entry.type)) continue;
    const props = r.properties(entry);
    const doubt = deploymentDoubt(entry, resolver);
    if (entry.type === 'AWS::IAM::ManagedPolicy') {
      managed.push({
        entry, arn: r.resolveString({ Ref: entry.logicalId }) ?? '', document: props.PolicyDocument, roles: stringList(props.Roles), users: stringList(props.Users), doubt,
      });
    } else if (entry.type === 'AWS::IAM::Policy') {
      attached.push({ entry, document: props.PolicyDocument, roles: stringList(props.Roles), users: stringList(props.Users), doubt });
    } else if (entry.type === 'AWS::IAM::RolePolicy') {
      attached.push({ entry, document: props.PolicyDocument, roles: stringList(props.RoleName), users: [], doubt });
    } else {
      attached.push({ entry, document: props.PolicyDocument, roles: [], users: stringList(props.UserName), doubt });
    }
  }
  return {
    managed,
    attached,
    attachedByRole: byName(attached, (p) => p.roles),
    managedByRole: byName(managed, (p) => p.roles),
    attachedByUser: byName(attached, (p) => p.users),
    managedByUser: byName(managed, (p) => p.users),
  };
}

/** The identity policies that name a role (by its resolved name) from anywhere in the assembly. */
function policiesNaming(roleName: string, roleArns: readonly string[], resources: PolicyResources): PolicyDoc[] {
  const docs: PolicyDoc[] = [];
  for (const p of resources.attachedByRole.get(roleName) ?? []) {
    docs.push(withDoubt({
      id: p.entry.display,
      document: p.document,
      source: sourceOf(p.entry, `policy ${p.entry.display}`, 'Properties/PolicyDocument'),
    }, p.doubt));
  }
  for (const p of resources.managedByRole.get(roleName) ?? []) {
    if (roleArns.includes(p.arn)) continue;
    docs.push(withDoubt({
      id: p.entry.display,
      document: p.document,
      source: sourceOf(p.entry, `managed policy ${p.entry.display}`, 'Properties/PolicyDocument'),
    }, p.doubt));
  }
  return docs;
}

export function buildRole(entry: ResourceEntry, resolver: AssemblyResolver, resources: PolicyResources, environment: AnalysisEnvironment): RoleModel {
  const r = resolver.forStack(entry.stack);
  const props = r.properties(entry);
  const name = r.resolveString({ Ref: entry.logicalId }) ?? opaque(`name of ${entry.display}`);
  const arn = r.resolveString({ 'Fn::GetAtt': [entry.logicalId, 'Arn'] }) ?? opaque(`ARN of ${entry.display}`);
  const identity: PolicyDoc[] = [];
  const inline = Array.isArray(props.Policies) ? props.Policies : [];
  inline.forEach((p, i) => {
    const policyName = isRecord(p) && typeof p.PolicyName === 'string' ? p.PolicyName : `#${i}`;
    identity.push({
      id: `${entry.display}#inline:${describeSymbolic(policyName)}`,
      document: isRecord(p) ? p.PolicyDocument : undefined,
      missing: isRecord(p) ? undefined : 'the inline policy is not an object',
      source: sourceOf(entry, `inline policy "${describeSymbolic(policyName)}" of role ${entry.display}`, `Properties/Policies/${i}/PolicyDocument`),
    });
  });
  const managedArns = stringList(props.ManagedPolicyArns);
  for (const managedArn of managedArns) {
    identity.push(managedPolicyByArn(managedArn, resources.managed, environment, 'managed policy'));
  }
  identity.push(...policiesNaming(name, managedArns, resources));
  const boundaryArn = typeof props.PermissionsBoundary === 'string' ? props.PermissionsBoundary : undefined;
  return {
    entry,
    display: entry.display,
    name,
    arn,
    account: r.env.account,
    partition: r.env.partition,
    tags: tagsOf(props.Tags),
    identity,
    boundary: boundaryArn ? managedPolicyByArn(boundaryArn, resources.managed, environment, 'permissions boundary') : undefined,
    external: false,
  };
}

/**
 * A role the function uses that is not a resource of the app (an imported role ARN). Policies of the app that
 * name it are known; whatever else is attached to it is not, which the decision reports as unknown.
 */
export function externalRole(arn: string, resources: PolicyResources): RoleModel {
  const fields = arnFields(arn);
  const name = fields?.resource.startsWith('role/') ? fields.resource.split('/').pop() ?? arn : opaque(`role name of ${describeSymbolic(arn)}`);
  const shown = describeSymbolic(arn);
  const identity: PolicyDoc[] = [
    {
      id: `external-role:${shown}`,
      missing: `role ${shown} is not defined in the app, so the policies attached to it outside the templates are unknown`,
      source: { description: `the policies of role ${shown} outside the app`, location: shown },
    },
    ...policiesNaming(name, [], resources),
  ];
  return {
    display: shown,
    name,
    arn,
    account: fields?.account ?? opaque(`account of ${shown}`),
    partition: fields?.partition ?? 'aws',
    tags: {},
    identity,
    external: true,
  };
}
