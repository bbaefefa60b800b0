import { DiffCase, PolicyDocument } from './case';
import { evaluate, parsePolicy } from '../../../src/iam';
import { AuthorizationRequest, Decision, PolicySet, RequestContext } from '../../../src/iam/model';

/** Our evaluator's input for a case, with the context keys the simulator dropped removed (both see the same). */
export function toOurs(c: DiffCase, ignoredContextKeys: readonly string[] = []): { request: AuthorizationRequest; policies: PolicySet } {
  const dropped = new Set(ignoredContextKeys);
  const context: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(c.context)) if (!dropped.has(key)) context[key] = value;
  const parse = (prefix: string) => (doc: PolicyDocument, i: number) => parsePolicy(doc, `${prefix}${i}`);
  const request: AuthorizationRequest = {
    principal: {
      kind: c.principal.kind,
      arn: c.principal.arn,
      roleArn: c.principal.roleArn,
      account: c.principal.account,
      service: c.principal.service,
    },
    action: c.action,
    resource: c.resource,
    resourceAccount: c.resourceAccount,
    context: context as RequestContext,
  };
  const policies: PolicySet = {
    identity: c.identity.map(parse('identity')),
    resource: c.resourcePolicy ? parsePolicy(c.resourcePolicy, 'resource') : undefined,
    resourceKind: c.resourceKind,
    permissionsBoundary: c.boundary ? parsePolicy(c.boundary, 'boundary') : undefined,
    serviceControlPolicies: c.scps?.map((level, l) => level.map(parse(`scp${l}-`))),
    resourceControlPolicies: c.rcps?.map((level, l) => level.map(parse(`rcp${l}-`))),
    sessionPolicy: c.session ? parsePolicy(c.session, 'session') : undefined,
    vpcEndpointPolicies: c.vpce?.map(parse('vpce')),
  };
  return { request, policies };
}

export function evaluateOurs(c: DiffCase, ignoredContextKeys: readonly string[] = []): Decision {
  const { request, policies } = toOurs(c, ignoredContextKeys);
  return evaluate(request, policies);
}
