import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AssemblyInput } from '../../../src/analysis/input';
import { loadAssembly } from '../../../src/cli/assembly';
import { newApp, stackIn, writerFunction } from '../../support/harness';

/**
 * F functions each granted on every one of B buckets (`bucket.grantPut(fn)`), synthesized and read as the analysis
 * reads it. The roles are alike (the same policies, statement for statement) unless `distinctRoles`: then each role
 * also holds a statement of its own, on a queue, which no S3 question reads.
 */
export function grantMatrixInput(functions: number, buckets: number, distinctRoles = false): AssemblyInput {
  const app = newApp();
  const stack = stackIn(app, 'Grid');
  const all = Array.from({ length: buckets }, (_, i) => new s3.Bucket(stack, `Bucket${i}`));
  for (let f = 0; f < functions; f++) {
    const fn = writerFunction(stack, `Fn${f}`);
    for (const bucket of all) bucket.grantPut(fn);
    if (distinctRoles) {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [`arn:aws:sqs:us-east-1:111111111111:queue${f}`] }));
    }
  }
  app.synth();
  return loadAssembly(app.outdir).input;
}
