import { BUCKET_ARN, identityAllows, policy, policies, putObject } from './fixtures';
import { evaluate } from '../../../src/iam';

// IAM JSON policy elements: NotAction (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html)
// and NotResource (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html).
describe('NotAction', () => {
  test('Allow + NotAction allows every action not listed', () => {
    const allowAllButIam = policy('id', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
    expect(evaluate(putObject(), policies({ identity: [allowAllButIam] })).outcome).toBe('allow');
  });
  test('Allow + NotAction listing s3:* does not allow the write', () => {
    const allowAllButS3 = policy('id', { Effect: 'Allow', NotAction: 's3:*', Resource: '*' });
    expect(evaluate(putObject(), policies({ identity: [allowAllButS3] })).outcome).toBe('implicit-deny');
  });
  test('Deny + NotAction denies everything not listed; listing the action lifts it', () => {
    const denyAllBut = (action: string) => policy('guard', { Sid: 'OnlyReads', Effect: 'Deny', NotAction: action, Resource: '*' });
    expect(evaluate(putObject(), policies({ identity: [identityAllows(), denyAllBut('s3:Get*')] })).outcome).toBe('explicit-deny');
    expect(evaluate(putObject(), policies({ identity: [identityAllows(), denyAllBut('s3:Put*')] })).outcome).toBe('allow');
  });
});

describe('NotResource', () => {
  const denyOutside = (bucket: string) => policy('guard', { Sid: 'OnlyOurBucket', Effect: 'Deny', Action: 's3:*', NotResource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] });

  test('Deny + NotResource ("deny all S3 except bucket X") denies writes to any other bucket', () => {
    const d = evaluate(putObject(), policies({ identity: [identityAllows(), denyOutside('other-bucket')] }));
    expect(d.outcome).toBe('explicit-deny');
    expect(d.decisive).toEqual([expect.objectContaining({ sid: 'OnlyOurBucket' })]);
  });

  test('…and not to bucket X itself', () => {
    expect(evaluate(putObject(), policies({ identity: [identityAllows(), denyOutside('amzn-s3-demo-bucket')] })).outcome).toBe('allow');
  });

  test('Allow + NotResource allows every resource not listed', () => {
    const allowBut = (resource: string) => policy('id', { Effect: 'Allow', Action: 's3:PutObject', NotResource: resource });
    expect(evaluate(putObject(), policies({ identity: [allowBut('arn:aws:s3:::other/*')] })).outcome).toBe('allow');
    expect(evaluate(putObject(), policies({ identity: [allowBut(`${BUCKET_ARN}/*`)] })).outcome).toBe('implicit-deny');
  });
});
