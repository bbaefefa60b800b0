import { AssemblyInput } from '../../../src/analysis/input';
import { Finding, Report, Verdict } from '../../../src/analysis/report';
import { INTENT_METADATA_KEY, RecordedIntent } from '../../../src/contract/intent';

/**
 * A stand-in for the analysis, for the front-end (plumbing) tests only: it reads the templates the front end hands
 * it, and answers for each declared intent with the verdict its key prefix names ('deny/', 'conditional/',
 * 'unknown/', anything else ALLOW). It proves the front end passes the real templates, paths and intents through,
 * and lets the tests drive every verdict without depending on the policy evaluation.
 */
export function fakeAnalysis(input: AssemblyInput): Report {
  const findings: Finding[] = [];
  for (const stack of input.stacks) {
    const resources = (stack.template as any).Resources ?? {};
    for (const [logicalId, resource] of Object.entries<any>(resources)) {
      const intents: RecordedIntent[] = resource.Metadata?.[INTENT_METADATA_KEY] ?? [];
      const fnPath = String(resource.Metadata?.['aws:cdk:path'] ?? `${stack.artifactId}/${logicalId}`).replace(/\/Resource$/, '');
      for (const intent of intents) findings.push(findingFor(fnPath, intent, stack.templatePath, logicalId));
    }
  }
  return { version: 1, findings };
}

function findingFor(fn: string, intent: RecordedIntent, templatePath: string, logicalId: string): Finding {
  const verdict = verdictOf(intent.keyPrefix);
  const bucket = (intent.bucket.constructPath ?? intent.bucket.bucketName ?? '?').replace(/\/Resource$/, '');
  const base = {
    function: fn,
    role: `${fn}/ServiceRole`,
    bucket,
    keyPattern: `${intent.keyPrefix}*`,
    intent: intent.source,
    templatePath,
    logicalId,
  };
  if (verdict === 'ALLOW') return { ...base, verdict, causes: [] };
  const code = verdict === 'DENY' ? 'BUCKET_POLICY_DENY' : verdict === 'CONDITIONAL' ? 'REQUEST_CONDITION' : 'UNRESOLVED';
  return {
    ...base,
    verdict,
    causes: [{
      code,
      message: `fake ${verdict} for ${fn} writing to ${bucket}`,
      location: `${bucket}/Policy/Resource`,
      statement: 'DenyAll',
      jsonPath: 'Properties/PolicyDocument/Statement/0',
    }],
    fix: `fake fix for ${bucket}`,
  };
}

function verdictOf(keyPrefix: string): Verdict {
  if (keyPrefix.startsWith('deny/')) return 'DENY';
  if (keyPrefix.startsWith('conditional/')) return 'CONDITIONAL';
  if (keyPrefix.startsWith('unknown/')) return 'UNKNOWN';
  return 'ALLOW';
}
