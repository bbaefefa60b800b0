import * as s3 from 'aws-cdk-lib/aws-s3';
import { AssemblyInput } from '../../../src/analysis/input';
import { loadAssembly } from '../../../src/cli/assembly';
import { newApp, stackIn, writerFunction } from '../../support/harness';

/** F functions each granted on every one of B buckets (`bucket.grantPut(fn)`), synthesized and read as the analysis reads it. */
export function grantMatrixInput(functions: number, buckets: number): AssemblyInput {
  const app = newApp();
  const stack = stackIn(app, 'Grid');
  const all = Array.from({ length: buckets }, (_, i) => new s3.Bucket(stack, `Bucket${i}`));
  for (let f = 0; f < functions; f++) {
    const fn = writerFunction(stack, `Fn${f}`);
    for (const bucket of all) bucket.grantPut(fn);
  }
  app.synth();
  return loadAssembly(app.outdir).input;
}
