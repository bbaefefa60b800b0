import { appBucket } from './fixtures';
import { checkAcl } from '../../../src/analysis/gates';
import { CAUSE_RULES } from '../../../src/cli/format/sarif-rules';

// The SARIF help of a rule must not claim a check the gates do not make (S3 User Guide, "Blocking public access
// to your Amazon S3 storage": of the four settings, only BlockPublicAcls rejects a PutObject as sent).
describe('SARIF rule text matches what the gates check', () => {
  const bpa = CAUSE_RULES.BLOCK_PUBLIC_ACCESS;
  const rpb = { PublicAccessBlockConfiguration: { RestrictPublicBuckets: true, BlockPublicAcls: false } };

  test('RestrictPublicBuckets is not modelled: the gate ignores it, and the rule says so', () => {
    expect(checkAcl({
      request: { acl: 'public-read' },
      bucket: appBucket({ ...rpb, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }),
      bucketAccount: '1',
      accountBlockPublicAccess: { '*': { blockPublicAcls: false, restrictPublicBuckets: true } },
    })
      .filter((o) => o.code === 'BLOCK_PUBLIC_ACCESS' && o.result !== 'pass')).toEqual([]);
    expect(bpa.full).toMatch(/RestrictPublicBuckets[^.]*is not modelled/);
    expect(bpa.help).not.toMatch(/bucket policy non-public/);
  });

  test('BlockPublicAcls is checked: the gate denies a public ACL, and the rule names it', () => {
    const outcomes = checkAcl({
      request: { acl: 'public-read' },
      bucket: appBucket({ PublicAccessBlockConfiguration: { BlockPublicAcls: true }, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }),
      bucketAccount: '1',
      accountBlockPublicAccess: { '*': { blockPublicAcls: false, restrictPublicBuckets: true } },
    });
    expect(outcomes.some((o) => o.code === 'BLOCK_PUBLIC_ACCESS' && o.result === 'deny')).toBe(true);
    expect(bpa.full).toContain('Only BlockPublicAcls is checked');
  });

  test('NETWORK_PATH and REQUEST_CONDITION describe the opt-in paths and the bucket settings they now cover', () => {
    expect(CAUSE_RULES.NETWORK_PATH.full).toContain('dual-stack');
    expect(CAUSE_RULES.NETWORK_PATH.full).toContain('own DNS name');
    expect(CAUSE_RULES.REQUEST_CONDITION.full).toContain('Requester Pays');
  });
});
