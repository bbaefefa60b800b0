import * as path from 'path';
import { DENY_NO_IDENTITY_ALLOW, finding, manifest, removeTempDirs, report, stackArtifact, tempDir, template, writeJson } from './support/fixtures';
import { Acknowledgements } from '../../src/cli/acknowledgements';
import { loadAssembly } from '../../src/cli/assembly';

afterAll(removeTempDirs);

function ack(path_: string, ruleId: string, reason: string) {
  return { [`/${path_}`]: [{ type: 'aws:cdk:acknowledged-rules', data: { [ruleId]: reason } }] };
}

function acknowledgements(...metadata: unknown[]): Acknowledgements {
  const index = new Acknowledgements();
  for (const m of metadata) index.addStackMetadata(m);
  return index;
}

describe('acknowledgements from the stack metadata', () => {
  test('an acknowledgement of the finding\'s rule on its function marks it, with the reason', () => {
    const index = acknowledgements(ack('App/Fn', 'WriteAccessChecker::NO_IDENTITY_ALLOW', 'granted by the data team'));
    const [marked] = index.apply(report(DENY_NO_IDENTITY_ALLOW)).findings;
    expect(marked.acknowledged).toEqual({ reason: 'granted by the data team' });
    expect(marked.verdict).toBe('DENY');
  });

  test('on the role, the bucket, or an ancestor (the stack) too', () => {
    for (const where of ['App/Fn/ServiceRole', 'App/Bucket', 'App']) {
      const index = acknowledgements(ack(where, 'WriteAccessChecker::NO_IDENTITY_ALLOW', where));
      expect(index.apply(report(DENY_NO_IDENTITY_ALLOW)).findings[0].acknowledged).toEqual({ reason: where });
    }
  });

  test('another rule, an unrelated construct, or a child of the function does not mark it', () => {
    const index = acknowledgements(
      ack('App/Fn', 'WriteAccessChecker::KMS_KEY_POLICY', 'other rule'),
      ack('App/Other', 'WriteAccessChecker::NO_IDENTITY_ALLOW', 'other construct'),
      ack('App/Fn/Child', 'WriteAccessChecker::NO_IDENTITY_ALLOW', 'below'),
      ack('App/Fn', 'cdk-nag::AwsSolutions-IAM5', 'other plugin'),
    );
    expect(index.apply(report(DENY_NO_IDENTITY_ALLOW)).findings[0].acknowledged).toBeUndefined();
  });

  test('only the first cause names the rule', () => {
    const twoCauses = { ...DENY_NO_IDENTITY_ALLOW, causes: [{ code: 'KMS_KEY_POLICY' as const, message: 'k' }, ...DENY_NO_IDENTITY_ALLOW.causes] };
    const index = acknowledgements(ack('App/Fn', 'WriteAccessChecker::NO_IDENTITY_ALLOW', 'second cause'));
    expect(index.apply(report(twoCauses)).findings[0].acknowledged).toBeUndefined();
  });

  test('a finding without causes is the UNRESOLVED rule', () => {
    const index = acknowledgements(ack('App/Fn', 'WriteAccessChecker::UNRESOLVED', 'known'));
    expect(index.apply(report(finding({ verdict: 'UNKNOWN' }))).findings[0].acknowledged).toEqual({ reason: 'known' });
  });

  test('ALLOW findings and findings already acknowledged are left as they are', () => {
    const index = acknowledgements(ack('App/Fn', 'WriteAccessChecker::UNRESOLVED', 'x'), ack('App/Fn', 'WriteAccessChecker::NO_IDENTITY_ALLOW', 'new'));
    const allow = finding();
    const already = { ...DENY_NO_IDENTITY_ALLOW, acknowledged: { reason: 'from the analysis' } };
    const out = index.apply(report(allow, already)).findings;
    expect(out[0]).toBe(allow);
    expect(out[1].acknowledged).toEqual({ reason: 'from the analysis' });
  });

  test('malformed metadata is ignored', () => {
    const index = acknowledgements('x', { '/A': 'y' }, { '/A': [{ type: 'aws:cdk:acknowledged-rules', data: 'z' }] });
    const r = report(DENY_NO_IDENTITY_ALLOW);
    expect(index.apply(r)).toBe(r);
  });

  test('the loader collects them from every stack\'s metadata file, nested assemblies included', () => {
    const dir = tempDir();
    writeJson(path.join(dir, 'manifest.json'), manifest({
      Nested: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod' } },
    }));
    writeJson(path.join(dir, 'assembly-Prod', 'manifest.json'), manifest({
      App: stackArtifact('App.template.json', { displayName: 'App', additionalMetadataFile: 'App.metadata.json' }),
    }));
    writeJson(path.join(dir, 'assembly-Prod', 'App.template.json'), template('App', 'Fn'));
    writeJson(path.join(dir, 'assembly-Prod', 'App.metadata.json'), ack('App/Fn', 'WriteAccessChecker::NO_IDENTITY_ALLOW', 'nested'));
    const { acknowledgements: index } = loadAssembly(dir);
    expect(index.apply(report(DENY_NO_IDENTITY_ALLOW)).findings[0].acknowledged).toEqual({ reason: 'nested' });
  });
});
