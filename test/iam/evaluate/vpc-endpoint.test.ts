import { BUCKET_ARN, identityAllows, policy, policies, putObject } from './fixtures';
import { evaluate } from '../../../src/iam';

// S3 "Troubleshoot access denied (403 Forbidden) errors": "with an explicit deny in a VPC endpoint policy" /
// "because no VPC endpoint policy allows". A request through an endpoint needs the endpoint policy's Allow.
const endpointAllowing = (resource: string, id = 'vpce-1') => policy(id, { Sid: 'Bucket', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: resource });

describe('VPC endpoint policies', () => {
  test('no endpoint on the path: not limited', () => {
    expect(evaluate(putObject(), policies({ identity: [identityAllows()], vpcEndpointPolicies: [] })).outcome).toBe('allow');
  });

  test('an endpoint policy allowing only another bucket denies "because no VPC endpoint policy allows"', () => {
    const d = evaluate(putObject(), policies({ identity: [identityAllows()], vpcEndpointPolicies: [endpointAllowing('arn:aws:s3:::other-bucket/*')] }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['vpce']);
  });

  test('an endpoint policy allowing this bucket lets the write through', () => {
    expect(evaluate(putObject(), policies({ identity: [identityAllows()], vpcEndpointPolicies: [endpointAllowing(`${BUCKET_ARN}/*`)] })).outcome).toBe('allow');
  });

  test('an endpoint Allow never grants by itself: the identity policy must still allow', () => {
    const d = evaluate(putObject(), policies({ vpcEndpointPolicies: [endpointAllowing('*')] }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['identity']);
  });

  test('every endpoint on the path must allow', () => {
    const d = evaluate(putObject(), policies({
      identity: [identityAllows()],
      vpcEndpointPolicies: [endpointAllowing('*', 'vpce-a'), endpointAllowing('arn:aws:s3:::other-bucket/*', 'vpce-b')],
    }));
    expect(d.outcome).toBe('implicit-deny');
  });

  test('an endpoint statement without Principal covers everyone (endpoint policies are written with "*")', () => {
    const noPrincipal = policy('vpce', { Effect: 'Allow', Action: 's3:*', Resource: '*' });
    expect(evaluate(putObject(), policies({ identity: [identityAllows()], vpcEndpointPolicies: [noPrincipal] })).outcome).toBe('allow');
  });
});
