import { analyzeAssembly } from '../../../src/analysis/analyze';
import { AnalysisEnvironment, StackTemplate } from '../../../src/analysis/input';
import { Finding } from '../../../src/analysis/report';
import { INTENT_METADATA_KEY } from '../../../src/contract/intent';

// "Apply the steps to the templates, check again", written here independently of the checker's own re-check
// (src/analysis/remediation/apply-steps.ts), so a finding marked verified is proven ALLOW by other code.

type Json = Record<string, any>;

const DOCUMENT: Record<string, string[]> = {
  'AWS::IAM::Policy': ['Properties', 'PolicyDocument'],
  'AWS::IAM::ManagedPolicy': ['Properties', 'PolicyDocument'],
  'AWS::S3::BucketPolicy': ['Properties', 'PolicyDocument'],
  'AWS::KMS::Key': ['Properties', 'KeyPolicy'],
  'AWS::EC2::VPCEndpoint': ['Properties', 'PolicyDocument'],
  'AWS::S3::AccessPoint': ['Properties', 'Policy'],
};

function statements(resource: Json): Json[] {
  let doc: Json = resource;
  for (const k of DOCUMENT[resource.Type]) doc = doc[k] ??= k === 'Properties' ? {} : { Version: '2012-10-17', Statement: [] };
  if (!Array.isArray(doc.Statement)) doc.Statement = doc.Statement ? [doc.Statement] : [];
  return doc.Statement;
}

/** The templates with the finding's steps made; throws on a step it cannot make (EXTERNAL). */
export function applied(stacks: readonly StackTemplate[], finding: Finding): StackTemplate[] {
  const copy: StackTemplate[] = JSON.parse(JSON.stringify(stacks));
  const resources = (templatePath?: string): Json => (copy.find(s => s.templatePath === templatePath)!.template as Json).Resources;
  const removals: [Json[], Json][] = [];
  for (const step of finding.remediation?.steps ?? []) {
    switch (step.kind) {
      case 'ADD_STATEMENT': {
        const all = resources(step.target.templatePath);
        const target = all[step.target.logicalId!];
        if (target.Type === 'AWS::IAM::Role') {
          (target.Properties.Policies ??= []).push({ PolicyName: 'Added', PolicyDocument: { Version: '2012-10-17', Statement: [step.statement] } });
        } else if (target.Type === 'AWS::S3::Bucket') {
          all.AddedBucketPolicy = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: step.target.logicalId }, PolicyDocument: { Version: '2012-10-17', Statement: [step.statement] } } };
        } else {
          statements(target).push(step.statement);
        }
        break;
      }
      case 'REPLACE_STATEMENT': {
        const resource = resources(step.target.templatePath)[step.target.logicalId!];
        const list = step.target.documentPath
          ? step.target.documentPath.split('/').reduce((at: Json, k: string) => at[k], resource).Statement
          : statements(resource);
        if (step.statement === null) removals.push([list, list[step.index!]]);
        else list[step.index!] = step.statement;
        break;
      }
      case 'SETTING': {
        let at: Json = resources(step.target.templatePath)[step.target.logicalId!];
        const path = step.property.split('/');
        for (const k of path.slice(0, -1)) at = at[k] ??= {};
        at[path[path.length - 1]] = step.value;
        break;
      }
      case 'REQUEST': {
        const fn = resources(finding.templatePath)[finding.logicalId!];
        const intents: Json[] = (fn.Metadata ??= {})[INTENT_METADATA_KEY] ??= [];
        const prefix = finding.keyPattern.replace(/\*$/, '');
        const existing = intents.find(i => i.keyPrefix === prefix);
        const request = { ...(existing?.request ?? {}) };
        for (const [k, v] of Object.entries(step.set)) {
          if (v === null) delete request[k];
          else request[k] = v;
        }
        if (existing) existing.request = request;
        else intents.push({ source: 'declared', bucket: { constructPath: finding.bucket }, keyPrefix: prefix, request });
        break;
      }
      case 'ADD_RESOURCE': {
        const all = resources(step.target.templatePath);
        if (all[step.target.logicalId!] !== undefined) throw new Error(`ADD_RESOURCE would overwrite ${step.target.logicalId}`);
        all[step.target.logicalId!] = JSON.parse(JSON.stringify(step.resource));
        break;
      }
      case 'EXTERNAL':
        throw new Error(`an EXTERNAL step cannot be applied to templates: ${step.what}`);
    }
  }
  for (const [list, item] of removals) list.splice(list.indexOf(item), 1);
  return copy;
}

/** The finding of the same write after the steps: same function, bucket and keys (declared rather than inferred). */
export function recheck(stacks: readonly StackTemplate[], finding: Finding, environment?: AnalysisEnvironment): Finding {
  const after = analyzeAssembly({ stacks: applied(stacks, finding) }, environment, { remediate: false }).findings
    .filter(f => f.function === finding.function && f.bucket === finding.bucket && f.keyPattern === finding.keyPattern);
  const best = after.find(f => f.intent !== 'inferred') ?? after[0];
  if (!best) throw new Error(`no finding for ${finding.function} -> ${finding.bucket} after the steps`);
  return best;
}
