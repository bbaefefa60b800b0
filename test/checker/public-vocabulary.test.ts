import * as s3 from 'aws-cdk-lib/aws-s3';
import { ObjectEncryption, WriteAccessChecker } from '../../src';
import { INTENT_METADATA_KEY, RecordedIntent } from '../../src/contract/intent';
import { templateOf } from '../support/harness';
import { expectAllow, expectDeny, scenario } from '../support/scenario';

// The checker's request profile speaks the writer's vocabulary: `encryption` takes ObjectEncryption (the enum the
// writer takes), `objectTags` the tags the writer calls objectTags. The verdicts are the ones the old names gave.

describe('encryption: ObjectEncryption against a bucket policy that demands SSE-KMS (DenyUnEncryptedObjectUploads)', () => {
  const app = (encryption?: ObjectEncryption, demanded = 'aws:kms') => scenario()
    .withBucket({ encryption: s3.BucketEncryption.KMS_MANAGED }).withWriter().grantPut()
    .deny({ sid: 'DemandHeader', conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': demanded } } })
    .checkDeclared(encryption === undefined ? {} : { request: { encryption } });

  test('no encryption declared: DENY (the bucket default does not add the header)', () => expectDeny(app(), 'REQUEST_CONDITION'));
  test('NONE is the same request as no declaration: DENY', () => expectDeny(app(ObjectEncryption.NONE), 'REQUEST_CONDITION'));
  test('twin: encryption KMS sends aws:kms: ALLOW', () => expectAllow(app(ObjectEncryption.KMS)));
  test('S3_MANAGED sends AES256: DENY', () => expectDeny(app(ObjectEncryption.S3_MANAGED), 'REQUEST_CONDITION'));
  test('KMS_DSSE sends aws:kms:dsse: DENY where aws:kms is demanded, ALLOW where DSSE is', () => {
    expectDeny(app(ObjectEncryption.KMS_DSSE), 'REQUEST_CONDITION');
    expectAllow(app(ObjectEncryption.KMS_DSSE, 'aws:kms:dsse'));
  });
});

describe('objectTags against a bucket policy that demands a request tag', () => {
  const app = (objectTags?: { [key: string]: string }) => scenario().withBucket().withWriter().grantPut()
    .deny({ sid: 'DemandTeamTag', conditions: { StringNotEquals: { 's3:RequestObjectTag/team': 'a' } } })
    .checkDeclared(objectTags ? { request: { objectTags } } : {});

  test('no objectTags declared: DENY', () => expectDeny(app(), 'REQUEST_CONDITION'));
  test('twin: objectTags { team: a }: ALLOW', () => expectAllow(app({ team: 'a' })));
  test('objectTags { team: b }: DENY', () => expectDeny(app({ team: 'b' }), 'REQUEST_CONDITION'));
});

test('the recorded metadata keeps its header-named fields: serverSideEncryption, tags, sseCustomerKey', () => {
  const s = scenario().withBucket().withWriter();
  WriteAccessChecker.expectWrite(s.fn, s.bucket, { request: { encryption: ObjectEncryption.KMS_DSSE, objectTags: { team: 'a' }, sseCustomerKey: false } });
  const template = templateOf(s.stack);
  const fnResource = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.[INTENT_METADATA_KEY]);
  const [intent] = fnResource.Metadata[INTENT_METADATA_KEY] as RecordedIntent[];
  expect(intent.request).toEqual({ serverSideEncryption: 'aws:kms:dsse', tags: { team: 'a' }, sseCustomerKey: false });
});
