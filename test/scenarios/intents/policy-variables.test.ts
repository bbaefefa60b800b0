import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describeFinding, findingsOf, newApp, stackIn, synthWithChecker, writerFunction } from '../../support/harness';

// Intents inferred from identity grants whose Resource holds a policy variable (IAM User Guide, "IAM policy
// elements: Variables and tags"): the variable is replaced by the request's value; a key absent from the request
// context (aws:username for a role session; aws:PrincipalTag/k for a role without tag k) leaves nothing to
// substitute and the Resource matches nothing, so that grant expresses no write the function can make.

function grantWith(resourceSuffix: string) {
  const app = newApp();
  const stack = stackIn(app, 'App');
  const bucket = new s3.Bucket(stack, 'Bucket');
  const fn = writerFunction(stack, 'Writer');
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`${bucket.bucketArn}/${resourceSuffix}`] }));
  const { checker } = synthWithChecker(app);
  return findingsOf(checker, fn).map(f => `${f.keyPattern} ${f.intent} ${describeFinding(f)}`);
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
