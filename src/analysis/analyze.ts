import { AnalysisEnvironment, AssemblyInput } from './input';
import { Report } from './report';

/**
 * The one analysis: templates in, findings out. Never throws: anything it cannot read becomes an UNKNOWN
 * finding with the reason.
 * OWNER: the analysis helper implements this.
 */
export function analyzeAssembly(_input: AssemblyInput, _environment: AnalysisEnvironment = {}): Report {
  return { version: 1, findings: [] };
}
