import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { withoutUndefined } from './plain-object';
import { WriteAccessCheckerProps } from './props';
import { isRecord } from '../analysis/cfn/assembly-index';
import { AnalysisEnvironment, BlockPublicAccessSettings, ExternalPolicy } from '../analysis/input';

/**
 * The checker's props as the analysis' environment: CDK policy documents become policy JSON.
 *
 * @throws Error naming the prop when a document references resources of the app (it describes something outside it)
 */
export function toAnalysisEnvironment(props: WriteAccessCheckerProps): AnalysisEnvironment {
  const resolver = new PolicyResolver();
  return withoutUndefined<AnalysisEnvironment>({
    serviceControlPolicies: props.serviceControlPolicies?.map((doc, i) =>
      [resolver.external(`serviceControlPolicies[${i}]`, doc)]),
    resourceControlPolicies: props.resourceControlPolicies?.map((doc, i) =>
      [resolver.external(`resourceControlPolicies[${i}]`, doc)]),
    organizationId: props.organizationId,
    externalBucketPolicies: resolver.byKey('externalBucketPolicies', props.externalBucketPolicies),
    externalBucketAccounts: props.externalBucketAccounts ? { ...props.externalBucketAccounts } : undefined,
    requesterPaysBuckets: props.requesterPaysBuckets ? { ...props.requesterPaysBuckets } : undefined,
    externalKeyPolicies: resolver.byKey('externalKeyPolicies', props.externalKeyPolicies),
    externalManagedPolicies: resolver.byKey('externalManagedPolicies', props.externalManagedPolicies),
    accountBlockPublicAccess: props.accountBlockPublicAccess ? mapValues(props.accountBlockPublicAccess, toBpa) : undefined,
    defaultAccount: props.defaultAccount,
    strict: props.strict,
  });
}

/** One private stack per process (its App makes a temporary assembly directory): resolving is all it is used for. */
let resolverScope: Stack | undefined;

/**
 * Resolves policy documents outside any stack of the app. A private, never-synthesized stack gives the CDK the
 * scope it needs; pseudo parameters (e.g. the partition in `AccountPrincipal` ARNs) are then made literal.
 */
class PolicyResolver {

  public external(name: string, doc: iam.PolicyDocument): ExternalPolicy {
    return { name, document: this.json(name, doc) };
  }

  public byKey(prop: string, docs: { [key: string]: iam.PolicyDocument } | undefined): Record<string, unknown> | undefined {
    if (!docs) return undefined;
    return mapValues(docs, (doc, key) => this.json(`${prop}['${key}']`, doc));
  }

  private json(name: string, doc: iam.PolicyDocument): unknown {
    // An empty document renders as undefined; as a policy it allows nothing.
    resolverScope ??= new Stack();
    const json = resolverScope.resolve(doc) ?? { Version: '2012-10-17', Statement: [] };
    const reference = findAppReference(json);
    if (reference) {
      throw new Error(
        `WriteAccessChecker: ${name} references a resource of the app (${reference}). It describes a policy outside ` +
        'the app: give literal ARNs and names (for example with iam.PolicyDocument.fromJson).',
      );
    }
    return literalize(json, name);
  }
}

/**
 * The document with the pseudo parameters L2 principals bring (`AccountPrincipal` renders
 * `arn:${AWS::Partition}:iam::…:root`) replaced by literals, so the policy reads as the literal policy it describes:
 * the partition and URL suffix of the commercial regions, as the analysis assumes for environment-agnostic stacks.
 * `AWS::AccountId` and `AWS::Region` have no single value outside a stack, so they are refused, naming the prop.
 */
function literalize(json: unknown, name: string): unknown {
  if (Array.isArray(json)) return json.map((item) => literalize(item, name));
  if (!isRecord(json)) return json;
  const keys = Object.keys(json);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof json.Ref === 'string') {
    const literal = PSEUDO_LITERALS[json.Ref];
    if (literal !== undefined) return literal;
    throw new Error(
      `WriteAccessChecker: ${name} uses ${json.Ref} (e.g. through AccountRootPrincipal or Aws.ACCOUNT_ID), which has no ` +
      'single value outside a stack: write the account or region literally (new iam.AccountPrincipal(\'111111111111\')).',
    );
  }
  if (keys.length === 1 && keys[0] === 'Fn::Join' && Array.isArray(json['Fn::Join'])) {
    const [separator, parts] = json['Fn::Join'] as unknown[];
    const literalParts = Array.isArray(parts) ? parts.map((part) => literalize(part, name)) : undefined;
    if (typeof separator === 'string' && literalParts?.every((part) => typeof part === 'string')) {
      return literalParts.join(separator);
    }
  }
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, literalize(v, name)]));
}

const PSEUDO_LITERALS: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };

/** The first `Ref` to something other than a pseudo parameter, `Fn::GetAtt` or `Fn::ImportValue` in `json`. */
function findAppReference(json: unknown): string | undefined {
  if (Array.isArray(json)) {
    for (const item of json) {
      const found = findAppReference(item);
      if (found) return found;
    }
    return undefined;
  }
  if (!isRecord(json)) return undefined;
  for (const [key, value] of Object.entries(json)) {
    if (key === 'Ref' && typeof value === 'string' && !value.startsWith('AWS::')) return `Ref ${value}`;
    if (key === 'Fn::GetAtt' || key === 'Fn::ImportValue') return `${key} ${JSON.stringify(value)}`;
    const found = findAppReference(value);
    if (found) return found;
  }
  return undefined;
}

function toBpa(options: s3.BlockPublicAccessOptions): BlockPublicAccessSettings {
  return withoutUndefined<BlockPublicAccessSettings>({
    blockPublicAcls: options.blockPublicAcls,
    ignorePublicAcls: options.ignorePublicAcls,
    blockPublicPolicy: options.blockPublicPolicy,
    restrictPublicBuckets: options.restrictPublicBuckets,
  });
}

function mapValues<A, B>(record: { [key: string]: A }, f: (value: A, key: string) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v, k)]));
}
