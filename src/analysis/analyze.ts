import { buildAssemblyIndex } from './cfn/assembly-index';
import { withoutReservedCharacters } from './cfn/reserved-characters';
import { acrossConditionWorlds, findingKey } from './decide/condition-worlds';
import { decideIntent } from './decide/decide-intent';
import { withInputErrors } from './findings/input-errors';
import { AnalysisEnvironment, AssemblyInput } from './input';
import { collectIntents } from './intents';
import { rolesReachingBuckets } from './intents/inferred';
import { WriteIntent } from './intents/types';
import { analyzeLeastPrivilege } from './least-privilege';
import { buildModel } from './model/build-model';
import { AppModel } from './model/types';
import { withRemediation } from './remediation/remediate';
import { Finding, Report } from './report';

/** What the analysis computes besides the findings. */
export interface AnalysisOptions {
  /** Also report least privilege: each role's excess and least-privilege policy, each bucket's writers, tags. */
  readonly leastPrivilege?: boolean;
  /** Build (and re-check) the remediation of DENY and CONDITIONAL findings. Default true. */
  readonly remediate?: boolean;
  /** Decide only the writes this keeps (the re-check of one write). Default: every write. */
  readonly focus?: (write: Pick<Finding, 'function' | 'bucket' | 'keyPattern' | 'intent'>) => boolean;
}

/**
 * The one analysis: templates in, findings out — one finding per write intent (declared, construct or
 * inferred). Never throws: anything it cannot read becomes an UNKNOWN finding with the reason.
 */
export function analyzeAssembly(input: AssemblyInput, environment: AnalysisEnvironment = {}, options: AnalysisOptions = {}): Report {
  try {
    // The input is text to AWS: no literal in it may pass for one of the analysis's own atoms.
    const env = withoutReservedCharacters(environment ?? {});
    const index = buildAssemblyIndex(withoutReservedCharacters(input));
    const model = buildModel(index, env);
    // The app's write intents, collected once: the decisions and the least-privilege report read the same ones.
    const intents = collectIntents(model, env);
    const findings = acrossConditionWorlds(index, env, decideAll(model, env, intents, undefined, options.focus),
      (world, only) => decideAll(world, env, collectIntents(world, env), only, options.focus));
    const decided = withInputErrors(findings, model.inputErrors);
    const report: Report = {
      version: 1,
      findings: options.remediate === false ? decided : withRemediation(decided, {
        input, index, model, reanalyze: (changed, focus) => analyzeAssembly(changed, environment, { remediate: false, focus }),
      }),
    };
    // Additional to the findings, after them: no verdict depends on it (issue #14).
    return options.leastPrivilege ? { ...report, leastPrivilege: analyzeLeastPrivilege(model, env, intents) } : report;
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

/** One finding per write intent of the model (only those whose finding key is in `only`, and that `focus` keeps, when given). */
function decideAll(model: AppModel, env: AnalysisEnvironment, all: readonly WriteIntent[], only?: ReadonlySet<string>,
  focus?: AnalysisOptions['focus']): Finding[] {
  const reach = rolesReachingBuckets(model.roles, model.buckets);
  const intents = all
    .filter((intent) => !only || only.has(findingKey(identityOf(intent))))
    .filter((intent) => !focus || focus(identityOf(intent)));
  return intents.map((intent) => {
    try {
      return decideIntent(intent, model, env, reach);
    } catch (e) {
      return {
        ...identityOf(intent),
        verdict: 'UNKNOWN',
        causes: [{ code: 'UNRESOLVED', message: `${intent.fn.display}: the analysis failed on this write: ${message(e)}`, location: intent.fn.display }],
      };
    }
  });
}

function identityOf(intent: WriteIntent): Pick<Finding, 'function' | 'bucket' | 'keyPattern' | 'intent'> {
  return { function: intent.fn.display, bucket: intent.bucket?.display ?? intent.bucketLabel, keyPattern: intent.keyPattern, intent: intent.source };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
