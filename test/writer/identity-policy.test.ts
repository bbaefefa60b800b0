import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { actionsOf, allActions, bySid, functionProps, hasSid, newStack, onlyResource, synthWriter, writerPolicyStatements } from './support/fixtures';
import { SecureLambdaWriter, ObjectEncryption, CannedAcl } from '../../src';

/** Resolved `bucket/<prefix>*` of the writer's bucket, as CloudFormation writes it. */
function prefixArn(bucketLogicalId: string, prefix: string): any {
  return { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketLogicalId, 'Arn'] }, `/${prefix}*`]] };
}

describe('the role gets exactly the actions its writes need (PutObject API "Permissions")', () => {
  test('SSE-S3, no options: s3:PutObject only, on bucket/prefix* only, plus its own log group', () => {
    const { template } = synthWriter({ keyPrefix: 'incoming/' });
    const statements = writerPolicyStatements(template);
    const bucketId = onlyResource(template, 'AWS::S3::Bucket').logicalId;
    expect(allActions(statements)).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 's3:PutObject']);
    const put = bySid(statements, 'WriterPutObject');
    expect(put.Resource).toEqual(prefixArn(bucketId, 'incoming/'));
    expect(put.Condition).toBeUndefined();
    const logs = bySid(statements, 'WriterOwnLogGroup');
    expect(logs.Resource).toEqual({ 'Fn::GetAtt': [onlyResource(template, 'AWS::Logs::LogGroup').logicalId, 'Arn'] });
  });

  test('no AWSLambdaBasicExecutionRole or any managed policy; the role trusts only Lambda', () => {
    const { template } = synthWriter();
    const role = onlyResource(template, 'AWS::IAM::Role').resource;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
    // The function logs to the writer's log group, which the policy names.
    const fn = onlyResource(template, 'AWS::Lambda::Function').resource;
    expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: onlyResource(template, 'AWS::Logs::LogGroup').logicalId });
  });

  test('a prefix that is not a folder is allowed, with a warning that it also matches longer names', () => {
    const { stack } = synthWriter({ keyPrefix: 'in' });
    Annotations.fromStack(stack).hasWarning('/Stack/Writer', Match.stringLikeRegexp("keyPrefix 'in' does not end with '/'"));
    const folder = synthWriter({ keyPrefix: 'in/' });
    Annotations.fromStack(folder.stack).hasNoWarning('/Stack/Writer', Match.stringLikeRegexp('does not end with'));
  });

  test('an empty prefix means the whole bucket: bucket/*', () => {
    const { template } = synthWriter();
    const put = bySid(writerPolicyStatements(template), 'WriterPutObject');
    expect(put.Resource).toEqual(prefixArn(onlyResource(template, 'AWS::S3::Bucket').logicalId, ''));
  });

  test('objectTags add s3:PutObjectTagging with the tag conditions; without tags it is absent', () => {
    const withTags = writerPolicyStatements(synthWriter({ objectTags: { team: 'blue', env: 'prod' } }).template);
    const put = bySid(withTags, 'WriterPutObject');
    expect(actionsOf(put)).toEqual(['s3:PutObject', 's3:PutObjectTagging']);
    expect(put.Condition).toEqual({
      'StringEquals': { 's3:RequestObjectTag/team': 'blue', 's3:RequestObjectTag/env': 'prod' },
      'ForAllValues:StringEquals': { 's3:RequestObjectTagKeys': ['env', 'team'] },
    });
    expect(allActions(writerPolicyStatements(synthWriter().template))).not.toContain('s3:PutObjectTagging');
  });

  test('principalTagKeys match the request tag against ${aws:PrincipalTag/<k>}, other tags stay literal', () => {
    const statements = writerPolicyStatements(synthWriter({ objectTags: { team: 'blue', env: 'prod' }, principalTagKeys: ['team'] }).template);
    expect(bySid(statements, 'WriterPutObject').Condition.StringEquals).toEqual({
      's3:RequestObjectTag/team': '${aws:PrincipalTag/team}',
      's3:RequestObjectTag/env': 'prod',
    });
  });

  test('acl adds s3:PutObjectAcl for that ACL only; without it no ACL action', () => {
    const statements = writerPolicyStatements(synthWriter({ acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL }).template);
    const acl = bySid(statements, 'WriterPutObjectAcl');
    expect(actionsOf(acl)).toEqual(['s3:PutObjectAcl']);
    expect(acl.Condition).toEqual({ StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } });
    expect(allActions(writerPolicyStatements(synthWriter().template)).filter((a) => a.includes('Acl'))).toEqual([]);
  });

  test('multipart adds s3:AbortMultipartUpload (and nothing else with SSE-S3)', () => {
    const statements = writerPolicyStatements(synthWriter({ multipart: true, keyPrefix: 'up/' }).template);
    expect(allActions(statements)).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 's3:AbortMultipartUpload', 's3:PutObject']);
    expect(hasSid(writerPolicyStatements(synthWriter().template), 'WriterAbortMultipartUpload')).toBe(false);
  });

  test('Object Lock: s3:PutObjectRetention for the chosen mode, s3:PutObjectLegalHold for ON; a new bucket gets Object Lock', () => {
    const { template } = synthWriter({ objectLockMode: s3.ObjectLockMode.COMPLIANCE, objectLockRetentionDays: 7, objectLockLegalHold: true });
    const statements = writerPolicyStatements(template);
    expect(bySid(statements, 'WriterPutObjectRetention').Condition).toEqual({ StringEquals: { 's3:object-lock-mode': 'COMPLIANCE' } });
    expect(bySid(statements, 'WriterPutObjectLegalHold').Condition).toEqual({ StringEquals: { 's3:object-lock-legal-hold': 'ON' } });
    expect(onlyResource(template, 'AWS::S3::Bucket').resource.Properties.ObjectLockEnabled).toBe(true);
    const plain = synthWriter().template;
    expect(allActions(writerPolicyStatements(plain)).filter((a) => /Retention|LegalHold/.test(a))).toEqual([]);
    expect(onlyResource(plain, 'AWS::S3::Bucket').resource.Properties.ObjectLockEnabled).toBeUndefined();
  });

  test('never a delete, list, read, legal hold, retention or wildcard action (unlike grantPut / aws-lambda-s3)', () => {
    const statements = writerPolicyStatements(synthWriter({
      encryption: ObjectEncryption.KMS, multipart: true, objectTags: { a: 'b' }, acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL,
    }).template);
    const actions = allActions(statements);
    expect(actions).toEqual([
      'kms:Decrypt', 'kms:GenerateDataKey', 'logs:CreateLogStream', 'logs:PutLogEvents',
      's3:AbortMultipartUpload', 's3:PutObject', 's3:PutObjectAcl', 's3:PutObjectTagging',
    ]);
    expect(actions.some((a) => a.includes('*'))).toBe(false);
  });

  test('writer.grantedActions summarises the S3 and KMS actions', () => {
    const { writer } = synthWriter({ encryption: ObjectEncryption.KMS, objectTags: { a: 'b' } });
    expect(writer.grantedActions).toEqual(['kms:GenerateDataKey', 's3:PutObject', 's3:PutObjectTagging']);
    expect(synthWriter().writer.grantedActions).toEqual(['s3:PutObject']);
  });

  test('a new function in a VPC gets the ENI actions inline (no managed policy) and depends on the policy', () => {
    const { stack } = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps({ vpc }) });
    const template = Template.fromStack(stack);
    const eni = bySid(writerPolicyStatements(template), 'WriterVpcNetworkInterfaces');
    expect(actionsOf(eni)).toEqual([
      'ec2:AssignPrivateIpAddresses', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface',
      'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:UnassignPrivateIpAddresses',
    ]);
    const fn = onlyResource(template, 'AWS::Lambda::Function').resource;
    expect(fn.DependsOn.some((d: string) => d.startsWith('WriterWritePolicy'))).toBe(true);
    expect(onlyResource(template, 'AWS::IAM::Role').resource.Properties.ManagedPolicyArns).toBeUndefined();
    // Outside a VPC: no EC2 action at all.
    expect(allActions(writerPolicyStatements(synthWriter().template)).some((a) => a.startsWith('ec2:'))).toBe(false);
  });
});
