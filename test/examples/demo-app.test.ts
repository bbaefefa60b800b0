import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildDemoApp } from '../../examples/demo-app';

// The README's main command synthesizes this app with the real cdk CLI (examples/demo.sh); this test pins, in
// process, what each story must produce, so the demo cannot silently stop demonstrating anything.

function synth(fixed: boolean) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-app-'));
  const app = new App({ outdir });
  const checker = buildDemoApp(app, fixed);
  let error: unknown;
  try {
    app.synth();
  } catch (e) {
    error = e;
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  const byFunction = Object.fromEntries(checker.findings.map((f) => [f.function, f]));
  return { error, byFunction };
}

describe('the demo app', () => {
  test('each broken story is DENIED for its own cause, and synth fails', () => {
    const { error, byFunction } = synth(false);
    expect(String(error)).toContain('WriteAccessChecker');
    const verdictAndFirstCode = (fn: string) => [byFunction[fn]?.verdict, byFunction[fn]?.causes[0]?.code];
    expect(verdictAndFirstCode('BrokenEncryptionHeader/Ingest')).toEqual(['DENY', 'REQUEST_CONDITION']);
    expect(verdictAndFirstCode('BrokenKeyPolicy/Ingest')).toEqual(['DENY', 'KMS_KEY_POLICY']);
    expect(verdictAndFirstCode('BrokenAcl/Publish')).toEqual(['DENY', 'ACL_NOT_SUPPORTED']);
    expect(verdictAndFirstCode('BrokenReadOnlyRole/Process')).toEqual(['DENY', 'NO_IDENTITY_ALLOW']);
  });

  test('every fixed twin, and the SecureLambdaWriter, is ALLOWed and synth passes', () => {
    const { error, byFunction } = synth(true);
    expect(error).toBeUndefined();
    const verdicts = Object.fromEntries(Object.entries(byFunction).map(([fn, f]) => [fn, f.verdict]));
    expect(verdicts).toEqual({
      'FixedEncryptionHeader/Ingest': 'ALLOW',
      'FixedKeyPolicy/Ingest': 'ALLOW',
      'FixedAcl/Publish': 'ALLOW',
      'FixedReadOnlyRole/Process': 'ALLOW',
      'SecureWriter/Ingest/Function': 'ALLOW',
    });
  });
});
