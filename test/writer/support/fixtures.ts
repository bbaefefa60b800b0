import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureLambdaWriter, SecureLambdaWriterProps } from '../../../src/writer';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';

/** A function cdk-nag's AwsSolutions-L1 accepts (the latest Node.js runtime). */
export function functionProps(extra: Partial<lambda.FunctionProps> = {}): lambda.FunctionProps {
  return {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    ...extra,
  };
}

/** Built-in CloudFormation validation is off for speed; `Template` still rejects dependency cycles. */
export function newStack(id = 'Stack'): { app: App; stack: Stack } {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, id, { env: { account: ACCOUNT, region: REGION } });
  return { app, stack };
}

export interface WriterFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly writer: SecureLambdaWriter;
  readonly template: Template;
}

/** A writer with a new function (unless `function` is given) in a fresh stack, synthesized. */
export function synthWriter(props: Partial<SecureLambdaWriterProps> = {}): WriterFixture {
  const { app, stack } = newStack();
  const writer = new SecureLambdaWriter(stack, 'Writer', {
    ...(props.function ? {} : { functionProps: functionProps() }),
    ...props,
  });
  return { app, stack, writer, template: Template.fromStack(stack) };
}

/** The one resource of a type in a template (fails the test when there is not exactly one). */
export function onlyResource(template: Template, type: string): { logicalId: string; resource: any } {
  const found = template.findResources(type);
  const ids = Object.keys(found);
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}: ${ids.join(', ')}`);
  return { logicalId: ids[0], resource: found[ids[0]] };
}

/** Statements of the writer's identity policy (the AWS::IAM::Policy under the writer). */
export function writerPolicyStatements(template: Template): any[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const id = Object.keys(policies).find((k) => k.startsWith('WriterWritePolicy'));
  if (!id) throw new Error('no WritePolicy in the template');
  return policies[id].Properties.PolicyDocument.Statement;
}

export function bucketPolicyStatements(template: Template): any[] {
  return onlyResource(template, 'AWS::S3::BucketPolicy').resource.Properties.PolicyDocument.Statement;
}

export function keyPolicyStatements(template: Template): any[] {
  return onlyResource(template, 'AWS::KMS::Key').resource.Properties.KeyPolicy.Statement;
}

export function actionsOf(statement: any): string[] {
  return [].concat(statement.Action).sort();
}

/** Every action of every statement, sorted and unique. */
export function allActions(statements: any[]): string[] {
  return [...new Set(statements.flatMap(actionsOf))].sort();
}

export function bySid(statements: any[], sidPrefix: string): any {
  const found = statements.filter((s) => typeof s.Sid === 'string' && s.Sid.startsWith(sidPrefix));
  if (found.length !== 1) throw new Error(`expected one statement with Sid ${sidPrefix}*, found ${found.length}`);
  return found[0];
}

export function hasSid(statements: any[], sidPrefix: string): boolean {
  return statements.some((s) => typeof s.Sid === 'string' && s.Sid.startsWith(sidPrefix));
}
