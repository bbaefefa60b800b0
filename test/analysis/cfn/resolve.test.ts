import { buildAssemblyIndex } from '../../../src/analysis/cfn/assembly-index';
import { AGNOSTIC_ACCOUNT, AGNOSTIC_REGION } from '../../../src/analysis/cfn/pseudo-parameters';
import { AssemblyResolver, StackResolver } from '../../../src/analysis/cfn/resolve';
import { StackTemplate } from '../../../src/analysis/input';
import { atom, isSymbolic, parseSymbolic } from '../../../src/iam/symbolic';

// CloudFormation User Guide, "Intrinsic function reference" and "Pseudo parameters reference".

function stackOf(template: unknown, opts: Partial<StackTemplate> = {}): StackTemplate {
  return { artifactId: 'S', stackName: 'S', templatePath: 'S.template.json', account: '111111111111', region: 'eu-west-1', template, ...opts };
}

function resolverFor(stacks: StackTemplate[], env = {}) {
  const index = buildAssemblyIndex({ stacks });
  const assembly = new AssemblyResolver(index, env);
  return (i = 0) => assembly.forStack(index.stacks[i]);
}

const resources = {
  Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
  Named: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'my-bucket' } },
  Role: { Type: 'AWS::IAM::Role', Properties: { Path: '/service/' } },
  Key: { Type: 'AWS::KMS::Key', Properties: {} },
  Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'fn' } },
  Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
  Custom: { Type: 'Custom::ExportsReader', Properties: {} },
  Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'arn:aws:s3:::my-bucket' } },
};

const gen = (id: string) => atom('generated', id);

describe('Ref and Fn::GetAtt', () => {
  const r = resolverFor([stackOf({ Resources: resources, Parameters: { Env: { Type: 'String', Default: 'dev' } } })])();

  test('a bucket without BucketName is a generated atom; with one, the literal name', () => {
    expect(r.resolve({ Ref: 'Bucket' })).toBe(gen('S/Bucket.Ref'));
    expect(r.resolve({ Ref: 'Named' })).toBe('my-bucket');
  });

  test('GetAtt builds real ARN shapes that compare with literal ARNs', () => {
    expect(r.resolve({ 'Fn::GetAtt': ['Named', 'Arn'] })).toBe('arn:aws:s3:::my-bucket');
    expect(r.resolve({ 'Fn::GetAtt': 'Bucket.Arn' })).toBe(`arn:aws:s3:::${gen('S/Bucket.Ref')}`);
    expect(r.resolve({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe(`arn:aws:iam::111111111111:role/service/${gen('S/Role.Ref')}`);
    expect(r.resolve({ 'Fn::GetAtt': ['Key', 'Arn'] })).toBe(`arn:aws:kms:eu-west-1:111111111111:key/${gen('S/Key.Ref')}`);
    expect(r.resolve({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe('arn:aws:lambda:eu-west-1:111111111111:function:fn');
    expect(r.resolve({ 'Fn::GetAtt': ['Named', 'RegionalDomainName'] })).toBe('my-bucket.s3.eu-west-1.amazonaws.com');
  });

  test('an attribute we do not model is opaque, not a generated name: it may be an ARN or data', () => {
    expect(r.resolve({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toBe(atom('opaque', 'S/Queue.Arn'));
  });

  test('custom resources return data: their Ref and attributes are opaque (CDK cross-region references read ARNs so)', () => {
    expect(r.resolve({ Ref: 'Custom' })).toBe(atom('opaque', 'S/Custom.Ref'));
    expect(r.resolve({ 'Fn::GetAtt': ['Custom', '/cdk/exports/S/BucketArn'] })).toBe(atom('opaque', 'S/Custom./cdk/exports/S/BucketArn'));
  });

  test('an SSM parameter\'s Value is its Value property', () => {
    expect(r.resolve({ 'Fn::GetAtt': ['Param', 'Value'] })).toBe('arn:aws:s3:::my-bucket');
  });

  test('parameters are opaque; equal references are equal', () => {
    const a = r.resolve({ Ref: 'Env' }) as string;
    expect(parseSymbolic(a)).toEqual([{ atom: { kind: 'opaque', id: 'parameter S.Env' } }]);
    expect(r.resolve({ Ref: 'Env' })).toBe(a);
  });

  test('a Ref to a missing resource is opaque and says so', () => {
    const v = r.resolve({ Ref: 'Nope' }) as string;
    expect(v).toContain('Nope');
    expect(parseSymbolic(v)[0]).toMatchObject({ atom: { kind: 'opaque' } });
  });
});

describe('string intrinsics', () => {
  const r = resolverFor([stackOf({
    Resources: resources,
    Mappings: { Envs: { dev: { Prefix: 'd-' } } },
  })])();

  test('Fn::Join', () => {
    expect(r.resolve({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'Named' }, '/*']] })).toBe('arn:aws:s3:::my-bucket/*');
  });

  test('Fn::Sub, string form and list form, with ${!Literal}', () => {
    expect(r.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Named}/${!Literal}' })).toBe('arn:aws:s3:::my-bucket/${Literal}');
    expect(r.resolve({ 'Fn::Sub': ['${B}/in/${Named.Arn}', { B: 'x' }] })).toBe('x/in/arn:aws:s3:::my-bucket');
  });

  test('Fn::Split and Fn::Select, through generated atoms', () => {
    const arn = { 'Fn::GetAtt': ['Role', 'Arn'] };
    expect(r.resolve({ 'Fn::Select': [4, { 'Fn::Split': [':', arn] }] })).toBe('111111111111');
    expect(r.resolve({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', arn] }] }] }] })).toBe(gen('S/Role.Ref'));
  });

  test('Fn::Select out of range, or over something unknown, is opaque rather than an exception', () => {
    expect(isSymbolic(r.resolve({ 'Fn::Select': [9, ['a']] }) as string)).toBe(true);
    expect(isSymbolic(r.resolve({ 'Fn::Select': [0, { Ref: 'Nope' }] }) as string)).toBe(true);
  });

  test('Fn::FindInMap with literal keys; unknown intrinsics are opaque with the reason', () => {
    expect(r.resolve({ 'Fn::FindInMap': ['Envs', 'dev', 'Prefix'] })).toBe('d-');
    expect(r.resolve({ 'Fn::GetAZs': '' }) as string).toContain('unsupported intrinsic Fn::GetAZs');
  });
});

describe('conditions and Fn::If', () => {
  const template = {
    Parameters: { Env: { Type: 'String' } },
    Conditions: {
      IsIreland: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
      NotIreland: { 'Fn::Not': [{ Condition: 'IsIreland' }] },
      Both: { 'Fn::And': [{ Condition: 'IsIreland' }, { 'Fn::Equals': ['a', 'a'] }] },
      Either: { 'Fn::Or': [{ Condition: 'NotIreland' }, { 'Fn::Equals': ['a', 'b'] }] },
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    },
    Resources: {
      Gone: { Type: 'AWS::S3::Bucket', Condition: 'NotIreland', Properties: {} },
    },
  };
  const r = resolverFor([stackOf(template)])();

  test('Fn::Equals/Not/And/Or decide what the templates fix', () => {
    expect(r.condition('IsIreland')).toBe('true');
    expect(r.condition('NotIreland')).toBe('false');
    expect(r.condition('Both')).toBe('true');
    expect(r.condition('Either')).toBe('false');
  });

  test('a condition on a parameter is unknown, and Fn::If on it is opaque unless both branches agree', () => {
    expect(r.condition('IsProd')).toBe('unknown');
    expect(isSymbolic(r.resolve({ 'Fn::If': ['IsProd', 'a', 'b'] }) as string)).toBe(true);
    expect(r.resolve({ 'Fn::If': ['IsProd', 'same', 'same'] })).toBe('same');
    expect(r.resolve({ 'Fn::If': ['IsIreland', 'a', 'b'] })).toBe('a');
  });

  test('AWS::NoValue removes the property or list element', () => {
    expect(r.resolve({ A: { 'Fn::If': ['NotIreland', 'x', { Ref: 'AWS::NoValue' }] }, B: 1 })).toEqual({ B: 1 });
    expect(r.resolve(['a', { Ref: 'AWS::NoValue' }])).toEqual(['a']);
  });

  test('a resource whose Condition is false is not deployed', () => {
    const index = buildAssemblyIndex({ stacks: [stackOf(template)] });
    const s = new AssemblyResolver(index, {}).forStack(index.stacks[0]);
    expect(s.deployed(index.resources[0])).toBe('false');
  });
});

describe('pseudo parameters', () => {
  test('from the stack env; partition and URL suffix follow the region', () => {
    const r = resolverFor([stackOf({ Resources: {} }, { region: 'cn-north-1' })])();
    expect(r.resolve({ Ref: 'AWS::Partition' })).toBe('aws-cn');
    expect(r.resolve({ Ref: 'AWS::URLSuffix' })).toBe('amazonaws.com.cn');
    expect(r.resolve({ Ref: 'AWS::StackName' })).toBe('S');
    expect(resolverFor([stackOf({ Resources: {} }, { region: 'us-gov-west-1' })])().resolve({ Ref: 'AWS::Partition' })).toBe('aws-us-gov');
  });

  test('environment-agnostic stacks share one opaque account and region atom; defaultAccount replaces the account', () => {
    const stacks = [stackOf({ Resources: {} }, { account: undefined, region: undefined }), stackOf({ Resources: {} }, { artifactId: 'T', account: 'unknown-account', region: undefined })];
    const r = resolverFor(stacks);
    expect(r(0).resolve({ Ref: 'AWS::AccountId' })).toBe(AGNOSTIC_ACCOUNT);
    expect(r(1).resolve({ Ref: 'AWS::AccountId' })).toBe(AGNOSTIC_ACCOUNT);
    expect(r(0).resolve({ Ref: 'AWS::Region' })).toBe(AGNOSTIC_REGION);
    expect(resolverFor(stacks, { defaultAccount: '333333333333' })(0).resolve({ Ref: 'AWS::AccountId' })).toBe('333333333333');
  });
});

describe('Fn::ImportValue across the stacks of the assembly', () => {
  const producer = stackOf({
    Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: {} } },
    Outputs: {
      BucketArnOut: { Value: { 'Fn::GetAtt': ['Bucket', 'Arn'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}:BucketArn' } } },
    },
  }, { artifactId: 'Producer', stackName: 'Producer' });
  const consumer = stackOf({ Resources: {} }, { artifactId: 'Consumer', stackName: 'Consumer' });

  test('follows the export to the producing stack\'s value', () => {
    const r = resolverFor([producer, consumer]);
    expect(r(1).resolve({ 'Fn::ImportValue': 'Producer:BucketArn' })).toBe(`arn:aws:s3:::${gen('Producer/Bucket.Ref')}`);
  });

  test('an export nobody makes is opaque', () => {
    const v = resolverFor([producer, consumer])(1).resolve({ 'Fn::ImportValue': 'Nobody:Exports' }) as string;
    expect(v).toContain('Nobody:Exports');
    expect(isSymbolic(v)).toBe(true);
  });

  test('two exports of one name: the first in the assembly\'s order is the one imported', () => {
    const first = stackOf({ Resources: {}, Outputs: { A: { Value: 'first', Export: { Name: 'Shared' } } } }, { artifactId: 'First', stackName: 'First' });
    const second = stackOf({ Resources: {}, Outputs: { A: { Value: 'second', Export: { Name: 'Shared' } } } }, { artifactId: 'Second', stackName: 'Second' });
    expect(resolverFor([first, second, consumer])(2).resolve({ 'Fn::ImportValue': 'Shared' })).toBe('first');
    expect(resolverFor([second, first, consumer])(2).resolve({ 'Fn::ImportValue': 'Shared' })).toBe('second');
  });

  test('an export name that itself imports is still read, and the reading ends', () => {
    const odd = stackOf({
      Resources: {},
      Outputs: {
        Named: { Value: 'the value', Export: { Name: { 'Fn::ImportValue': 'NameOfTheName' } } },
        Name: { Value: 'Indirect', Export: { Name: 'NameOfTheName' } },
      },
    }, { artifactId: 'Odd', stackName: 'Odd' });
    expect(resolverFor([odd, consumer])(1).resolve({ 'Fn::ImportValue': 'Indirect' })).toBe('the value');
  });

  test('each export\'s name is resolved once for the assembly, not once per import (it was a scan per import)', () => {
    const n = 40;
    const outputs = Object.fromEntries(Array.from({ length: n }, (_, i) => [`Out${i}`, {
      Value: `value-${i}`, Export: { Name: { 'Fn::Sub': `\${AWS::StackName}:Export${i}` } },
    }]));
    const many = stackOf({ Resources: {}, Outputs: outputs }, { artifactId: 'Many', stackName: 'Many' });
    const r = resolverFor([many, consumer]);
    const spy = jest.spyOn(StackResolver.prototype, 'resolveAt');
    try {
      for (let i = 0; i < n; i++) expect(r(1).resolve({ 'Fn::ImportValue': `Many:Export${i}` })).toBe(`value-${i}`);
      const namesResolved = spy.mock.calls.filter(([value]) => typeof value === 'object' && value !== null && 'Fn::Sub' in value).length;
      expect(namesResolved).toBe(n);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('hostile and malformed input never throws', () => {
  test('self-referencing names, deep nesting, __proto__ keys, malformed intrinsics', () => {
    const template = {
      Resources: {
        Loop: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::GetAtt': ['Loop', 'Arn'] } } },
      },
      Outputs: { X: { Value: { 'Fn::ImportValue': 'X' }, Export: { Name: 'X' } } },
    };
    const r = resolverFor([stackOf(template)])();
    expect(() => r.resolve({ Ref: 'Loop' })).not.toThrow();
    expect(() => r.resolve({ 'Fn::ImportValue': 'X' })).not.toThrow();
    let deep: unknown = 'x';
    for (let i = 0; i < 500; i++) deep = { 'Fn::Join': ['', [deep]] };
    expect(isSymbolic(r.resolve(deep) as string)).toBe(true);
    const proto = r.resolve(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(proto)).toEqual(['__proto__', 'a']);
    for (const bad of [{ 'Fn::Join': 'x' }, { 'Fn::Sub': 5 }, { 'Fn::Select': 'x' }, { 'Fn::If': [] }, { 'Fn::GetAtt': 5 }, { Ref: 5 }]) {
      expect(isSymbolic(r.resolve(bad) as string)).toBe(true);
    }
  });

  test('a template that is not an object, or a stack list that is not a list, is reported not thrown', () => {
    expect(buildAssemblyIndex({ stacks: [stackOf('nonsense')] }).errors[0].message).toContain('not a JSON object');
    expect(buildAssemblyIndex({ stacks: 'x' } as never).errors[0].message).toContain('no list of stacks');
  });
});
