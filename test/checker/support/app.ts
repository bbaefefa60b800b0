import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

const createdOutdirs: string[] = [];

// Every test file that builds apps cleans up the assemblies it wrote.
afterAll(() => {
  for (const dir of createdOutdirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh App writing into its own temporary directory. The CDK's built-in CloudFormation validation is off unless
 * asked for: its engine costs seconds per test file and the checker does not depend on it.
 */
export function newApp(props: AppProps = {}): App {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wac-test-'));
  createdOutdirs.push(outdir);
  return new App({
    outdir,
    builtinCloudFormationValidation: false,
    ...props,
  });
}

/** The smallest real Lambda function: inline code, its own execution role. */
export function writerFunction(scope: Construct, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    ...props,
  });
}

/** `app.synth()`, returning the error it throws (undefined when it succeeds). */
export function synthError(app: App): Error | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/** The parsed JSON file `name` in the app's root assembly directory. */
export function readAssemblyJson(app: App, name: string): any {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, name), 'utf-8'));
}

/** The synthesized template of `stack`, read from the assembly on disk. */
export function templateOf(stack: Stack): any {
  const assembly = (stack.node.root as App).synth();
  const nested = assembly.stacksRecursively.find(s => s.hierarchicalId === stack.node.path);
  if (!nested) throw new Error(`no template for ${stack.node.path}`);
  return nested.template;
}
