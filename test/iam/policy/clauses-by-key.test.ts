import { parsePolicy } from '../../../src/iam';
import { clausesOnKey } from '../../../src/iam/policy/clauses-by-key';

/** The clauses of a statement on one condition key, as a scan of its conditions would find them. */
describe('clausesOnKey', () => {
  const statement = parsePolicy({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Deny',
      Action: 's3:PutObject',
      Resource: '*',
      Condition: {
        StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms', 'aws:SourceVpce': 'vpce-1' },
        Null: { 'S3:X-Amz-Server-Side-Encryption': 'true' },
        Bool: { 'aws:SecureTransport': 'false' },
      },
    }],
  }, 'p').statements[0];

  test('every clause on the key, whatever its case, in the statement\'s order', () => {
    const scanned = statement.conditions.filter((c) => c.key.toLowerCase() === 's3:x-amz-server-side-encryption');
    expect(scanned).toHaveLength(2);
    expect(clausesOnKey(statement, 's3:x-amz-server-side-encryption')).toEqual(scanned);
    expect(clausesOnKey(statement, 'S3:X-AMZ-SERVER-SIDE-ENCRYPTION')).toEqual(scanned);
    expect(clausesOnKey(statement, 's3:x-amz-server-side-encryption').map((c) => c.operator)).toEqual(['StringNotEquals', 'Null']);
  });

  test('a key no clause tests has none; each key only its own', () => {
    expect(clausesOnKey(statement, 'aws:PrincipalTag/team')).toEqual([]);
    expect(clausesOnKey(statement, 'aws:securetransport').map((c) => c.values)).toEqual([['false']]);
    expect(clausesOnKey(statement, 'aws:SourceVpce').map((c) => c.key)).toEqual(['aws:SourceVpce']);
  });
});
