import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WriterPropError } from './errors';
import { AccessDeniedAlarmOptions, SecureLambdaWriterProps } from './props';

/**
 * Terms that appear in a log line when S3 or KMS denies one of the writer's requests, whichever SDK logged it:
 *
 * - `AccessDenied`: the S3 error code (JavaScript v3 `name`/`Code`, boto3 `(AccessDenied)`, Java v1 `Error Code:`);
 * - `AccessDeniedException`: the KMS error code (KMS calls made by the code itself);
 * - `Access Denied`: the bare S3 message, for requests that get no extended message (cross-account);
 * - `is not authorized to perform`: the extended message, the one part Java v2 logs (its exception names no code).
 *
 * Each is a whole word or phrase of those lines, so the pattern matches the same lines whether CloudWatch Logs
 * compares terms as substrings or as words. Ordinary log lines do not carry them. The texts they are tested
 * against are in test/cli/explain/denial-messages.ts (the same texts `explain` is tested on).
 */
export const ACCESS_DENIED_LOG_TERMS: readonly string[] = [
  'AccessDenied',
  'AccessDeniedException',
  'Access Denied',
  'is not authorized to perform',
];

export const DEFAULT_ALARM_NAMESPACE = 'SecureLambdaWriter';
const DEFAULT_PERIOD = Duration.minutes(5);

/** The filter pattern: any of the terms (`?"a" ?"b"`, CloudWatch Logs' documented OR of quoted terms). */
export function accessDeniedFilterPattern(): logs.IFilterPattern {
  return logs.FilterPattern.anyTerm(...ACCESS_DENIED_LOG_TERMS);
}

export interface AccessDeniedAlarmParts {
  readonly metric: cloudwatch.Metric;
  readonly alarm: cloudwatch.Alarm;
}

/**
 * A metric filter on the function's log group that counts access-denied lines, and an alarm on the count. The
 * metric defaults to 0 in periods without a match, so the alarm sees "no errors" rather than "no data".
 */
export function createAccessDeniedAlarm(scope: Construct, logGroup: logs.ILogGroup, options: AccessDeniedAlarmOptions): AccessDeniedAlarmParts {
  const metricNamespace = options.metricNamespace ?? DEFAULT_ALARM_NAMESPACE;
  const metricName = options.metricName ?? defaultMetricName(scope);
  const filter = new logs.MetricFilter(scope, 'AccessDeniedFilter', {
    logGroup,
    filterPattern: accessDeniedFilterPattern(),
    metricNamespace,
    metricName,
    metricValue: '1',
    defaultValue: 0,
  });
  const metric = filter.metric({ statistic: 'Sum', period: options.period ?? DEFAULT_PERIOD });
  const alarm = new cloudwatch.Alarm(scope, 'AccessDeniedAlarm', {
    metric,
    threshold: options.threshold ?? 1,
    evaluationPeriods: options.evaluationPeriods ?? 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: `S3 or KMS denied a write of the SecureLambdaWriter ${scope.node.path}: find the log line in its log group and run \`npx cdk-secure-lambda-writer explain --message '<the error>'\``,
  });
  if (options.alarmActions && options.alarmActions.length > 0) alarm.addAlarmAction(...options.alarmActions);
  return { metric, alarm };
}

/**
 * Refuses, at construction, an alarm the writer cannot build: on an existing function the log group is not the
 * writer's to filter (and whether \`function.logGroup\` can be read without side effects differs between aws-cdk-lib
 * versions), and counts the alarm could never evaluate.
 */
export function validateAccessDeniedAlarm(scope: Construct, props: SecureLambdaWriterProps): void {
  const options = props.accessDeniedAlarm;
  if (options === undefined) return;
  if (props.function) {
    throw new WriterPropError(scope, 'accessDeniedAlarm',
      'it needs the log group of a function the writer creates; an existing function\'s log group is not the writer\'s.',
      'use functionProps to create the function with the writer, or add a logs.MetricFilter with the same pattern on your function\'s log group.');
  }
  if (options.threshold !== undefined && !(Number.isFinite(options.threshold) && options.threshold >= 1)) {
    throw new WriterPropError(scope, 'accessDeniedAlarm.threshold', `${options.threshold} is not a count of 1 or more.`,
      'give the number of access-denied log lines per period that should fire the alarm (default 1).');
  }
  if (options.evaluationPeriods !== undefined && !(Number.isInteger(options.evaluationPeriods) && options.evaluationPeriods >= 1)) {
    throw new WriterPropError(scope, 'accessDeniedAlarm.evaluationPeriods', `${options.evaluationPeriods} is not a whole number of 1 or more.`,
      'give the number of consecutive periods (default 1).');
  }
}

/** One metric per writer: two writers in a namespace must not add up into one count. */
function defaultMetricName(scope: Construct): string {
  return `AccessDenied-${scope.node.path.replace(/\//g, '-')}`;
}
