import { DENY_NO_IDENTITY_ALLOW, finding, report } from './support/fixtures';
import { sarifShapeProblems } from './support/sarif-shape';
import { CAUSE_CODES } from '../../src/analysis/report';
import { FINGERPRINT_KEY, SOURCE_ROOT_ID, SarifContext, buildSarif, formatSarif } from '../../src/cli/format/sarif';
import { CAUSE_RULES, UNEXPLAINED_RULE_ID } from '../../src/cli/format/sarif-rules';
import { resourceLocator } from '../../src/cli/locate';

/** A template as the CDK prints it: one-space indent, the function on line 8, its policy on line 14. */
const APP_TEMPLATE = [
  '{', // 1
  ' "Resources": {', // 2
  '  "Bucket": {', // 3
  '   "Type": "AWS::S3::Bucket",', // 4
  '   "Metadata": { "aws:cdk:path": "App/Bucket/Resource" },', // 5
  '   "Properties": { "Tags": [{ "Key": "Fn", "Value": "x" }] }', // 6
  '  },', // 7
  '  "Fn": {', // 8
  '   "Type": "AWS::Lambda::Function",', // 9
  '   "Metadata": { "aws:cdk:path": "App/Fn/Resource" },', // 10
  '   "Properties": { "Role": { "Fn::GetAtt": ["FnServiceRole", "Arn"] } },', // 11
  '   "DependsOn": ["FnServiceRoleDefaultPolicy"]', // 12
  '  },', // 13
  '  "FnServiceRoleDefaultPolicy": {', // 14
  '   "Type": "AWS::IAM::Policy",', // 15
  '   "Metadata": { "aws:cdk:path": "App/Fn/ServiceRole/DefaultPolicy/Resource" }', // 16
  '  }', // 17
  ' }', // 18
  '}', // 19
].join('\n');

const stacks = [{ artifactId: 'App', stackPath: 'App', stackName: 'App', templatePath: 'App.template.json', template: JSON.parse(APP_TEMPLATE) }];

const context: SarifContext = {
  toolVersion: '1.2.3',
  informationUri: 'https://github.com/cdk-secure-lambda-writer/cdk-secure-lambda-writer',
  sourceRootUri: 'file:///work/repo/',
  artifactUri: p => `cdk.out/${p}`,
  templateText: p => (p === 'App.template.json' ? APP_TEMPLATE : undefined),
  locate: resourceLocator(stacks),
};

function sarif(...findings: Parameters<typeof report>) {
  return buildSarif(report(...findings), context);
}

describe('SARIF', () => {
  test('the log has the schema, the version and one run whose driver names the tool', () => {
    const log = sarif();
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toMatchObject({
      name: 'cdk-secure-lambda-writer',
      version: '1.2.3',
      informationUri: 'https://github.com/cdk-secure-lambda-writer/cdk-secure-lambda-writer',
    });
    expect(log.runs[0].results).toEqual([]);
    expect(sarifShapeProblems(log)).toEqual([]);
  });

  test('template URIs are relative to a stated base, %SRCROOT%, which the run defines as an absolute file URI', () => {
    const log = sarif(DENY_NO_IDENTITY_ALLOW);
    expect(SOURCE_ROOT_ID).toBe('%SRCROOT%');
    expect(log.runs[0].originalUriBaseIds).toEqual({
      '%SRCROOT%': { uri: 'file:///work/repo/', description: { text: expect.stringMatching(/directory the check ran in/) } },
    });
    const [result] = log.runs[0].results;
    for (const location of [...result.locations, ...(result.relatedLocations ?? [])]) {
      expect(location.physicalLocation!.artifactLocation).toEqual({ uri: expect.stringMatching(/^cdk\.out\//), uriBaseId: '%SRCROOT%' });
    }
  });

  test('one rule per cause code, each with short and full description and help', () => {
    const rules = sarif().runs[0].tool.driver.rules;
    expect(rules.map(r => r.id)).toEqual([...CAUSE_CODES]);
    const bucketPolicy = rules.find(r => r.id === 'BUCKET_POLICY_DENY')!;
    expect(bucketPolicy.shortDescription.text).toBe(CAUSE_RULES.BUCKET_POLICY_DENY.short);
    expect(bucketPolicy.fullDescription.text).toBe(CAUSE_RULES.BUCKET_POLICY_DENY.full);
    expect(bucketPolicy.help.text).toBe(CAUSE_RULES.BUCKET_POLICY_DENY.help);
    expect(bucketPolicy.helpUri).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  test('a DENY is an error located at the deciding resource, with the function as related location', () => {
    const log = sarif(DENY_NO_IDENTITY_ALLOW);
    expect(sarifShapeProblems(log)).toEqual([]);
    const [result] = log.runs[0].results;
    expect(result.ruleId).toBe('NO_IDENTITY_ALLOW');
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('NO_IDENTITY_ALLOW');
    expect(result.level).toBe('error');
    expect(result.message.text).toBe('DENY: no policy of App/Fn/ServiceRole ' +
      'allows s3:PutObject on App/Bucket incoming/* Fix: bucket.grantPut(fn, "incoming/*")');
    expect(result.locations).toEqual([{
      physicalLocation: { artifactLocation: { uri: 'cdk.out/App.template.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 14 } },
      logicalLocations: [{ name: 'FnServiceRoleDefaultPolicy', fullyQualifiedName: 'App/Fn/ServiceRole/DefaultPolicy', kind: 'resource' }],
    }]);
    expect(result.relatedLocations).toEqual([{
      id: 1,
      physicalLocation: { artifactLocation: { uri: 'cdk.out/App.template.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 8 } },
      logicalLocations: [{ name: 'Fn', fullyQualifiedName: 'App/Fn', kind: 'resource' }],
      message: { text: 'the function App/Fn' },
    }]);
    expect(result.properties).toEqual({
      verdict: 'DENY',
      function: 'App/Fn',
      role: 'App/Fn/ServiceRole',
      bucket: 'App/Bucket',
      keyPattern: 'incoming/*',
      intent: 'declared',
      statement: '#0',
    });
  });

  test('CONDITIONAL and UNKNOWN are warnings; ALLOW is not listed', () => {
    const log = sarif(
      finding({ verdict: 'CONDITIONAL', causes: [{ code: 'REQUEST_CONDITION', message: 'needs the SSE header' }] }),
      finding({ verdict: 'UNKNOWN', causes: [{ code: 'UNRESOLVED', message: 'imported bucket policy' }] }),
      finding({ verdict: 'ALLOW' }),
    );
    expect(log.runs[0].results.map(r => [r.ruleId, r.level])).toEqual([['REQUEST_CONDITION', 'warning'], ['UNRESOLVED', 'warning']]);
    expect(sarifShapeProblems(log)).toEqual([]);
  });

  test('a finding with two causes gives two results; only the first carries the finding\'s fix', () => {
    const f = finding({
      verdict: 'DENY',
      fix: 'send the header',
      causes: [
        { code: 'BUCKET_POLICY_DENY', message: 'DenyUnencrypted denies', location: 'App/Bucket/Policy', statement: 'DenyUnencrypted' },
        { code: 'KMS_KEY_POLICY', message: 'key policy forgets the role' },
      ],
    });
    const results = sarif(f).runs[0].results;
    expect(results.map(r => r.ruleId)).toEqual(['BUCKET_POLICY_DENY', 'KMS_KEY_POLICY']);
    expect(results[0].message.text).toMatch(/Fix: send the header$/);
    expect(results[1].message.text).not.toContain('Fix:');
    expect(results[0].partialFingerprints[FINGERPRINT_KEY]).not.toBe(results[1].partialFingerprints[FINGERPRINT_KEY]);
  });

  test('without template and logical ID on the finding, the function is found by its construct path', () => {
    const f = finding({ verdict: 'DENY', causes: [{ code: 'SCP_DENY', message: 'root SCP denies' }] });
    const [result] = sarif(f).runs[0].results;
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'cdk.out/App.template.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 8 } });
    expect(result.locations[0].logicalLocations).toEqual([{ name: 'Fn', fullyQualifiedName: 'App/Fn', kind: 'resource' }]);
    expect(result.relatedLocations).toBeUndefined();
  });

  test('a function that cannot be found still gets a location (the manifest), so GitHub accepts the result', () => {
    const f = finding({ function: 'Gone/Fn', verdict: 'UNKNOWN', causes: [{ code: 'UNRESOLVED', message: '?' }] });
    const log = sarif(f);
    expect(log.runs[0].results[0].locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'cdk.out/manifest.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } },
      logicalLocations: [{ fullyQualifiedName: 'Gone/Fn', kind: 'resource' }],
    });
    expect(sarifShapeProblems(log)).toEqual([]);
  });

  test('an unreadable template gives line 1', () => {
    const f = finding({ verdict: 'DENY', templatePath: 'Other.template.json', logicalId: 'X', causes: [{ code: 'IDENTITY_DENY', message: 'd' }] });
    expect(sarif(f).runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'cdk.out/Other.template.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 },
    });
  });

  test('an acknowledged finding is reported as suppressed in source, with the reason', () => {
    const acknowledged = { ...DENY_NO_IDENTITY_ALLOW, acknowledged: { reason: 'the data team applies the policy' } };
    const [result] = sarif(acknowledged).runs[0].results;
    expect(result.suppressions).toEqual([{ kind: 'inSource', justification: 'the data team applies the policy' }]);
    expect(sarif(DENY_NO_IDENTITY_ALLOW).runs[0].results[0].suppressions).toBeUndefined();
  });

  test('a failing finding without causes is not dropped: it gets a rule of its own', () => {
    const log = sarif(finding({ verdict: 'DENY' }));
    const [result] = log.runs[0].results;
    expect(result.ruleId).toBe(UNEXPLAINED_RULE_ID);
    expect(result.message.text).toBe('DENY: App/Fn writing to App/Bucket (incoming/*) is not known to be allowed (no cause given)');
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe(UNEXPLAINED_RULE_ID);
    expect(sarifShapeProblems(log)).toEqual([]);
  });

  test('fingerprints are stable across runs and differ between findings', () => {
    const a = sarif(DENY_NO_IDENTITY_ALLOW).runs[0].results[0].partialFingerprints[FINGERPRINT_KEY];
    const again = sarif(DENY_NO_IDENTITY_ALLOW).runs[0].results[0].partialFingerprints[FINGERPRINT_KEY];
    const other = sarif({ ...DENY_NO_IDENTITY_ALLOW, keyPattern: 'other/*' }).runs[0].results[0].partialFingerprints[FINGERPRINT_KEY];
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(again).toBe(a);
    expect(other).not.toBe(a);
  });

  test('formatSarif prints the same log as JSON', () => {
    expect(JSON.parse(formatSarif(report(DENY_NO_IDENTITY_ALLOW), context).join(''))).toEqual(JSON.parse(JSON.stringify(sarif(DENY_NO_IDENTITY_ALLOW))));
  });
});

describe('the SARIF shape check used by these tests', () => {
  test('it catches a wrong ruleIndex, a bad level, an absolute URI and a missing startLine', () => {
    const log = JSON.parse(JSON.stringify(sarif(DENY_NO_IDENTITY_ALLOW)));
    const result = log.runs[0].results[0];
    result.ruleIndex = 0 + 1;
    result.level = 'fatal';
    result.locations[0].physicalLocation.artifactLocation.uri = '/abs/App.template.json';
    delete result.locations[0].physicalLocation.region.startLine;
    expect(sarifShapeProblems(log)).toEqual([
      'runs[0].results[0].ruleIndex: does not point at rule NO_IDENTITY_ALLOW',
      'runs[0].results[0].level: invalid fatal',
      'runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri: not relative: /abs/App.template.json',
      'runs[0].results[0].locations[0].physicalLocation.region.startLine: must be an integer >= 1',
    ]);
  });

  test('it catches a relative URI without a base, and a base the run does not define as an absolute directory URI', () => {
    const log = JSON.parse(JSON.stringify(sarif(DENY_NO_IDENTITY_ALLOW)));
    delete log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uriBaseId;
    log.runs[0].results[0].relatedLocations[0].physicalLocation.artifactLocation.uriBaseId = 'ELSEWHERE';
    expect(sarifShapeProblems(log)).toEqual([
      'runs[0].results[0].locations[0].physicalLocation.artifactLocation.uriBaseId: missing for the relative URI cdk.out/App.template.json',
      'runs[0].results[0].relatedLocations[0].physicalLocation.artifactLocation.uriBaseId: ELSEWHERE is not in runs[0].originalUriBaseIds',
    ]);
    log.runs[0].originalUriBaseIds['%SRCROOT%'].uri = 'repo/';
    expect(sarifShapeProblems(log)).toContain('runs[0].originalUriBaseIds.%SRCROOT%.uri: not an absolute URI ending in /: repo/');
  });

  test('it catches a missing driver name, duplicate rules and a wrong version', () => {
    const log = JSON.parse(JSON.stringify(sarif()));
    log.version = '2.0.0';
    delete log.runs[0].tool.driver.name;
    log.runs[0].tool.driver.rules.push({ ...log.runs[0].tool.driver.rules[0] });
    expect(sarifShapeProblems(log)).toEqual([
      'version: expected "2.1.0", got "2.0.0"',
      'runs[0].tool.driver.name: missing',
      `runs[0].tool.driver.rules[${CAUSE_CODES.length}]: duplicate id NO_IDENTITY_ALLOW`,
    ]);
  });
});
