import { Located, locateDenial, TemplateResource } from './locate-denial';
import { DenialReason, ParsedDenial } from './parse-denial';
import { analyzeAssembly } from '../../analysis/analyze';
import { AnalysisEnvironment, AssemblyInput, StackTemplate } from '../../analysis/input';
import { keyPatternOf } from '../../analysis/intents/key-pattern';
import { CauseCode, Finding } from '../../analysis/report';
import { INTENT_METADATA_KEY, RecordedIntent, RecordedRequestProfile } from '../../contract/intent';
import { isPlainObject } from '../json-file';
import { PATH_METADATA_KEY } from '../path-metadata';

/**
 * The verdict of `explain`:
 * - agree: the templates deny the request for the reason AWS gave;
 * - templates-deny-otherwise: the templates deny it, for another reason than the one AWS named first (AWS names only
 *   one policy type: fix both);
 * - outside-templates: the templates allow it and AWS names a policy the templates cannot show (SCP, RCP, VPC
 *   endpoint, boundary or session policy outside the app);
 * - drift: the templates allow it, or do not hold the role or bucket, while AWS denied it for a reason the
 *   templates would show: the deployed stack differs from this assembly.
 */
export type Agreement = 'agree' | 'templates-deny-otherwise' | 'outside-templates' | 'drift';

export interface Explanation {
  readonly denial: ParsedDenial;
  readonly located: Located;
  /** The finding for the exact key and request, or (when the message names no key) the matching findings. */
  readonly findings: readonly Finding[];
  readonly agreement: Agreement;
  /** One paragraph: what is outside the templates, or what differs. */
  readonly explanation: string;
  readonly remediation: readonly string[];
}

/** The intent `explain` adds for its run, in memory only: never written to the assembly. */
const EXPLAIN_INTENT_SOURCE = 'declared';

export function explainDenial(input: AssemblyInput, environment: AnalysisEnvironment, denial: ParsedDenial): Explanation {
  const located = locateDenial(input.stacks, denial);
  const findings = findingsFor(input, environment, denial, located);
  const denying = findings.filter(f => f.verdict === 'DENY');
  const expected = expectedCauses(denial);
  if (denying.length > 0) {
    const agrees = expected.length === 0 || denying.some(f => f.causes.some(c => expected.includes(c.code)));
    return {
      denial,
      located,
      findings,
      agreement: agrees ? 'agree' : 'templates-deny-otherwise',
      explanation: agrees
        ? `The templates deny this request too${denial.reason ? `, for the reason AWS gave (${reasonText(denial.reason)})` : ''}.`
        : `The templates deny this request for another reason (${causeCodes(denying)}) than AWS gave (${reasonText(denial.reason!)}); AWS names only one policy type, so both need fixing.`,
      remediation: [...new Set(denying.map(f => f.fix).filter((fix): fix is string => fix !== undefined))],
    };
  }
  if (located.confidence === 'none' || (denial.bucket !== undefined && located.bucket === undefined)) {
    return { denial, located, findings, agreement: 'drift', ...notInAssembly(denial, located) };
  }
  const outside = denial.reason ? outsideTemplates(denial.reason) : undefined;
  if (outside) return { denial, located, findings, agreement: 'outside-templates', explanation: outside.explanation, remediation: outside.remediation };
  return { denial, located, findings, agreement: 'drift', ...deployedDiffers(denial, located) };
}

/**
 * With an object key: one finding for that exact key and the request the message implies (the function's recorded
 * request for that bucket, plus what the action or error code says was sent). Without one (the message names no
 * object): the findings for the function located, else every denying finding that fits the error.
 */
function findingsFor(input: AssemblyInput, environment: AnalysisEnvironment, denial: ParsedDenial, located: Located): Finding[] {
  if (located.fn && located.bucket && denial.key !== undefined) {
    const withIntent = withExplainIntent(input, located.fn, located.bucket, denial);
    const report = analyzeAssembly(withIntent, environment);
    const pattern = keyPatternOf(denial.key);
    const mine = report.findings.filter(f => isFindingOf(f, located.fn!) && f.keyPattern === pattern && f.intent === EXPLAIN_INTENT_SOURCE);
    return mine.slice(-1);
  }
  const report = analyzeAssembly(input, environment);
  if (located.fn) return report.findings.filter(f => isFindingOf(f, located.fn!));
  // A caller the assembly does not hold: another app's findings would explain nothing.
  if (denial.principalArn !== undefined) return [];
  const expected = expectedCauses(denial);
  return report.findings.filter(f => f.verdict === 'DENY' && (expected.length === 0 || f.causes.some(c => expected.includes(c.code))));
}

function isFindingOf(finding: Finding, fn: TemplateResource): boolean {
  return finding.logicalId === fn.logicalId && finding.templatePath === fn.stack.templatePath;
}

/** A copy of the input whose located function carries one more recorded intent: the request of the message. */
function withExplainIntent(input: AssemblyInput, fn: TemplateResource, bucket: TemplateResource, denial: ParsedDenial): AssemblyInput {
  const stacks = input.stacks.map((stack): StackTemplate => {
    if (stack !== fn.stack || !isPlainObject(stack.template) || !isPlainObject(stack.template.Resources)) return stack;
    const resources = stack.template.Resources;
    const resource = resources[fn.logicalId];
    if (!isPlainObject(resource)) return stack;
    const metadata = isPlainObject(resource.Metadata) ? resource.Metadata : {};
    const recorded = Array.isArray(metadata[INTENT_METADATA_KEY]) ? metadata[INTENT_METADATA_KEY] as unknown[] : [];
    const bucketPath = bucketConstructPath(bucket);
    const intent: RecordedIntent = {
      source: EXPLAIN_INTENT_SOURCE,
      bucket: bucketPath ? { constructPath: bucketPath } : { bucketName: denial.bucket },
      keyPrefix: denial.key!,
      request: impliedRequest(recordedRequest(recorded, bucketPath), denial),
    };
    const patched = { ...resource, Metadata: { ...metadata, [INTENT_METADATA_KEY]: [...recorded, intent] } };
    return { ...stack, template: { ...stack.template, Resources: { ...resources, [fn.logicalId]: patched } } };
  });
  return { ...input, stacks };
}

function bucketConstructPath(bucket: TemplateResource): string | undefined {
  const resource = isPlainObject(bucket.stack.template) && isPlainObject(bucket.stack.template.Resources)
    ? bucket.stack.template.Resources[bucket.logicalId] : undefined;
  const metadata = isPlainObject(resource) && isPlainObject(resource.Metadata) ? resource.Metadata : {};
  return typeof metadata[PATH_METADATA_KEY] === 'string' ? metadata[PATH_METADATA_KEY] as string : undefined;
}

/** The request the function's code is recorded to send to that bucket (its SSE headers, tags, ACL…), if any. */
function recordedRequest(recorded: readonly unknown[], bucketPath: string | undefined): RecordedRequestProfile {
  const same = recorded.find(r => isPlainObject(r) && isPlainObject(r.bucket) && bucketPath !== undefined && r.bucket.constructPath === bucketPath);
  return isPlainObject(same) && isPlainObject(same.request) ? same.request as RecordedRequestProfile : {};
}

/** What the error says the request carried, on top of the recorded request. */
function impliedRequest(base: RecordedRequestProfile, denial: ParsedDenial): RecordedRequestProfile {
  const action = denial.action?.toLowerCase();
  if (denial.form === 'acl-not-supported' || action === 's3:putobjectacl') return { ...base, acl: base.acl ?? 'bucket-owner-full-control' };
  if (denial.form === 'object-lock-request' || action === 's3:putobjectretention') return { ...base, objectLockMode: base.objectLockMode ?? 'GOVERNANCE' };
  if (action === 's3:putobjectlegalhold') return { ...base, objectLockLegalHold: true };
  if (action === 's3:putobjecttagging') return { ...base, tags: base.tags ?? { tag: 'value' } };
  if (action === 's3:abortmultipartupload') return { ...base, multipart: true };
  return base;
}

/** The cause codes of the analysis that correspond to the reason AWS gave; empty = any denial agrees. */
export function expectedCauses(denial: ParsedDenial): CauseCode[] {
  if (denial.form === 'acl-not-supported') return ['ACL_NOT_SUPPORTED', 'MISSING_ACL_PERMISSION'];
  const reason = denial.reason;
  if (!reason) return [];
  const kms = denial.action?.toLowerCase().startsWith('kms:') ?? false;
  switch (reason.policyType) {
    case 'identity-based policy':
      if (reason.explicit) return ['IDENTITY_DENY'];
      return kms ? ['KMS_IDENTITY'] : ['NO_IDENTITY_ALLOW', 'MISSING_ACL_PERMISSION', 'MISSING_TAGGING_PERMISSION', 'MISSING_OBJECT_LOCK_PERMISSION'];
    case 'resource-based policy':
      if (kms) return ['KMS_KEY_POLICY', 'KMS_AWS_MANAGED_CROSS_ACCOUNT'];
      return reason.explicit ? ['BUCKET_POLICY_DENY', 'REQUEST_CONDITION', 'NETWORK_PATH', 'ACCESS_POINT_POLICY'] : ['CROSS_ACCOUNT_NO_BUCKET_ALLOW', 'ACCESS_POINT_POLICY'];
    case 'service control policy': return ['SCP_DENY'];
    case 'resource control policy': return ['RCP_DENY'];
    case 'VPC endpoint policy': return ['VPC_ENDPOINT_POLICY', 'NETWORK_PATH'];
    case 'permissions boundary': return ['PERMISSIONS_BOUNDARY'];
    case 'session policy': return ['SESSION_POLICY'];
  }
}

interface Advice {
  readonly explanation: string;
  readonly remediation: string[];
}

/** Policies the templates cannot show, and the option that brings each into the analysis. */
function outsideTemplates(reason: DenialReason): Advice | undefined {
  switch (reason.policyType) {
    case 'service control policy':
      return {
        explanation: 'The templates allow this request; AWS names a service control policy, which lives in AWS Organizations, outside the templates.',
        remediation: ['Run explain (or check) again with each level\'s SCPs: --scp FILE per level, root first (aws organizations list-policies-for-target / describe-policy); then ask the organization\'s administrators for an exception or change the request to satisfy the SCP\'s condition.'],
      };
    case 'resource control policy':
      return {
        explanation: 'The templates allow this request; AWS names a resource control policy, which lives in AWS Organizations, outside the templates.',
        remediation: ['Run again with --rcp FILE per level, root first, to see which statement denies; then change the request or ask for an exception.'],
      };
    case 'VPC endpoint policy':
      return {
        explanation: 'The templates allow this request; AWS names the policy of the VPC endpoint the function reaches S3 through, which the templates do not hold when the endpoint is not part of the app.',
        remediation: ['Read the endpoint\'s policy (aws ec2 describe-vpc-endpoints, PolicyDocument) and allow s3:PutObject on the bucket\'s objects there; with SecureLambdaWriter, pass the endpoint of the app as `vpcEndpoint` so the bucket policy and the checker both see it.'],
      };
    case 'permissions boundary':
      return {
        explanation: 'The templates allow this request; AWS names a permissions boundary, whose policy the templates do not hold (a managed policy outside the app).',
        remediation: ['Run again with --managed-policy ARN=FILE for the boundary (aws iam get-policy-version), then add the action to the boundary or remove the boundary from the role.'],
      };
    case 'session policy':
      return {
        explanation: 'The templates allow this request; AWS names a session policy. Lambda passes none to the execution role: the credentials that made the request came from an AssumeRole or federation call in the code.',
        remediation: ['Find where the code assumes a role with a Policy/PolicyArns argument, and allow the write there (or use the execution role\'s own credentials).'],
      };
    default:
      return undefined;
  }
}

function notInAssembly(denial: ParsedDenial, located: Located): Advice {
  const missing = located.how.filter(h => h.startsWith('no ')).join('; ') || 'the message names nothing this assembly holds';
  return {
    explanation: `The deployed stack differs from this assembly (drift), or the error comes from another app: ${missing}.`,
    remediation: [
      'Synthesize the app that is deployed (same commit, same context) and run explain on its cdk.out; `cdk diff` shows what differs.',
      ...(denial.sessionName ? [`Compare the function's role: aws lambda get-function-configuration --function-name ${denial.sessionName} --query Role`] : []),
      ...(denial.bucket ? [`Compare the bucket: aws s3api get-bucket-policy --bucket ${denial.bucket}, aws s3api get-bucket-ownership-controls --bucket ${denial.bucket}`] : []),
    ],
  };
}

function deployedDiffers(denial: ParsedDenial, located: Located): Advice {
  const reason = denial.reason ? ` (${reasonText(denial.reason)})` : '';
  const compare = [
    ...(located.role ? [`the role's policies (aws iam list-role-policies / list-attached-role-policies --role-name ${denial.roleName ?? '<role>'}) with ${located.role.display}`] : []),
    ...(denial.bucket ? [`the bucket policy (aws s3api get-bucket-policy --bucket ${denial.bucket})${located.bucket ? ` with ${located.bucket.display}` : ''}`] : []),
    ...(denial.kmsKeyArn ? [`the key policy (aws kms get-key-policy --key-id ${denial.kmsKeyArn} --policy-name default)`] : []),
  ];
  return {
    explanation: `The templates allow this request, but AWS denied it${reason}: what is deployed differs from this assembly (a change made outside CloudFormation, or an older deployment), or the request differs from the one recorded for the function.`,
    remediation: [
      `Compare ${compare.length > 0 ? compare.join('; ') : 'the deployed policies'} — \`cdk diff\` and CloudFormation drift detection show changes to the stack.`,
      'If the assembly is newer than the deployment, deploying it applies the policies that allow this request.',
    ],
  };
}

export function reasonText(reason: DenialReason): string {
  return reason.explicit ? `an explicit deny in a ${reason.policyType}` : `no ${reason.policyType} allows the action`;
}

function causeCodes(findings: readonly Finding[]): string {
  return [...new Set(findings.flatMap(f => f.causes.map(c => c.code)))].join(', ');
}
