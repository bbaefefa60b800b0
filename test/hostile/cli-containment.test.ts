import * as fs from 'fs';
import * as path from 'path';
import {
  CANARY, HostileCase, errorLines, hostileCase, manifest, nestedAssemblyArtifact, nestedStackResource, openedOutside,
  removeHostileCases, runRecorded, stackArtifact, templateWithBucket, writeJson,
} from './support/cli-hostile';

/**
 * Issue #10, item 2: the command line followed every path a manifest names — `templateFile: "../…"`, a nested
 * assembly `directoryName: "../other"`, `additionalMetadataFile`, a nested stack's asset path, symbolic links — and
 * its errors quoted the start of what it read (`/etc/passwd is not valid JSON (… "root:x:0:0" …)`). Now every path
 * must stay inside the real assembly directory, and no error quotes a file.
 */

afterAll(removeHostileCases);

/** Exit 2, one line that names the refusal, nothing outside opened, the canary nowhere. */
function expectRefused(c: HostileCase, args: string[] = []) {
  const result = runRecorded(['check', c.assembly, ...args]);
  expect(openedOutside(result, c.assembly)).toEqual([]);
  expect(result.stdout + result.stderr).not.toContain(CANARY);
  expect(result.code).toBe(2);
  expect(errorLines(result.stderr)).toEqual([expect.stringMatching(/^cdk-secure-lambda-writer: .*leads outside the assembly directory .*: refused/)]);
  return result;
}

function stackNaming(c: HostileCase, templateFile: string, extra: Record<string, unknown> = {}) {
  writeJson(path.join(c.assembly, 'manifest.json'), manifest({ App: stackArtifact(templateFile, extra) }));
}

describe('paths in the manifest that lead outside the assembly are refused, and nothing outside is opened', () => {
  test('templateFile "../outside.template.json"', () => {
    const c = hostileCase();
    stackNaming(c, '../outside.template.json');
    const { stderr } = expectRefused(c);
    expect(stderr).toContain('"../outside.template.json" (template of stack App)');
  });

  test('templateFile pointing at a file that is not JSON (the /etc/passwd case): no content in the message', () => {
    const c = hostileCase();
    stackNaming(c, '../passwd');
    expectRefused(c);
  });

  test('a nested assembly with directoryName "../other"', () => {
    const c = hostileCase();
    writeJson(path.join(c.assembly, 'manifest.json'), manifest({ Other: nestedAssemblyArtifact('../other') }));
    const { stderr } = expectRefused(c);
    expect(stderr).toContain('"../other" (nested assembly "Other" of manifest.json)');
  });

  test('additionalMetadataFile "../outside.template.json" (metadata is read too, and may carry acknowledgements)', () => {
    const c = hostileCase();
    stackNaming(c, 'App.template.json', { additionalMetadataFile: '../outside.template.json' });
    writeJson(path.join(c.assembly, 'App.template.json'), templateWithBucket('App'));
    expectRefused(c);
  });

  test('a nested stack whose asset path is "../outside.template.json"', () => {
    const c = hostileCase();
    stackNaming(c, 'App.template.json');
    writeJson(path.join(c.assembly, 'App.template.json'), { Resources: { Child: nestedStackResource('../outside.template.json') } });
    expectRefused(c);
  });

  test('a "../" hidden after a line feed in the path', () => {
    const c = hostileCase();
    // In a nested assembly, whose paths are joined to its directory; the directory `x\n` exists, so the operating
    // system would resolve the path through it and up out of the assembly.
    writeJson(path.join(c.assembly, 'manifest.json'), manifest({ Sub: nestedAssemblyArtifact('sub') }));
    writeJson(path.join(c.assembly, 'sub', 'manifest.json'), manifest({ App: stackArtifact('x\n/../../../outside.template.json') }));
    fs.mkdirSync(path.join(c.assembly, 'sub', 'x\n'));
    expectRefused(c);
  });

  test('an absolute templateFile is taken under the assembly directory, as the CDK joins it, never from the root', () => {
    const c = hostileCase();
    stackNaming(c, c.outsideTemplate);
    const result = runRecorded(['check', c.assembly]);
    expect(openedOutside(result, c.assembly)).toEqual([]);
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual([expect.stringMatching(/ not found \(template of stack App\)/)]);
  });
});

describe('symbolic links are followed only while they stay inside', () => {
  test('a template that is a link to a file outside', () => {
    const c = hostileCase();
    stackNaming(c, 'App.template.json');
    fs.symlinkSync(c.outsideTemplate, path.join(c.assembly, 'App.template.json'));
    expectRefused(c);
  });

  test('a template that is a link to /etc/passwd', () => {
    const c = hostileCase();
    stackNaming(c, 'App.template.json');
    fs.symlinkSync('/etc/passwd', path.join(c.assembly, 'App.template.json'));
    const result = runRecorded(['check', c.assembly]);
    expect(result.opened.filter(f => f.startsWith('/etc/'))).toEqual([]);
    expect(result.stderr).not.toMatch(/root:/);
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toHaveLength(1);
  });

  test('a nested assembly directory that is a link to a directory outside', () => {
    const c = hostileCase();
    writeJson(path.join(c.assembly, 'manifest.json'), manifest({ Linked: nestedAssemblyArtifact('linked') }));
    fs.symlinkSync(c.outsideAssembly, path.join(c.assembly, 'linked'));
    expectRefused(c);
  });

  test('the manifest itself as a link to a manifest outside', () => {
    const c = hostileCase();
    fs.symlinkSync(path.join(c.outsideAssembly, 'manifest.json'), path.join(c.assembly, 'manifest.json'));
    expectRefused(c);
  });

  test('links that stay inside are fine, and the assembly directory itself may be a link', () => {
    const c = hostileCase();
    stackNaming(c, 'App.template.json');
    writeJson(path.join(c.assembly, 'templates', 'real.template.json'), templateWithBucket('App'));
    fs.symlinkSync(path.join('templates', 'real.template.json'), path.join(c.assembly, 'App.template.json'));
    const linkedAssembly = path.join(c.dir, 'linked.out');
    fs.symlinkSync(c.assembly, linkedAssembly);
    for (const given of [c.assembly, linkedAssembly]) {
      const result = runRecorded(['check', given]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/checked in 1 stack/);
    }
  });
});

describe('errors never quote the file they are about', () => {
  test('a template that is not JSON: where (line and column) and what kind, none of its text', () => {
    const c = hostileCase();
    stackNaming(c, 'App.template.json');
    fs.writeFileSync(path.join(c.assembly, 'App.template.json'), `${CANARY}:/root:/bin/bash\n`);
    const result = runRecorded(['check', c.assembly]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('root');
    expect(result.stderr).toBe(`cdk-secure-lambda-writer: ${path.join(c.assembly, 'App.template.json')} is not valid JSON ` +
      '(template of stack App: syntax error): the assembly is incomplete or corrupt: run `cdk synth` again\n');
  });

  test('a manifest broken mid-way gives the line and column of the error', () => {
    const c = hostileCase();
    fs.writeFileSync(path.join(c.assembly, 'manifest.json'), `{\n  "version": "55.0.0",\n  "${CANARY}" 1\n}`);
    const result = runRecorded(['check', c.assembly]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain(CANARY);
    expect(result.stderr).toContain('is not valid JSON (the cloud assembly manifest: syntax error at line 3, column ');
  });

  test('an option file that is not JSON (--scp), and a policy string inside CLI output that is not JSON', () => {
    const c = hostileCase();
    writeJson(path.join(c.assembly, 'manifest.json'), manifest({}));
    const scp = runRecorded(['check', c.assembly, '--scp', c.outsideText]);
    expect(scp.code).toBe(2);
    expect(scp.stderr).not.toContain(CANARY);
    expect(scp.stderr).toMatch(/passwd is not valid JSON \(the policies given with --scp: syntax error\)/);
    const wrapped = path.join(c.dir, 'bucket-policy.json');
    writeJson(wrapped, { Policy: `{"Statement": "${CANARY}` });
    const policy = runRecorded(['check', c.assembly, '--bucket-policy', `b=${wrapped}`]);
    expect(policy.code).toBe(2);
    expect(policy.stderr).not.toContain(CANARY);
    expect(policy.stderr).toMatch(/the policy inside is not valid JSON \(syntax error at line 1, column \d+\)/);
  });
});
