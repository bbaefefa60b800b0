import { splitArn } from '../../../src/iam/policy/arn';
import { atom } from '../../../src/iam/symbolic';

describe('splitArn', () => {
  test('six components, the resource part keeps its colons (IAM "ARN format")', () => {
    expect(splitArn('arn:aws:s3:::b/k:1')).toEqual(['arn', 'aws', 's3', '', '', 'b/k:1']);
    expect(splitArn('arn:aws:sts::111111111111:assumed-role/R/S')).toEqual(['arn', 'aws', 'sts', '', '111111111111', 'assumed-role/R/S']);
  });
  test('colons inside atoms do not split', () => {
    const bucket = atom('generated', 'Stack/Bucket.Name');
    expect(splitArn(`arn:aws:s3:::${bucket}/incoming/*`)).toEqual(['arn', 'aws', 's3', '', '', `${bucket}/incoming/*`]);
  });
  test('short text gives fewer components', () => {
    expect(splitArn('*')).toEqual(['*']);
    expect(splitArn('arn:aws:s3')).toEqual(['arn', 'aws', 's3']);
  });
});
