import { CfnResource, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { INTENT_METADATA_KEY, RecordedIntent } from './intent';
import { rememberApp } from './recorded-apps';

/**
 * Record a write intent on a function's `AWS::Lambda::Function` resource as CloudFormation metadata, where
 * the Aspect, the validation plugin and the command line over cdk.out all read it. The writer records, the checker
 * judges: this is what both may use.
 *
 * Appends to the intents already recorded. Stores only literal strings (construct paths, names), so nothing
 * that deploys changes: no new resources, outputs, exports or cross-stack references.
 */
export function recordWriteIntent(fn: IConstruct, intent: RecordedIntent): void {
  const cfn = findFunctionResource(fn);
  if (!cfn) {
    throw new Error(
      `${fn.node.path}: cannot record a write intent: no AWS::Lambda::Function resource found under this construct. ` +
      'Pass a lambda.Function (or a construct that contains one), not an imported function.',
    );
  }
  assertNoTokens(intent, fn.node.path);
  const existing = cfn.getMetadata(INTENT_METADATA_KEY);
  const list: RecordedIntent[] = Array.isArray(existing) ? [...existing] : [];
  list.push(intent);
  cfn.addMetadata(INTENT_METADATA_KEY, list);
  rememberApp(fn);
}

/** The function's own CfnFunction: the default child, or the scope itself. */
export function findFunctionResource(scope: IConstruct): CfnResource | undefined {
  const candidates = [scope, scope.node.defaultChild].filter((c): c is IConstruct => !!c);
  for (const c of candidates) {
    if (CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Lambda::Function') return c;
  }
  return undefined;
}

function assertNoTokens(value: unknown, path: string): void {
  const text = JSON.stringify(value);
  if (Token.isUnresolved(text)) {
    throw new Error(
      `${path}: a write intent must hold only literal values (construct paths, names, ARNs); it contained a token. ` +
      'This is a bug in cdk-secure-lambda-writer: please report it.',
    );
  }
}

/** Literal string or undefined when the value is a token. */
export function literalOrUndefined(value: string | undefined): string | undefined {
  if (value === undefined || Token.isUnresolved(value)) return undefined;
  return value;
}
