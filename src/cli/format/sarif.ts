import { createHash } from 'crypto';
import { LeastPrivilegeIssue, LeastPrivilegeIssueCode } from '../../analysis/least-privilege/types';
import { CAUSE_CODES, Cause, Finding, Report, Verdict } from '../../analysis/report';
import { Locate, lineOfLogicalId } from '../locate';
import { CAUSE_RULES, RuleText, UNEXPLAINED_RULE, UNEXPLAINED_RULE_ID } from './sarif-rules';
import { chunkedJson } from '../../analysis/text/chunked-json';

/**
 * `--sarif`: SARIF 2.1.0 as GitHub code scanning reads it (docs.github.com, "SARIF support for code scanning").
 * One rule per cause code; one result per cause of every finding that is not ALLOW, located at the resource that
 * decides it (else the function) in its template, with the construct path as the logical location.
 *
 * File locations are relative URIs against a stated base, `%SRCROOT%` (the id GitHub's own examples use): the
 * working directory the check ran in, given as an absolute `file:` URI in the run's `originalUriBaseIds` (SARIF
 * 2.1.0, §3.4.4 "uriBaseId" and §3.14.14 "originalUriBaseIds",
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html). In CI the check runs in the checkout, so the
 * URIs are repository paths, which is what code scanning places.
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'cdk-secure-lambda-writer';
/** Key of our fingerprint in `partialFingerprints`: it tells GitHub a result is the same one across runs. */
export const FINGERPRINT_KEY = 'writeAccessFinding/v1';
/** The base every artifact URI is relative to. */
export const SOURCE_ROOT_ID = '%SRCROOT%';

export interface SarifContext {
  readonly toolVersion: string;
  readonly informationUri: string;
  /** The absolute `file:` URI, ending in `/`, of the directory `%SRCROOT%` stands for (the working directory). */
  readonly sourceRootUri: string;
  /** The URI, relative to `%SRCROOT%`, for a template path relative to the assembly. */
  readonly artifactUri: (templatePath: string) => string;
  /** A template's JSON text, for line numbers; undefined when it cannot be read. */
  readonly templateText: (templatePath: string) => string | undefined;
  readonly locate: Locate;
}

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<Exclude<Verdict, 'ALLOW'>, SarifLevel> = { DENY: 'error', CONDITIONAL: 'warning', UNKNOWN: 'warning' };

/** The SARIF log as JSON text, in pieces (see chunked-json.ts). */
export function formatSarif(report: Report, context: SarifContext): string[] {
  return [...chunkedJson(buildSarif(report, context)), '\n'];
}

export function buildSarif(report: Report, context: SarifContext) {
  const ruleIds: string[] = [...CAUSE_CODES];
  const results = [
    ...report.findings.filter(f => f.verdict !== 'ALLOW').flatMap(f => resultsOf(f, context, ruleIds)),
    ...(report.leastPrivilege?.issues ?? []).map(i => leastPrivilegeResult(i, context, ruleIds)),
  ];
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: TOOL_NAME,
          version: context.toolVersion,
          semanticVersion: context.toolVersion,
          informationUri: context.informationUri,
          rules: ruleIds.map(sarifRule),
        },
      },
      originalUriBaseIds: {
        [SOURCE_ROOT_ID]: {
          uri: context.sourceRootUri,
          description: { text: 'The directory the check ran in (in CI, the repository checkout); template URIs are relative to it.' },
        },
      },
      results,
    }],
  };
}

function sarifRule(id: string) {
  const text: RuleText = id === UNEXPLAINED_RULE_ID ? UNEXPLAINED_RULE
    : LEAST_PRIVILEGE_RULES[id as LeastPrivilegeIssueCode] ?? CAUSE_RULES[id as keyof typeof CAUSE_RULES];
  return {
    id,
    name: text.name,
    shortDescription: { text: text.short },
    fullDescription: { text: text.full },
    help: { text: text.help, markdown: `${text.help}\n\n[AWS documentation](${text.helpUri})` },
    helpUri: text.helpUri,
    properties: { tags: ['security', 'aws', 'iam', 's3', 'lambda'] },
  };
}

/** One result per cause; a non-ALLOW finding without causes still gets one, so it cannot vanish. */
function resultsOf(finding: Finding, context: SarifContext, ruleIds: string[]) {
  const causes: (Cause | undefined)[] = finding.causes.length > 0 ? [...finding.causes] : [undefined];
  return causes.map((cause, index) => {
    const ruleId = cause?.code ?? UNEXPLAINED_RULE_ID;
    if (!ruleIds.includes(ruleId)) ruleIds.push(ruleId);
    const functionLocation = locationOf(context, finding.function, finding.templatePath, finding.logicalId);
    const causeLocation = cause?.location || cause?.logicalId
      ? locationOf(context, cause.location ?? finding.function, cause.templatePath, cause.logicalId)
      : undefined;
    const primary = causeLocation?.physicalLocation ? causeLocation : functionLocation;
    const related = primary === causeLocation && functionLocation.physicalLocation
      ? [{ id: 1, ...functionLocation, message: { text: `the function ${finding.function}` } }]
      : undefined;
    return {
      ruleId,
      ruleIndex: ruleIds.indexOf(ruleId),
      level: LEVEL[finding.verdict as keyof typeof LEVEL],
      message: { text: messageOf(finding, cause, index === 0) },
      locations: [withManifestFallback(primary, context)],
      ...(related ? { relatedLocations: related } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding, ruleId, cause) },
      ...(finding.acknowledged
        ? { suppressions: [{ kind: 'inSource', justification: finding.acknowledged.reason }] }
        : {}),
      properties: {
        verdict: finding.verdict,
        function: finding.function,
        ...(finding.role ? { role: finding.role } : {}),
        bucket: finding.bucket,
        keyPattern: finding.keyPattern,
        intent: finding.intent,
        ...(cause?.statement ? { statement: cause.statement } : {}),
        // Not SARIF `fixes`: a fix there is a text replacement in an artifact (SARIF 2.1.0 §3.55 "fix object": it
        // needs artifactChanges), and the only artifacts are templates the CDK generates, which the next synth
        // overwrites. The change belongs in the app's CDK code, which the checker does not read; the steps (the
        // statement, the CDK line, the declaration) are given here, on the first result of the finding.
        ...(index === 0 && finding.remediation ? { remediation: finding.remediation } : {}),
      },
    };
  });
}

const LEAST_PRIVILEGE_DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege';
const S3_BLOCK_PUBLIC_ACCESS = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html';

/** The least-privilege rules (issue #14): listed only when a result uses one. */
const LEAST_PRIVILEGE_RULES: Readonly<Record<LeastPrivilegeIssueCode, RuleText>> = {
  EXCESS_PERMISSION: {
    name: 'ExcessPermission',
    short: 'The writer\'s role can do more than its writes need',
    full: 'An identity or resource policy lets the Lambda execution role read, delete, write outside its prefix, change the bucket or use its KMS key beyond what its writes need (IAM best practice: grant least privilege).',
    help: 'Replace the role\'s S3 and KMS statements with its least-privilege policy (the report\'s leastPrivilege, in --json), or narrow the granting statement.',
    helpUri: LEAST_PRIVILEGE_DOC,
  },
  OTHER_WRITER: {
    name: 'OtherWriter',
    short: 'Another principal can write under a prefix restricted to one writer',
    full: 'A SecureLambdaWriter restricted its prefix to its own role (restrictPrefixToThisWriter), but another principal can still s3:PutObject under it.',
    help: 'Remove the other grant, or make the bucket-policy Deny name only the writer\'s role.',
    helpUri: LEAST_PRIVILEGE_DOC,
  },
  PUBLIC_WRITE: {
    name: 'PublicWrite',
    short: 'Anyone can write to the bucket',
    full: 'The bucket policy lets Principal "*" s3:PutObject without a condition that limits who (organization, account, source ARN or network).',
    help: 'Name the writers in the bucket policy, or add a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceVpce; keep Block Public Access on.',
    helpUri: S3_BLOCK_PUBLIC_ACCESS,
  },
};

/** A least-privilege result: one location, no related one (typed so, like a finding's result, it may be read for one). */
interface LeastPrivilegeResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: SarifLocation[];
  readonly relatedLocations?: (SarifLocation & { id: number; message: { text: string } })[];
  readonly partialFingerprints: Record<string, string>;
  readonly suppressions?: { kind: string; justification: string }[];
  readonly properties: Record<string, string>;
}

/** One result per least-privilege issue, at the granting statement's resource (else the bucket or role). */
function leastPrivilegeResult(issue: LeastPrivilegeIssue, context: SarifContext, ruleIds: string[]): LeastPrivilegeResult {
  if (!ruleIds.includes(issue.code)) ruleIds.push(issue.code);
  const where = issue.location ?? issue.bucket ?? issue.role ?? '';
  const location = locationOf(context, where, issue.templatePath, issue.logicalId);
  // Everything that tells two issues apart: one statement may grant on several keys or resources of one bucket.
  const identity = [issue.code, issue.role ?? '', issue.bucket ?? '', (issue.actions ?? [issue.action ?? '']).join(','), issue.location ?? '',
    issue.statement ?? '', issue.key ?? '', issue.resource ?? ''];
  return {
    ruleId: issue.code,
    ruleIndex: ruleIds.indexOf(issue.code),
    level: issue.severity as SarifLevel,
    message: { text: issue.fix ? `${issue.message} Fix: ${issue.fix}` : issue.message },
    locations: [withManifestFallback(location, context)],
    partialFingerprints: { [FINGERPRINT_KEY]: createHash('sha256').update(identity.join('\u0000')).digest('hex').slice(0, 32) },
    ...(issue.acknowledged ? { suppressions: [{ kind: 'inSource', justification: issue.acknowledged.reason }] } : {}),
    // `function` as a finding's result has it ('' when no one function is concerned), so a filter by function works on both.
    properties: {
      function: issue.functions?.[0] ?? '',
      ...(issue.role ? { role: issue.role } : {}),
      ...(issue.bucket ? { bucket: issue.bucket } : {}),
      ...(issue.key ? { key: issue.key } : {}),
      ...(issue.action ? { action: issue.action } : {}),
      ...(issue.actions && issue.actions.length > 1 ? { actions: issue.actions.join(', ') } : {}),
      ...(issue.statement ? { statement: issue.statement } : {}),
    },
  };
}

/** A cause's message already names the function, the bucket and the deciding statement (see `Cause` in src/analysis/report.ts). */
function messageOf(finding: Finding, cause: Cause | undefined, withFix: boolean): string {
  const body = cause
    ? cause.message
    : `${finding.function} writing to ${finding.bucket} (${finding.keyPattern}) is not known to be allowed (no cause given)`;
  // The finding's fix is the fix of its first cause; the others carry theirs in their message.
  const fix = withFix && finding.fix ? ` Fix: ${finding.fix}` : '';
  return `${finding.verdict}: ${body}${fix}`;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId: typeof SOURCE_ROOT_ID;
}

interface SarifLocation {
  physicalLocation?: { artifactLocation: ArtifactLocation; region: { startLine: number } };
  logicalLocations: { name?: string; fullyQualifiedName: string; kind: string }[];
}

function locationOf(context: SarifContext, constructPath: string, templatePath?: string, logicalId?: string): SarifLocation {
  const found = templatePath && logicalId ? { templatePath, logicalId } : context.locate(constructPath);
  const logical = { ...(found ? { name: found.logicalId } : {}), fullyQualifiedName: constructPath, kind: 'resource' };
  if (!found) return { logicalLocations: [logical] };
  const text = context.templateText(found.templatePath);
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(context, found.templatePath),
      region: { startLine: text === undefined ? 1 : lineOfLogicalId(text, found.logicalId) },
    },
    logicalLocations: [logical],
  };
}

/** GitHub needs a file for every result: when the resource cannot be found, point at the assembly manifest. */
function withManifestFallback(location: SarifLocation, context: SarifContext): SarifLocation {
  if (location.physicalLocation) return location;
  return {
    ...location,
    physicalLocation: { artifactLocation: artifactLocation(context, 'manifest.json'), region: { startLine: 1 } },
  };
}

function artifactLocation(context: SarifContext, templatePath: string): ArtifactLocation {
  return { uri: context.artifactUri(templatePath), uriBaseId: SOURCE_ROOT_ID };
}

function fingerprint(finding: Finding, ruleId: string, cause: Cause | undefined): string {
  const identity = [finding.function, finding.bucket, finding.keyPattern, ruleId, cause?.location ?? '', cause?.statement ?? ''];
  return createHash('sha256').update(identity.join('\u0000')).digest('hex').slice(0, 32);
}
