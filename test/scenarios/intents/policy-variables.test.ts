import { Tags } from 'aws-cdk-lib';
import { WriteVerdict } from '../../../src/checker';
import { describeFinding } from '../../support/harness';
import { scenario } from '../../support/scenario';

// Intents inferred from identity grants whose Resource holds a policy variable (IAM User Guide, "IAM policy
// elements: Variables and tags"): the variable is replaced by the request's value; a key absent from the request
// context (aws:username for a role session; aws:PrincipalTag/k for a role without tag k) leaves nothing to
// substitute and the Resource matches nothing, so that grant expresses no write the function can make.

function grantWith(resourceSuffix: string) {
  const s = scenario().withBucket().withWriter();
  const outcome = s.roleAllows({ actions: ['s3:PutObject'], resources: [`${s.bucket.bucketArn}/${resourceSuffix}`] }).check();
  return outcome.findings.map(f => `${f.keyPattern} ${f.intent} ${describeFinding(f)}`);
}

test('${aws:PrincipalAccount}/* is substituted: one inferred intent on 111111111111/*, ALLOW', () => {
  expect(grantWith('${aws:PrincipalAccount}/*')).toEqual(['111111111111/* inferred ALLOW [] ']);
});

test('control: ${aws:PrincipalTag/team}/* on an untagged role infers no intent', () => {
  expect(grantWith('${aws:PrincipalTag/team}/*')).toEqual([]);
});

// BUG (inconsistent, with a self-contradicting message): today this infers an intent on the literal pattern
// "${aws:username}/*" and reports DENY NO_IDENTITY_ALLOW "…allows s3:PutObject but only on
// arn:aws:s3:::<App/Bucket>/${aws:username}/*, which does not cover arn:aws:s3:::<App/Bucket>/${aws:username}/*".
// aws:username is not in a role session's context (IAM User Guide, global keys: "aws:username … not present for
// roles"), exactly like the untagged PrincipalTag above: no intent, as in the control.
test('${aws:username}/* on a Lambda role infers no intent (the key is absent for role sessions)', () => {
  expect(grantWith('${aws:username}/*')).toEqual([]);
});

describe('policy variables (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
  function perTeamPrefix(tagged: boolean) {
    const s = scenario().withBucket().withWriter();
    s.roleAllows({ actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('${aws:PrincipalTag/team}/*')] });
    if (tagged) Tags.of(s.fn).add('team', 'ingest');
    return s.expectWrite({ keyPrefix: 'ingest/' }).check().findingOf('declared');
  }
  test('a per-team prefix ${aws:PrincipalTag/team}/*, role tagged team=ingest, code writes under ingest/: ALLOW', () => {
    expect(describeFinding(perTeamPrefix(true))).toBe('ALLOW [] ');
  });
  test('…the role untagged: the variable has no value, the statement matches nothing: DENY', () => {
    expect(perTeamPrefix(false).verdict).toBe(WriteVerdict.DENY);
  });
});
