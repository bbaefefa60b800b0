/**
 * AWS managed policies that Lambda execution roles commonly carry, so a role that attaches them is judged
 * without asking the user for their documents. Written from the AWS Managed Policy Reference Guide pages
 * (docs.aws.amazon.com/aws-managed-policy/latest/reference/<Name>.html); the statements that matter for S3 and
 * KMS are complete, and none of these policies has a Deny. Any other AWS managed ARN is unknown unless the
 * user gives it in `externalManagedPolicies`.
 */
const LOGS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

const allow = (action: string | string[], resource: string | string[] = '*') => ({ Effect: 'Allow', Action: action, Resource: resource });
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

export const AWS_MANAGED_POLICIES: Readonly<Record<string, unknown>> = {
  AdministratorAccess: doc(allow('*')),
  AmazonS3FullAccess: doc(allow(['s3:*', 's3-object-lambda:*'])),
  AmazonS3ReadOnlyAccess: doc(allow(['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'])),
  AWSLambdaBasicExecutionRole: doc(allow(LOGS)),
  AWSLambdaVPCAccessExecutionRole: doc(allow([
    ...LOGS, 'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets',
    'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
  ])),
  AWSLambdaExecute: doc(allow('logs:*', 'arn:aws:logs:*:*:*'), allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::*')),
  AWSXRayDaemonWriteAccess: doc(allow([
    'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets',
    'xray:GetSamplingStatisticSummaries',
  ])),
  AWSLambdaSQSQueueExecutionRole: doc(allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', ...LOGS])),
  AWSLambdaDynamoDBExecutionRole: doc(allow([
    'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', ...LOGS,
  ])),
  AWSLambdaKinesisExecutionRole: doc(allow([
    'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator',
    'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard', ...LOGS,
  ])),
};

/** The bundled document for an AWS managed policy ARN (`arn:<partition>:iam::aws:policy[/path]/Name`). */
export function awsManagedPolicy(arn: string): { name: string; document: unknown } | undefined {
  const m = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([A-Za-z0-9+=,.@_-]+)$/.exec(arn);
  if (!m || !Object.prototype.hasOwnProperty.call(AWS_MANAGED_POLICIES, m[1])) return undefined;
  return { name: m[1], document: AWS_MANAGED_POLICIES[m[1]] };
}
