import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { WriterPropError } from './errors';
import { appResource } from './ownership';
import { findFunctionResource } from '../contract/record-intent';

/** The environment prefixes writers already use, per function. */
const wiredPrefixes = new WeakMap<IConstruct, Set<string>>();

/** The function the writer wires, with the role its statements go to. */
export interface WiredFunction {
  readonly fn: lambda.Function;
  readonly role: iam.IRole;
  /** Set when the writer made the function: then it also owns the log group and the VPC permissions. */
  readonly created?: { readonly logGroup: logs.ILogGroup; readonly inVpc: boolean };
}

/**
 * A new function with a dedicated role that trusts only Lambda and carries no managed policy (no
 * AWSLambdaBasicExecutionRole: its logs:* on every log group is what the writer replaces), and its own log group.
 */
export function createFunction(scope: Construct, props: lambda.FunctionProps, environment: Record<string, string>, prefix: string): WiredFunction {
  for (const name of Object.keys(environment)) {
    if (props.environment && name in props.environment) {
      throw new WriterPropError(scope, `functionProps.environment.${name}`, 'the writer sets this variable itself.',
        `remove ${name} from functionProps.environment, or choose another environmentPrefix.`);
    }
  }
  const role = new iam.Role(scope, 'ServiceRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Least-privilege execution role of the SecureLambdaWriter ${scope.node.path}`,
  });
  const logGroup = givenLogGroup(scope, props.logGroup) ?? new logs.LogGroup(scope, 'LogGroup');
  const fn = new lambda.Function(scope, 'Function', {
    ...props,
    role,
    logGroup,
    environment: { ...props.environment, ...environment },
  });
  wiredPrefixes.set(fn, new Set([prefix]));
  return { fn, role, created: { logGroup, inVpc: props.vpc !== undefined } };
}

/**
 * The log group given in `functionProps.logGroup`, as an `ILogGroup` on every aws-cdk-lib: recent versions type the
 * prop as the narrower `ILogGroupRef` (an object whose `logGroupRef.logGroupArn` names it), older ones as `ILogGroup`.
 */
function givenLogGroup(scope: Construct, given: unknown): logs.ILogGroup | undefined {
  if (given === undefined) return undefined;
  const group = given as { logGroupArn?: unknown; logGroupRef?: { logGroupArn?: unknown } };
  if (typeof group.logGroupArn === 'string') return given as logs.ILogGroup;
  const arn = group.logGroupRef?.logGroupArn;
  if (typeof arn === 'string') return logs.LogGroup.fromLogGroupArn(scope, 'GivenLogGroup', arn);
  throw new WriterPropError(scope, 'functionProps.logGroup', 'it is not a log group (it has no logGroupArn).',
    'pass a logs.LogGroup, or one imported with logs.LogGroup.fromLogGroupName.');
}

/**
 * An existing function: a `lambda.Function` of this app, in the writer's stack, whose role is a role of this app.
 * Anything else cannot carry the writer's statements or environment, and is refused with the reason.
 */
export function adoptFunction(scope: IConstruct, given: lambda.IFunction, environment: Record<string, string>, prefix: string): WiredFunction {
  if (!findFunctionResource(given) || !(given instanceof lambda.Function)) {
    throw new WriterPropError(scope, 'function',
      `${given.node.path} is not a lambda.Function of this app (an imported function, alias or version): the writer cannot ` +
      'set its environment or record its write intent on it.',
      'pass the lambda.Function construct itself, or use functionProps to create the function with the writer.');
  }
  if (Stack.of(given) !== Stack.of(scope)) {
    throw new WriterPropError(scope, 'function',
      `${given.node.path} is in stack ${Stack.of(given).stackName}, the writer in ${Stack.of(scope).stackName}: the function's ` +
      'environment would reference the writer\'s stack and the writer\'s policy the function\'s role, both ways.',
      'create the SecureLambdaWriter in the same stack as the function.');
  }
  const role = given.role;
  if (!role || !appResource(role, 'AWS::IAM::Role')) {
    throw new WriterPropError(scope, 'function',
      `the role of ${given.node.path} is not a role of this app (imported with iam.Role.fromRoleArn or missing), so the writer ` +
      'cannot see or change its policies, and the checker could not judge the write.',
      'give the function a role created in this app, or use functionProps to let the writer create a dedicated role.');
  }
  const used = wiredPrefixes.get(given) ?? new Set<string>();
  if (used.has(prefix)) {
    throw new WriterPropError(scope, 'environmentPrefix',
      `another SecureLambdaWriter already set the '${prefix}*' variables on ${given.node.path}.`,
      'give each writer of this function its own environmentPrefix (e.g. \'ARCHIVE_\').');
  }
  used.add(prefix);
  wiredPrefixes.set(given, used);
  for (const [name, value] of Object.entries(environment)) given.addEnvironment(name, value);
  return { fn: given, role };
}

/** The ENI actions a function in a VPC needs (what AWSLambdaVPCAccessExecutionRole grants), without the managed policy.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions */
const VPC_ENI_ACTIONS = [
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
];

/** What a function the writer created needs besides the write: its own log group, and ENIs in a VPC. */
export function functionRuntimeStatements(wired: WiredFunction): iam.PolicyStatement[] {
  if (!wired.created) return [];
  const statements = [new iam.PolicyStatement({
    sid: 'WriterOwnLogGroup',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [wired.created.logGroup.logGroupArn],
  })];
  if (wired.created.inVpc) {
    statements.push(new iam.PolicyStatement({ sid: 'WriterVpcNetworkInterfaces', actions: VPC_ENI_ACTIONS, resources: ['*'] }));
  }
  return statements;
}
