import * as fs from 'fs';

/**
 * After `cdk deploy --outputs-file <file>` of an integ app: every integ-tests-alpha assertion reports
 * `{"status":"success"}` or `{"status":"fail","message":…}` in an output named `AssertionResults…` of the assertion
 * stack. A failed comparison does not fail the deployment by itself, so read them:
 *
 *     npx ts-node --transpile-only test/integ/check-outputs.ts cdk.out/integ-outputs.json
 *
 * Exit code 0 when there is at least one assertion result and all succeeded, 1 otherwise.
 */

/** `cdk deploy --outputs-file` writes `{ <stack name>: { <output key>: <value> } }`. */
export type DeployOutputs = Record<string, Record<string, string>>;

export interface AssertionOutcome {
  readonly stack: string;
  readonly output: string;
  readonly passed: boolean;
  /** The mismatch, for a failed assertion. */
  readonly message?: string;
}

export function assertionOutcomes(outputs: DeployOutputs): AssertionOutcome[] {
  return Object.entries(outputs).flatMap(([stack, values]) => Object.entries(values)
    .filter(([output]) => output.startsWith('AssertionResults'))
    .map(([output, value]) => {
      let parsed: { status?: string; message?: string } = {};
      try {
        parsed = JSON.parse(value);
      } catch {
        return { stack, output, passed: false, message: `not an assertion result: ${value}` };
      }
      return { stack, output, passed: parsed.status === 'success', message: parsed.message };
    }));
}

export function main(argv: string[]): number {
  const file = argv[0];
  if (!file) {
    console.error('usage: check-outputs.ts <outputs file written by cdk deploy --outputs-file>');
    return 1;
  }
  const outcomes = assertionOutcomes(JSON.parse(fs.readFileSync(file, 'utf-8')));
  for (const o of outcomes) console.log(`${o.passed ? 'PASS' : 'FAIL'} ${o.stack} ${o.output}${o.message ? `: ${o.message}` : ''}`);
  if (outcomes.length === 0) console.error(`no AssertionResults outputs in ${file}: was the assertion stack deployed?`);
  return outcomes.length > 0 && outcomes.every((o) => o.passed) ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
