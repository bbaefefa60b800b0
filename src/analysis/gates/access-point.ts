/**
 * Gate 5: writes through an S3 access point. Two authorizations must both allow [S3 User Guide, "Configuring IAM
 * policies for using access points"]: the access point's (its policy, on the access point object ARN) and the
 * bucket's (its policy, on the object ARN, with `s3:DataAccessPointArn` / `s3:DataAccessPointAccount` set — which
 * is how a bucket delegates access control to the access points of an account). An access point with a VPC
 * network origin rejects every request that does not come from that VPC through an endpoint; the access point's
 * own Block Public Access rejects public ACLs.
 */
import { ContextValue } from '../../iam/model';
import { CauseCode } from '../report';
import { PUBLIC_CANNED_ACLS } from './acl';
import { GateOutcome, guardGate } from './gate';
import { NetworkPathResult, SubnetPath } from './network-path';
import { isRecord } from '../cfn/assembly-index';
import { readPublicAccessBlockFlag } from '../model/bucket-settings';
import { isUnresolved, readLiteralString, readSymbolicString, sameValue, show } from '../model/property-values';

/** An access point resource of the app. */
export interface AccessPointResource {
  /** Construct path of the `AWS::S3::AccessPoint` (or `Stack/LogicalId`). */
  readonly location: string;
  /**
   * CloudFormation type.
   * @default 'AWS::S3::AccessPoint'
   */
  readonly type?: string;
  /** Resolved Properties: Bucket, BucketAccountId, Name, Policy, VpcConfiguration, PublicAccessBlockConfiguration. */
  readonly properties?: unknown;
  /**
   * What `Fn::GetAtt [<ap>, Arn]` resolves to.
   * @default built from Name, region and account
   */
  readonly arn?: string;
  /**
   * The account and region of the access point's own stack: the account that owns it, which
   * `s3:DataAccessPointAccount` carries ("the account ID of the owner of the access point").
   * @default the gate input's `account` and `region`
   */
  readonly account?: string;
  readonly region?: string;
}

export interface AccessPointGateInput {
  /** The request profile's `accessPoint`: the access point's construct path, or an access point ARN. */
  readonly accessPoint: string;
  /** The access points of the app. */
  readonly accessPoints: readonly AccessPointResource[];
  /**
   * The bucket the intent writes to: its location, resolved name and owning account (literal or atom; the
   * account defaults to the access point's BucketAccountId, else `account`).
   */
  readonly bucket: { readonly location: string; readonly name: string; readonly account?: string };
  /** The keys written, as an IAM pattern (`incoming/*`). */
  readonly keyPattern: string;
  /** Region and account of the access point's stack (literal or atom). */
  readonly region: string;
  readonly account: string;
  /**
   * The function's network path (from `decideNetworkPath`), for VPC-origin access points.
   * @default undefined — not known: a VPC-origin access point is then UNKNOWN
   */
  readonly network?: Pick<NetworkPathResult, 'path' | 'subnets'>;
  /**
   * The canned ACL the request sends, for the access point's Block Public Access.
   * @default undefined — none
   */
  readonly acl?: string;
}

/** One authorization the analysis runs with the IAM evaluator. */
export interface AccessPointAuthorization {
  /** Which resource policy decides: the access point's, or the bucket's own (which the analysis already has). */
  readonly layer: 'access-point' | 'bucket';
  /** The resource ARN to evaluate. */
  readonly resource: string;
  /** The account that owns `resource`. */
  readonly resourceAccount: string;
  /**
   * For the access point layer: its policy document, `null` when it has none, or `{ unknown }` when it is
   * outside the app. Not set for the bucket layer (use the bucket policy).
   */
  readonly policy?: { readonly location: string; readonly document: unknown } | null | { readonly unknown: string };
  /** Keys to add to the request context for this evaluation. */
  readonly context: Record<string, ContextValue>;
  /** The cause code when this authorization does not allow. */
  readonly code: CauseCode;
  /** What to change when it does not allow. */
  readonly fix: string;
}

export interface AccessPointResult {
  /** The access point ARN (may carry atoms); undefined when the access point could not be identified. */
  readonly accessPointArn?: string;
  /** The access point's construct path, when it is in the app. */
  readonly location?: string;
  /** The two authorizations (empty when the access point could not be identified). */
  readonly authorizations: AccessPointAuthorization[];
  readonly outcomes: GateOutcome[];
}

const AP_ARN = /^arn:([^:]+):s3:([^:]*):([^:]*):accesspoint\/([^/]+)$/;

export function checkAccessPoint(input: AccessPointGateInput): AccessPointResult {
  const where = typeof input?.accessPoint === 'string' ? input.accessPoint : undefined;
  return guardGate('access point', 'ACCESS_POINT_POLICY', where, () => decide(input), (o) => ({ authorizations: [], outcomes: [o] }));
}

function decide(input: AccessPointGateInput): AccessPointResult {
  const named = input.accessPoint;
  if (typeof named !== 'string' || named.length === 0) {
    return unknownOnly('the request profile names no access point', undefined);
  }
  const ap = findAccessPoint(input);
  if (ap === undefined) {
    const m = AP_ARN.exec(named);
    if (!m) {
      return unknownOnly(`${show(named)} is neither an access point of the app nor an access point ARN (aliases are not supported)`, named);
    }
    return external(input, named, m[3]);
  }
  if ((ap.type ?? 'AWS::S3::AccessPoint') !== 'AWS::S3::AccessPoint') {
    return unknownOnly(`${ap.location} is a ${ap.type} (directory bucket access point): out of scope`, ap.location);
  }
  const p = isRecord(ap.properties) ? ap.properties : {};
  return decideAppAccessPoint({ ...input, account: ap.account ?? input.account, region: ap.region ?? input.region }, ap, p);
}

/** An access point of the app, judged in its owner's account and region. */
function decideAppAccessPoint(input: AccessPointGateInput, ap: AccessPointResource, p: Record<string, unknown>): AccessPointResult {
  const arn = ap.arn ?? arnFromName(input, p);
  if (arn === undefined) return unknownOnly(`the ARN of access point ${ap.location} is not known`, ap.location);
  const outcomes: GateOutcome[] = [];
  const apBucket = readSymbolicString(p.Bucket, `the Bucket of ${ap.location}`);
  if (typeof apBucket === 'string' && sameValue(apBucket, input.bucket.name) === 'false') {
    outcomes.push({
      result: 'unknown',
      code: 'ACCESS_POINT_POLICY',
      location: ap.location,
      reason: `access point ${ap.location} serves bucket ${show(apBucket)}, not ${input.bucket.location} that the intent writes to`,
      fix: `Name the access point of ${input.bucket.location} in the request profile (accessPoint).`,
    });
  }
  const bucketAccount = readSymbolicString(p.BucketAccountId, `the BucketAccountId of ${ap.location}`);
  // Only an absent Policy means none; `null` is a document that cannot be read (unknown, never "no policy").
  const policy = p.Policy === undefined ? null : { location: ap.location, document: p.Policy };
  const origin = readVpcOrigin(p, ap.location);
  outcomes.push(...originOutcomes(input, ap.location, origin), ...publicAclOutcomes(input, ap.location, p));
  const authorizations = twoAuthorizations(input, arn, typeof bucketAccount === 'string' ? bucketAccount : input.bucket.account ?? input.account, policy, ap.location,
    typeof origin === 'string' ? 'VPC' : origin === null ? 'Internet' : undefined);
  outcomes.push({
    result: 'pass',
    code: 'ACCESS_POINT_POLICY',
    location: ap.location,
    reason: `the write goes through access point ${ap.location}: ${policy ? 'its policy' : 'the identity policy (it has no access point policy)'} must allow ` +
      `s3:PutObject on ${show(authorizations[0].resource)}, and ${input.bucket.location}'s policy must allow it on ${show(authorizations[1].resource)} ` +
      '(directly or by delegating to the account\'s access points with s3:DataAccessPointAccount)',
  });
  return { accessPointArn: arn, location: ap.location, authorizations, outcomes };
}

function findAccessPoint(input: AccessPointGateInput): AccessPointResource | undefined {
  const named = input.accessPoint;
  const aps = (input.accessPoints ?? []).filter((a) => isRecord(a) && typeof a.location === 'string');
  const byPath = aps.find((a) => a.location === named);
  if (byPath) return byPath;
  const byArn = aps.find((a) => typeof a.arn === 'string' && sameValue(a.arn, named) === 'true');
  if (byArn) return byArn;
  const m = AP_ARN.exec(named);
  if (!m) return undefined;
  return aps.find((a) => isRecord(a.properties) && a.properties.Name === m[4]);
}

function arnFromName(input: AccessPointGateInput, p: Record<string, unknown>): string | undefined {
  const name = readSymbolicString(p.Name, 'Name');
  if (typeof name !== 'string') return undefined;
  return `arn:aws:s3:${input.region}:${input.account}:accesspoint/${name}`;
}

/** The access point's VPC (network origin VPC), null for internet origin, or Unresolved. */
function readVpcOrigin(p: Record<string, unknown>, where: string): string | null | { unresolved: string } {
  const config = p.VpcConfiguration;
  if (config === undefined || config === null) return null;
  if (!isRecord(config)) return { unresolved: `the VpcConfiguration of ${where} is not known (${show(config)})` };
  const vpc = readSymbolicString(config.VpcId, `the VpcConfiguration.VpcId of ${where}`);
  if (vpc === undefined) return null;
  return vpc;
}

function twoAuthorizations(
  input: AccessPointGateInput, arn: string, bucketAccount: string,
  policy: AccessPointAuthorization['policy'], apWhere: string, origin: 'VPC' | 'Internet' | undefined,
): AccessPointAuthorization[] {
  const context: Record<string, ContextValue> = {
    's3:DataAccessPointArn': arn,
    's3:DataAccessPointAccount': input.account,
    's3:AccessPointNetworkOrigin': origin ?? { unknown: `the network origin of ${apWhere}` },
  };
  const objectArn = `arn:aws:s3:::${input.bucket.name}/${input.keyPattern}`;
  return [
    {
      layer: 'access-point',
      resource: `${arn}/object/${input.keyPattern}`,
      resourceAccount: input.account,
      policy,
      context,
      code: 'ACCESS_POINT_POLICY',
      fix: `Allow s3:PutObject on ${show(arn)}/object/${input.keyPattern} for the function's role in the policy of ${apWhere} (Policy) ` +
        'or, in the same account, in the role\'s identity policy.',
    },
    {
      layer: 'bucket',
      resource: objectArn,
      resourceAccount: bucketAccount,
      context,
      code: 'BUCKET_POLICY_DENY',
      fix: `Let ${input.bucket.location} delegate to access points: a bucket policy statement allowing Principal "*" the object actions on ` +
        `${show(objectArn.replace(/\/[^/]*$/, '/*'))} with Condition StringEquals s3:DataAccessPointAccount ${show(input.account)}.`,
    },
  ];
}

function originOutcomes(input: AccessPointGateInput, apWhere: string, origin: string | null | { unresolved: string }): GateOutcome[] {
  if (origin === null) return [];
  const base = { code: 'NETWORK_PATH' as const, location: apWhere };
  if (isUnresolved(origin)) return [{ ...base, result: 'unknown', reason: `${origin.unresolved}: whether ${apWhere} accepts the function's requests is unknown` }];
  const fix = `Send the write from VPC ${show(origin)} through an S3 endpoint (put the function in that VPC, with a gateway endpoint on its ` +
    `subnets' route tables), or give ${apWhere} an internet network origin (remove VpcConfiguration).`;
  const network = input.network;
  if (network === undefined) {
    return [{ ...base, result: 'unknown', reason: `${apWhere} accepts only requests from VPC ${show(origin)}, and the function's network path was not given`, fix }];
  }
  const verdicts = (network.subnets.length > 0 ? network.subnets : [undefined]).map((s) => subnetVerdict(s, network.path, origin));
  if (verdicts.every((v) => v.result === 'skip')) return [];
  const denied = verdicts.filter((v) => v.result === 'deny');
  const reasons = [...new Set(verdicts.filter((v) => v.result !== 'pass' && v.result !== 'skip').map((v) => v.why))].join('; ');
  const said = `${apWhere} has a VPC network origin (VpcConfiguration.VpcId ${show(origin)}) and rejects requests not sent from that VPC`;
  if (verdicts.some((v) => v.result === 'unknown')) return [{ ...base, result: 'unknown', reason: `${said}; ${reasons}`, fix }];
  if (denied.length === 0) return [{ ...base, result: 'pass', reason: `${said}; the function's requests come through ${verdicts.map((v) => v.why).join(', ')}` }];
  const result = denied.length === verdicts.filter((v) => v.result !== 'skip').length ? 'deny' : 'conditional';
  return [{ ...base, result, reason: `${said}: ${reasons}`, fix }];
}

function subnetVerdict(s: SubnetPath | undefined, overall: string, vpc: string): { result: 'pass' | 'deny' | 'unknown' | 'skip'; why: string } {
  const path = s?.path ?? overall;
  if (path === 'none') return { result: 'skip', why: '' }; // the network gate already denies
  if (path === 'internet' || path === 'nat') return { result: 'deny', why: `the function reaches S3 ${path === 'nat' ? 'through a NAT gateway' : 'over the internet'}, not from the VPC` };
  if ((path === 'gateway-endpoint' || path === 'interface-endpoint') && s?.endpoint) {
    const same = sameValue(s.endpoint.vpcId, vpc);
    if (same === 'true') return { result: 'pass', why: `endpoint ${s.endpoint.location}` };
    if (same === 'false') return { result: 'deny', why: `the function's endpoint ${s.endpoint.location} is in VPC ${show(s.endpoint.vpcId)}` };
    return { result: 'unknown', why: `whether endpoint ${s.endpoint.location}'s VPC is ${show(vpc)} is not known` };
  }
  return { result: 'unknown', why: 'the function\'s network path is not known' };
}

/** The access point's own Block Public Access (all on unless its configuration says otherwise). */
function publicAclOutcomes(input: AccessPointGateInput, apWhere: string, p: Record<string, unknown>): GateOutcome[] {
  const acl = readLiteralString(input.acl, 'the ACL');
  if (typeof acl !== 'string' || !PUBLIC_CANNED_ACLS.includes(acl)) return [];
  const flag = readPublicAccessBlockFlag(p, 'BlockPublicAcls', apWhere);
  const base = { code: 'BLOCK_PUBLIC_ACCESS' as const, location: apWhere };
  const fix = `Stop sending the public ACL x-amz-acl: ${acl}.`;
  if (isUnresolved(flag)) return [{ ...base, result: 'unknown', reason: `${flag.unresolved}; the request sends x-amz-acl: ${acl}`, fix }];
  if (!flag.value) return [{ ...base, result: 'pass', reason: `${apWhere} has BlockPublicAcls off` }];
  const said = flag.defaulted ? `${apWhere} sets no PublicAccessBlockConfiguration, so all of its Block Public Access settings are on` : `${apWhere} has BlockPublicAcls on`;
  return [{ ...base, result: 'deny', reason: `${said}: the request's public ACL x-amz-acl: ${acl} is rejected with 403 AccessDenied`, fix }];
}

/** An access point outside the app, named by ARN: both authorizations are known in shape, its policy is not. */
function external(input: AccessPointGateInput, arn: string, apAccount: string): AccessPointResult {
  const account = apAccount.length > 0 ? apAccount : input.account;
  const authorizations = twoAuthorizations({ ...input, account }, arn, input.bucket.account ?? account, { unknown: `the policy of access point ${arn}, which is not in the app` }, arn, undefined);
  return {
    accessPointArn: arn,
    authorizations,
    outcomes: [{
      result: 'unknown',
      code: 'ACCESS_POINT_POLICY',
      location: arn,
      reason: `access point ${arn} is not in the app: its policy, network origin and Block Public Access are unknown`,
      fix: 'Define the access point in the app (CfnAccessPoint), or check its policy allows the function\'s role s3:PutObject.',
    }],
  };
}

function unknownOnly(reason: string, location: string | undefined): AccessPointResult {
  return { authorizations: [], outcomes: [{ result: 'unknown', code: 'ACCESS_POINT_POLICY', reason, location }] };
}
