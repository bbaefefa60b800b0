import { evaluate, parsePolicy } from '../../../src/iam';
import { AuthorizationRequest, ContextValue, Policy, PolicySet } from '../../../src/iam/model';

/** The account and role of the requests below. */
export const ACCOUNT = '111111111111';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/writer`;

/** A request from a session of {@link ROLE}, in its own account. */
export function writerRequest(action: string, resource: string, context: Readonly<Record<string, ContextValue>>): AuthorizationRequest {
  return {
    principal: { kind: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/writer/fn`, roleArn: ROLE, account: ACCOUNT },
    action,
    resource,
    resourceAccount: ACCOUNT,
    context,
  };
}

export function policyOf(statements: unknown[], id: string): Policy {
  return parsePolicy({ Version: '2012-10-17', Statement: statements }, id);
}

/** Every policy of the set whose content is given, as a caller of the classes passes them. */
export function givenPolicies(set: PolicySet): Policy[] {
  const known = (p: PolicySet['resource']): Policy[] => (p && 'statements' in p ? [p] : []);
  return [...set.identity, ...known(set.resource), ...known(set.permissionsBoundary),
    ...(Array.isArray(set.serviceControlPolicies) ? set.serviceControlPolicies.flat() : [])];
}

/**
 * `classes` split `items` (each item once, the classes and their members in the items' order), and every member of
 * a class gets the decision its first member gets: outcome, decisive statements and trace.
 */
export function expectDecidedAlike(items: readonly string[], classes: readonly (readonly string[])[], set: PolicySet,
  request: (item: string) => AuthorizationRequest): void {
  expect(classes.flat().sort()).toEqual([...items].sort());
  for (const members of classes) {
    expect(members).toEqual(items.filter((item) => members.includes(item)));
    const first = evaluate(request(members[0]), set);
    for (const item of members.slice(1)) expect(evaluate(request(item), set)).toEqual(first);
  }
}
