import { buildAssemblyIndex } from '../../../src/analysis/cfn/assembly-index';
import { nestedStackTemplate } from '../../../src/analysis/cfn/nested-stack-input';
import { AssemblyResolver } from '../../../src/analysis/cfn/resolve';
import { StackTemplate } from '../../../src/analysis/input';
import { atom, isSymbolic } from '../../../src/iam/symbolic';
import {
  analyze, ACCOUNT, bucket, bucketPolicy, codes, declared, fn, grantPut, identityPolicy, Json, only, REGION, resource, role,
  stack, statement,
} from '../support/app';

// CloudFormation User Guide, AWS::CloudFormation::Stack: "Parameters — the set of value pairs that represent the
// parameters passed to CloudFormation when this nested stack is created"; "Fn::GetAtt … Outputs.NestedStackOutputName
// returns the output value from the specified nested stack". CDK's NestedStack passes every reference across the
// boundary that way: a parent value becomes a nested parameter `referenceto<Parent><Logical><Attr>`, a nested value
// an output the parent reads with `Fn::GetAtt [<Nested>NestedStackResource…, Outputs.<Name>]`.

const gen = (id: string) => atom('generated', id);

/** The parent's AWS::CloudFormation::Stack resource, as CDK writes it. */
function nestedStackResource(child: string, parameters: Json = {}, extra: Json = {}): Json {
  return resource('AWS::CloudFormation::Stack', {
    TemplateURL: 'https://s3.eu-west-1.amazonaws.com/cdk-assets/abc.json',
    Parameters: parameters,
  }, `Stack/${child}.NestedStack/${child}.NestedStackResource`, extra);
}

/** A nested template deployed by `parent`'s resource `logicalId` (the front ends build it with the same helper). */
function nested(parent: StackTemplate, logicalId: string, template: Json, stackPath = `Stack/${logicalId}`): StackTemplate {
  return nestedStackTemplate(parent, logicalId, { templatePath: `Stack${logicalId}.nested.template.json`, template, stackPath });
}

const stringParameters = (...names: string[]): Json => Object.fromEntries(names.map((n) => [n, { Type: 'String' }]));

function resolvers(stacks: StackTemplate[]) {
  const index = buildAssemblyIndex({ stacks });
  const assembly = new AssemblyResolver(index, {});
  return { index, of: (i: number) => assembly.forStack(index.stacks[i]) };
}

describe('values across the nested-stack boundary (symbolic evaluation)', () => {
  const parent = stack({
    Bucket: bucket(),
    Role: role({ RoleName: 'writer-role' }),
    Child: nestedStackResource('Child', {
      referencetoStackBucketArn: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
      referencetoStackRoleRef: { Ref: 'Role' },
      Prefixes: 'a/,b/',
      Gone: { Ref: 'AWS::NoValue' },
      SsmName: '/my/parameter',
    }),
  }, { extra: { Outputs: {} } });
  const child = nested(parent, 'Child', {
    Parameters: {
      ...stringParameters('referencetoStackBucketArn', 'referencetoStackRoleRef', 'Gone', 'NotPassed'),
      Prefixes: { Type: 'CommaDelimitedList' },
      SsmName: { Type: 'AWS::SSM::Parameter::Value<String>' },
    },
    Resources: { Inner: bucket({}, 'Stack/Child/Inner/Resource') },
    Outputs: {
      InnerArn: { Value: { 'Fn::GetAtt': ['Inner', 'Arn'] } },
      Echo: { Value: { 'Fn::Join': ['', [{ Ref: 'referencetoStackBucketArn' }, '/x']] } },
    },
  });
  const { of } = resolvers([parent, child]);

  test('a Ref to a parameter the parent passes is the parent\'s value, resolved in the parent', () => {
    expect(of(1).resolve({ Ref: 'referencetoStackBucketArn' })).toBe(`arn:aws:s3:::${gen('Stack/Bucket.Ref')}`);
    expect(of(1).resolve({ Ref: 'referencetoStackRoleRef' })).toBe('writer-role');
    expect(of(1).resolve({ 'Fn::Sub': '${referencetoStackBucketArn}/*' })).toBe(`arn:aws:s3:::${gen('Stack/Bucket.Ref')}/*`);
  });

  test('a parameter the parent does not pass (or passes as AWS::NoValue) stays opaque, as a top-level parameter does', () => {
    expect(of(1).resolve({ Ref: 'NotPassed' })).toBe(atom('opaque', 'parameter Stack-Child.NotPassed'));
    expect(of(1).resolve({ Ref: 'Gone' })).toBe(atom('opaque', 'parameter Stack-Child.Gone'));
  });

  test('an SSM-typed parameter is the parameter store value, not the name passed: opaque', () => {
    expect(of(1).resolve({ Ref: 'SsmName' })).toBe(atom('opaque', 'parameter Stack-Child.SsmName'));
  });

  test('a list parameter is the comma-delimited string it is passed, split', () => {
    expect(of(1).resolve({ Ref: 'Prefixes' })).toEqual(['a/', 'b/']);
  });

  test('Fn::GetAtt [Nested, Outputs.X] in the parent is output X resolved in the nested stack', () => {
    expect(of(0).resolve({ 'Fn::GetAtt': ['Child', 'Outputs.InnerArn'] })).toBe(`arn:aws:s3:::${gen('Stack/Child/Inner.Ref')}`);
    expect(of(0).resolve({ 'Fn::Sub': '${Child.Outputs.InnerArn}/*' })).toBe(`arn:aws:s3:::${gen('Stack/Child/Inner.Ref')}/*`);
    // …and an output built from a parameter goes back to the parent for it.
    expect(of(0).resolve({ 'Fn::GetAtt': ['Child', 'Outputs.Echo'] })).toBe(`arn:aws:s3:::${gen('Stack/Bucket.Ref')}/x`);
  });

  test('an output the nested template does not have stays an opaque data value, as without the nested template', () => {
    expect(of(0).resolve({ 'Fn::GetAtt': ['Child', 'Outputs.Missing'] })).toBe(atom('opaque', 'Stack/Child.Outputs.Missing'));
    const alone = resolvers([parent]);
    expect(alone.of(0).resolve({ 'Fn::GetAtt': ['Child', 'Outputs.InnerArn'] })).toBe(atom('opaque', 'Stack/Child.Outputs.InnerArn'));
  });

  test('a nested stack has its parent\'s account and region, but CloudFormation picks its name', () => {
    expect(child).toMatchObject({ artifactId: 'Stack/Child', account: ACCOUNT, region: REGION, nestedIn: { artifactId: 'Stack', logicalId: 'Child' } });
    expect(of(1).resolve({ Ref: 'AWS::AccountId' })).toBe(ACCOUNT);
    expect(of(1).resolve({ Ref: 'AWS::StackName' })).toBe(atom('opaque', 'AWS::StackName of Stack-Child'));
    expect(of(0).resolve({ Ref: 'AWS::StackName' })).toBe('Stack');
  });
});

describe('nested stacks that nest further, and siblings', () => {
  // Stack → Middle → Inner; Sibling reads Middle's output through the parent.
  const root = stack({
    Bucket: bucket(),
    Middle: nestedStackResource('Middle', { referencetoStackBucketArn: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }),
    Sibling: nestedStackResource('Sibling', { MiddleInnerArn: { 'Fn::GetAtt': ['Middle', 'Outputs.InnerArn'] } }),
  });
  const middle = nested(root, 'Middle', {
    Parameters: stringParameters('referencetoStackBucketArn'),
    Resources: { Inner: nestedStackResource('Inner', { referencetoStackBucketArn: { Ref: 'referencetoStackBucketArn' } }) },
    Outputs: { InnerArn: { Value: { 'Fn::GetAtt': ['Inner', 'Outputs.OwnArn'] } } },
  });
  const inner = nested(middle, 'Inner', {
    Parameters: stringParameters('referencetoStackBucketArn'),
    Resources: { Own: bucket({ BucketName: 'inner-bucket' }, 'Stack/Middle/Inner/Own/Resource') },
    Outputs: { OwnArn: { Value: { 'Fn::GetAtt': ['Own', 'Arn'] } } },
  }, 'Stack/Middle/Inner');
  const sibling = nested(root, 'Sibling', { Parameters: stringParameters('MiddleInnerArn'), Resources: {} });
  const { index, of } = resolvers([root, middle, inner, sibling]);

  test('a parameter passed down two levels resolves at the top', () => {
    expect(inner.artifactId).toBe('Stack/Middle/Inner');
    expect(of(2).resolve({ Ref: 'referencetoStackBucketArn' })).toBe(`arn:aws:s3:::${gen('Stack/Bucket.Ref')}`);
  });

  test('an output read up two levels resolves at the bottom, and a sibling receives it through the parent', () => {
    expect(of(0).resolve({ 'Fn::GetAtt': ['Middle', 'Outputs.InnerArn'] })).toBe('arn:aws:s3:::inner-bucket');
    expect(of(3).resolve({ Ref: 'MiddleInnerArn' })).toBe('arn:aws:s3:::inner-bucket');
  });

  test('the index links each nested stack to the resource that deploys it, and back', () => {
    expect(index.problems).toEqual([]);
    const innerStack = index.stacks[2];
    expect(index.parentResourceOf(innerStack)?.logicalId).toBe('Inner');
    expect(index.parentResourceOf(innerStack)?.stack.artifactId).toBe('Stack/Middle');
    expect(index.nestedStackOf(index.parentResourceOf(innerStack)!)).toBe(innerStack);
    expect(index.parentResourceOf(index.stacks[0])).toBeUndefined();
  });
});

describe('a nested stack is deployed where its parent resource is', () => {
  test('the parent resource\'s Condition false: the nested resources are not deployed; true or no condition: deployed', () => {
    for (const [holds, expected] of [['false', 'false'], ['true', 'true']]) {
      const parent = stack({ Child: nestedStackResource('Child', {}, { Condition: 'Enabled' }) }, {
        extra: { Conditions: { Enabled: { 'Fn::Equals': [holds, 'true'] } } },
      });
      const child = nested(parent, 'Child', { Resources: { Inner: bucket() } });
      const { index, of } = resolvers([parent, child]);
      expect(of(1).deployed(index.resource(index.stacks[1], 'Inner')!)).toBe(expected);
    }
  });
});

describe('hostile nesting never loops or throws', () => {
  test('an output that needs itself through the parent is opaque, naming the cycle', () => {
    const parent = stack({ Child: nestedStackResource('Child', { Loop: { 'Fn::GetAtt': ['Child', 'Outputs.Out'] } }) });
    const child = nested(parent, 'Child', {
      Parameters: stringParameters('Loop'),
      Resources: {},
      Outputs: { Out: { Value: { 'Fn::Join': ['', [{ Ref: 'Loop' }, { Ref: 'Loop' }]] } } },
    });
    const { of } = resolvers([parent, child]);
    const value = of(0).resolve({ 'Fn::GetAtt': ['Child', 'Outputs.Out'] });
    expect(typeof value === 'string' && isSymbolic(value)).toBe(true);
    expect(String(value)).toContain('a reference cycle between nested stacks');
  });

  test('links to a missing parent, a resource that is not a stack, a taken resource or back to itself are ignored, said in problems', () => {
    const parent = stack({ Child: nestedStackResource('Child', { P: 'passed' }), Bucket: bucket() });
    const template = { Parameters: stringParameters('P'), Resources: { Self: nestedStackResource('Self', { P: 'x' }) } };
    const first = nested(parent, 'Child', template);
    const hostile: StackTemplate[] = [
      { ...first, artifactId: 'Orphan', nestedIn: { artifactId: 'Nowhere', logicalId: 'Child' } },
      { ...first, artifactId: 'OnABucket', nestedIn: { artifactId: 'Stack', logicalId: 'Bucket' } },
      { ...first, artifactId: 'Second' },
      { ...first, artifactId: 'Loop', nestedIn: { artifactId: 'Loop', logicalId: 'Self' } },
      { ...first, artifactId: 'Garbage', nestedIn: 'nonsense' as never },
    ];
    const { index, of } = resolvers([parent, first, ...hostile]);
    expect(index.problems).toHaveLength(5);
    expect(index.problems.join('\n')).toMatch(/Orphan.*not a stack of the assembly/);
    expect(index.problems.join('\n')).toMatch(/OnABucket.*Bucket is not an AWS::CloudFormation::Stack/);
    expect(index.problems.join('\n')).toMatch(/Second.*already deploys Stack\/Child/);
    expect(index.problems.join('\n')).toMatch(/Loop.*lead back to itself/);
    // The first claim holds; the others keep an unresolved parameter.
    expect(of(1).resolve({ Ref: 'P' })).toBe('passed');
    for (let i = 2; i < 7; i++) {
      expect(String(of(i).resolve({ Ref: 'P' }))).toContain('parameter Stack-Child.P');
      expect(of(i).deployed(index.resource(index.stacks[i], 'Self')!)).toBe('true');
    }
  });

  test('two nested stacks that each deploy the other (a loop of parents) are refused', () => {
    const a: StackTemplate = { ...stack({ B: nestedStackResource('B') }), artifactId: 'A', nestedIn: { artifactId: 'B', logicalId: 'A' } };
    const b: StackTemplate = { ...stack({ A: nestedStackResource('A') }), artifactId: 'B', nestedIn: { artifactId: 'A', logicalId: 'B' } };
    const { index, of } = resolvers([a, b]);
    expect(index.problems.join('\n')).toContain('lead back to itself');
    expect(of(0).deployed(index.resource(index.stacks[0], 'B')!)).toBe('true');
  });
});

// The three app repros of test/scenarios/nested-stacks/nested-stacks.test.ts, at template level, each both ways.
describe('findings across nested stacks', () => {
  const roleParameter = 'referencetoStackFnServiceRoleRef';
  const bucketParameter = 'referencetoStackBucketArn';
  const bucketObjects = { 'Fn::Join': ['', [{ Ref: bucketParameter }, '/*']] };

  test('a policy in a nested stack attached to the parent\'s role allows the declared write: ALLOW, not NO_IDENTITY_ALLOW', () => {
    const parent = stack({
      Fn: fn('FnRole', {}, [declared({}, 'incoming/')]),
      FnRole: role(),
      Bucket: bucket(),
      Permissions: nestedStackResource('Permissions', { [roleParameter]: { Ref: 'FnRole' }, [bucketParameter]: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }),
    });
    const permissions = (statements: Json[]) => nested(parent, 'Permissions', {
      Parameters: stringParameters(roleParameter, bucketParameter),
      Resources: { WriterPolicy: identityPolicy(statements, [{ Ref: roleParameter }], 'Stack/Permissions/WriterPolicy/Resource') },
    });
    expect(only(analyze([parent, permissions([statement('Allow', 's3:PutObject', bucketObjects)])])).verdict).toBe('ALLOW');
    // The cause back: the nested policy grants something else, and nothing else grants the write.
    const denied = only(analyze([parent, permissions([statement('Allow', 's3:GetObject', bucketObjects)])]));
    expect(denied.verdict).toBe('DENY');
    expect(codes(denied)).toEqual(['NO_IDENTITY_ALLOW']);
  });

  test('a function in a nested stack granted the parent\'s bucket is found, ALLOW; the bucket\'s Deny makes it DENY', () => {
    const parent = (statements: Json[]) => stack({
      Bucket: bucket(),
      ...(statements.length ? { BucketPolicy: bucketPolicy(statements) } : {}),
      Compute: nestedStackResource('Compute', { [bucketParameter]: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }),
    });
    const compute = (p: StackTemplate) => nested(p, 'Compute', {
      Parameters: stringParameters(bucketParameter),
      Resources: {
        Fn: { ...fn(), Metadata: { 'aws:cdk:path': 'Stack/Compute/Fn/Resource' } },
        FnRole: role({}, 'Stack/Compute/Fn/ServiceRole/Resource'),
        FnPolicy: identityPolicy([{ ...grantPut(), Resource: bucketObjects }], [{ Ref: 'FnRole' }], 'Stack/Compute/Fn/ServiceRole/DefaultPolicy/Resource'),
      },
    });
    const allowParent = parent([]);
    const allowed = only(analyze([allowParent, compute(allowParent)]));
    expect(allowed).toMatchObject({ function: 'Stack/Compute/Fn', role: 'Stack/Compute/Fn/ServiceRole', bucket: 'Stack/Bucket', verdict: 'ALLOW' });
    expect(allowed.templatePath).toBe('StackCompute.nested.template.json');

    const denyParent = parent([statement('Deny', 's3:PutObject', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] }, { Principal: '*' })]);
    const denied = only(analyze([denyParent, compute(denyParent)]));
    expect(denied.verdict).toBe('DENY');
    expect(codes(denied)).toEqual(['BUCKET_POLICY_DENY']);
  });

  test('a bucket in a nested stack with an explicit Deny, the function in the parent: DENY; without the Deny: ALLOW', () => {
    const output = 'StackDataBucketArn';
    const parent = stack({
      Fn: fn(),
      FnRole: role(),
      FnPolicy: identityPolicy([{ ...grantPut(), Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Data', `Outputs.${output}`] }, '/*']] } }]),
      Data: nestedStackResource('Data'),
    });
    const data = (withDeny: boolean) => nested(parent, 'Data', {
      Resources: {
        Bucket: bucket({}, 'Stack/Data/Bucket/Resource'),
        ...(withDeny ? {
          BucketPolicy: bucketPolicy([statement('Deny', 's3:PutObject', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] }, { Principal: '*', Sid: 'NoWrites' })],
            'Bucket', 'Stack/Data/Bucket/Policy/Resource'),
        } : {}),
      },
      Outputs: { [output]: { Value: { 'Fn::GetAtt': ['Bucket', 'Arn'] } } },
    });
    const denied = only(analyze([parent, data(true)]));
    expect(denied).toMatchObject({ function: 'Stack/Fn', bucket: 'Stack/Data/Bucket', verdict: 'DENY' });
    expect(codes(denied)).toEqual(['BUCKET_POLICY_DENY']);
    expect(denied.causes[0]).toMatchObject({ location: 'Stack/Data/Bucket/Policy', statement: 'NoWrites', templatePath: 'StackData.nested.template.json' });

    expect(only(analyze([parent, data(false)]))).toMatchObject({ bucket: 'Stack/Data/Bucket', verdict: 'ALLOW' });
  });
});
