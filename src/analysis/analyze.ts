import { buildAssemblyIndex } from './cfn/assembly-index';
import { withoutReservedCharacters } from './cfn/reserved-characters';
import { decideIntent } from './decide/decide-intent';
import { withInputErrors } from './findings/input-errors';
import { AnalysisEnvironment, AssemblyInput } from './input';
import { collectIntents } from './intents';
import { rolesReachingBuckets } from './intents/inferred';
import { buildModel } from './model/build-model';
import { Finding, Report } from './report';

/**
 * The one analysis: templates in, findings out — one finding per write intent (declared, construct or
 * inferred). Never throws: anything it cannot read becomes an UNKNOWN finding with the reason.
 */
export function analyzeAssembly(input: AssemblyInput, environment: AnalysisEnvironment = {}): Report {
  try {
    // The input is text to AWS: no literal in it may pass for one of the analysis's own atoms.
    const env = withoutReservedCharacters(environment ?? {});
    const model = buildModel(buildAssemblyIndex(withoutReservedCharacters(input)), env);
    const reach = rolesReachingBuckets(model.roles, model.buckets);
    const findings: Finding[] = collectIntents(model, env).map((intent) => {
      try {
        return decideIntent(intent, model, env, reach);
      } catch (e) {
        return {
          function: intent.fn.display,
          bucket: intent.bucket?.display ?? intent.bucketLabel,
          keyPattern: intent.keyPattern,
          intent: intent.source,
          verdict: 'UNKNOWN',
          causes: [{ code: 'UNRESOLVED', message: `${intent.fn.display}: the analysis failed on this write: ${message(e)}`, location: intent.fn.display }],
        };
      }
    });
    return { version: 1, findings: withInputErrors(findings, model.inputErrors) };
  } catch (e) {
    return {
      version: 1,
      findings: [{
        function: '(assembly)',
        bucket: '(assembly)',
        keyPattern: '*',
        intent: 'inferred',
        verdict: 'UNKNOWN',
        causes: [{ code: 'UNRESOLVED', message: `the templates could not be analysed: ${message(e)}` }],
      }],
    };
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
