import { App, Aspects, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ACCOUNT, REGION, functionProps, newStack, synthWriter } from './support/fixtures';
import { ObjectEncryption, SecureLambdaWriter } from '../../src';
import { WriteAccessChecker } from '../../src/checker';
import { accessDeniedFilterPattern } from '../../src/writer/access-denied-alarm';
import {
  ACL_NOT_SUPPORTED_MESSAGE, DEMO, ORDINARY_LOG_LINES, boto3, explicit, implicit, javaV1, javaV2, jsV3, kmsExtended, s3Extended,
} from '../cli/explain/denial-messages';

/**
 * The subset of CloudWatch Logs filter-pattern syntax the writer's pattern uses ("Filter pattern syntax for metric
 * filters", https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html): unstructured
 * text, quoted terms, each prefixed with `?` (match when any term occurs, case-sensitively). Anything else in the
 * pattern fails the test, so a pattern outside this subset cannot pass untested.
 */
function matches(pattern: string, line: string): boolean {
  const terms = [...pattern.matchAll(/\?"((?:[^"\\]|\\.)*)"/g)].map(m => m[1].replace(/\\(.)/g, '$1'));
  if (pattern.replace(/\?"(?:[^"\\]|\\.)*"/g, '').trim() !== '') throw new Error(`pattern outside the tested subset: ${pattern}`);
  return terms.some(term => line.includes(term));
}

const PATTERN = accessDeniedFilterPattern().logPatternString;
const { role, fn, bucket } = DEMO.readOnly;
const DENIALS: Array<[string, string]> = [
  ['S3 extended, JavaScript v3', jsV3('AccessDenied', s3Extended(role, fn, bucket, 'k', implicit('identity-based policy')))],
  ['S3 extended, boto3', boto3('AccessDenied', s3Extended(role, fn, bucket, 'k', explicit('service control policy')))],
  ['S3 extended, Java v2 (no code)', javaV2('S3', s3Extended(role, fn, bucket, 'k', explicit('VPC endpoint policy')))],
  ['bare Access Denied, Java v1', javaV1('AccessDenied', 'Access Denied')],
  ['bare Access Denied, boto3', boto3('AccessDenied', 'Access Denied')],
  ['KMS via S3', jsV3('AccessDenied', kmsExtended(DEMO.keyPolicy.role, DEMO.keyPolicy.fn, DEMO.keyPolicy.key, implicit('resource-based policy', 'kms:GenerateDataKey')))],
  ['KMS AccessDeniedException, Java v2', javaV2('Kms', kmsExtended(DEMO.keyPolicy.role, DEMO.keyPolicy.fn, DEMO.keyPolicy.key, explicit('identity-based policy')), 400)],
];

describe('the filter pattern', () => {
  test.each(DENIALS)('matches %s', (_, line) => {
    expect(matches(PATTERN, line)).toBe(true);
  });

  test.each(ORDINARY_LOG_LINES.map(line => [line]))('does not match an ordinary line: %s', (line) => {
    expect(matches(PATTERN, line)).toBe(false);
  });

  test('does not count errors that are not access denials (the ACL error is a request the writer never sends)', () => {
    expect(matches(PATTERN, boto3('AccessControlListNotSupported', ACL_NOT_SUPPORTED_MESSAGE))).toBe(false);
  });

  test('the matcher itself rejects what it does not model', () => {
    expect(() => matches('ERROR -INFO', 'x')).toThrow(/outside the tested subset/);
  });
});

describe('accessDeniedAlarm', () => {
  test('off by default: no metric filter, no alarm', () => {
    const { writer, template } = synthWriter();
    template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(writer.accessDeniedAlarm).toBeUndefined();
    expect(writer.accessDeniedMetric).toBeUndefined();
  });

  test('a metric filter on the function\'s log group, the namespace given, and an alarm with the options given', () => {
    const { stack } = newStack();
    const action: cloudwatch.IAlarmAction = { bind: () => ({ alarmActionArn: 'arn:aws:sns:eu-west-1:111111111111:oncall' }) };
    const writer = new SecureLambdaWriter(stack, 'Writer', {
      functionProps: functionProps(),
      accessDeniedAlarm: { metricNamespace: 'Ingest', threshold: 3, period: Duration.minutes(1), evaluationPeriods: 2, alarmActions: [action] },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: Match.stringLikeRegexp('^WriterLogGroup') },
      FilterPattern: PATTERN,
      MetricTransformations: [Match.objectLike({ MetricNamespace: 'Ingest', MetricName: 'AccessDenied-Stack-Writer', MetricValue: '1', DefaultValue: 0 })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Ingest',
      MetricName: 'AccessDenied-Stack-Writer',
      Threshold: 3,
      Period: 60,
      EvaluationPeriods: 2,
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: ['arn:aws:sns:eu-west-1:111111111111:oncall'],
    });
    expect(writer.accessDeniedAlarm).toBeDefined();
    expect(writer.accessDeniedMetric).toBeDefined();
  });

  test('refused for an existing function, naming the prop and the fix', () => {
    const { stack } = newStack();
    const existing = new lambda.Function(stack, 'Fn', functionProps());
    expect(() => new SecureLambdaWriter(stack, 'Writer', { function: existing, accessDeniedAlarm: {} }))
      .toThrow(/Writer: accessDeniedAlarm: .*Fix: use functionProps/);
  });

  test.each([['threshold', { threshold: 0 }], ['evaluationPeriods', { evaluationPeriods: 1.5 }]])('refuses a %s that cannot be evaluated', (prop, options) => {
    const { stack } = newStack();
    expect(() => new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), accessDeniedAlarm: options }))
      .toThrow(new RegExp(`accessDeniedAlarm\\.${prop}`));
  });

  test('with the alarm, the writer still passes its own checker (ALLOW) and cdk-nag AwsSolutions', () => {
    const build = () => {
      const app = new App({ builtinCloudFormationValidation: false });
      const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
      new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), keyPrefix: 'incoming/', encryption: ObjectEncryption.KMS, accessDeniedAlarm: {} });
      return app;
    };
    const checked = build();
    const checker = new WriteAccessChecker({ reportFile: false });
    Aspects.of(checked).add(checker);
    checked.synth();
    expect(checker.findings.filter(f => f.intent === 'construct').map(f => f.verdict)).toEqual(['ALLOW']);

    const nagged = build();
    Validations.of(nagged).addPlugins(new AwsSolutionsChecks(nagged));
    expect(() => nagged.synth()).not.toThrow();
  });
});
