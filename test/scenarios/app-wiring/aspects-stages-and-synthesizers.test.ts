import {
  Aspects, AspectPriority, CfnResource, CliCredentialsStackSynthesizer, DefaultStackSynthesizer, IAspect, IStackSynthesizer, LegacyStackSynthesizer,
  RemovalPolicy, Stack, Stage, Tags,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { IConstruct } from 'constructs';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { denyEveryone, describeFinding, ENV, expectNotDeny, findingsOf, newApp, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';
import { expectAllow, outcomeOf, scenario } from '../../support/scenario';

// How real apps are assembled around the write: tags, mutating aspects, Stages, synthesizers and CDK's own
// BucketDeployment. None of these changes whether PutObject is allowed unless it adds a policy that decides it; the
// checker must judge the final templates (every front end reads the synthesized templates).

/** The stack 'App' (in `scope`, ENV) whose function writes an enforceSSL SSE-KMS bucket under out/, declared. */
function writerApp(scope: IConstruct) {
  const stack = new Stack(scope, 'App', { env: ENV });
  const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true, encryption: s3.BucketEncryption.KMS });
  const fn = writerFunction(stack, 'Writer');
  bucket.grantPut(fn, 'out/*');
  WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
  return { stack, bucket, fn };
}

/** A new app holding `writerApp`, changed by `change`, checked. */
function changedWriterApp(change: (app: IConstruct, w: ReturnType<typeof writerApp>) => void) {
  const app = newApp();
  const w = writerApp(app);
  change(app, w);
  return outcomeOf(synthWithChecker(app), w.fn, w.bucket);
}

describe('tags and mutating aspects', () => {
  test('Tags.of(app).add on every resource: ALLOW', () => {
    expectAllow(changedWriterApp(app => {
      Tags.of(app).add('cost-center', '42');
      Tags.of(app).add('owner', 'data-team');
    }));
  });

  test('a user aspect (MUTATING) that adds a tag to every role and turns on versioning: ALLOW', () => {
    class Hardening implements IAspect {
      visit(node: IConstruct) {
        if (node instanceof iam.CfnRole) Tags.of(node).add('hardened', 'yes');
        if (node instanceof s3.CfnBucket) node.versioningConfiguration = { status: 'Enabled' };
      }
    }
    expectAllow(changedWriterApp(app => Aspects.of(app).add(new Hardening(), { priority: AspectPriority.MUTATING })));
  });

  test('an aspect added AFTER the checker that adds a bucket-policy Deny is seen: DENY (the final template decides)', () => {
    // The checker is added first, the Deny by a later aspect: AWS evaluates the deployed policy, so DENY.
    class Freeze implements IAspect {
      visit(node: IConstruct) {
        if (node instanceof s3.Bucket) node.addToResourcePolicy(denyEveryone(node, { sid: 'Freeze' }));
      }
    }
    const app = newApp();
    const { fn, bucket } = writerApp(app);
    const checker = new WriteAccessChecker();
    Aspects.of(app).add(checker);
    Aspects.of(app).add(new Freeze(), { priority: AspectPriority.MUTATING });
    expect(() => app.synth()).toThrow(/BUCKET_POLICY_DENY/);
    const finding = verdictFor(checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes[0].statement).toBe('Freeze');
  });

  test('an escape-hatch property override on the role policy that removes the write: DENY; without it: ALLOW', () => {
    for (const overridden of [false, true]) {
      const { finding } = changedWriterApp((_app, { fn }) => {
        const policy = fn.role!.node.findChild('DefaultPolicy').node.defaultChild as CfnResource;
        if (overridden) policy.addPropertyOverride('PolicyDocument.Statement', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
      });
      expect(finding.verdict).toBe(overridden ? WriteVerdict.DENY : WriteVerdict.ALLOW);
    }
  });
});

describe('Stages', () => {
  test('the same app in two Stages (Beta, Prod) and nested: ALLOW each, one finding per function', () => {
    const app = newApp();
    const beta = writerApp(new Stage(app, 'Beta'));
    const prod = writerApp(new Stage(new Stage(app, 'Pipeline'), 'Prod'));
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    for (const { fn, bucket } of [beta, prod]) {
      expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
      expect(findingsOf(checker, fn).filter(f => f.intent === 'declared')).toHaveLength(1);
    }
  });
});

describe('stack synthesizers', () => {
  const synthesizers: Array<[string, () => IStackSynthesizer]> = [
    ['DefaultStackSynthesizer', () => new DefaultStackSynthesizer()],
    ['DefaultStackSynthesizer with a custom qualifier', () => new DefaultStackSynthesizer({ qualifier: 'team1' })],
    ['CliCredentialsStackSynthesizer', () => new CliCredentialsStackSynthesizer()],
    ['LegacyStackSynthesizer', () => new LegacyStackSynthesizer()],
  ];
  test.each(synthesizers)('%s: ALLOW', (_name, make) => {
    const app = newApp();
    const stack = new Stack(app, 'App', { env: ENV, synthesizer: make() });
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantReadWrite(fn);
    expectAllow(outcomeOf(synthWithChecker(app), fn, bucket));
  });
});

describe('aws-s3-deployment BucketDeployment (its own Lambda copies files into the bucket)', () => {
  /** A BucketDeployment into a bucket with these props; the scenario's function is the deployment's handler. */
  function deploymentApp(bucketProps: s3.BucketProps, accessControl?: s3.BucketAccessControl) {
    const s = scenario({ stackId: 'Site' }).withBucket(bucketProps);
    new s3deploy.BucketDeployment(s.stack, 'Deploy', {
      destinationBucket: s.bucket,
      sources: [s3deploy.Source.data('index.html', '<h1>hello</h1>')],
      destinationKeyPrefix: 'site/',
      accessControl,
    });
    const handler = s.stack.node.findAll().find(c => c instanceof lambda.Function && c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error('no BucketDeployment handler');
    return s.useWriter(handler as lambda.Function);
  }

  test.each([
    ['a default bucket', {}],
    ['an SSE-KMS, enforceSSL, versioned bucket', { encryption: s3.BucketEncryption.KMS, enforceSSL: true, versioned: true }],
    ['an autoDeleteObjects bucket', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY }],
  ] as Array<[string, s3.BucketProps]>)('to %s: the handler\'s write is ALLOW and synth passes', (_name, props) => {
    expectAllow(deploymentApp(props).check());
  });

  test('accessControl PUBLIC_READ on a default (BucketOwnerEnforced) bucket is not judged DENY unless declared', () => {
    // BucketDeployment sends `--acl public-read`: on a bucket that disables ACLs that fails (S3 User Guide,
    // "Object Ownership": AccessControlListNotSupported), but the checker only knows it if the intent says so. The
    // inferred intent assumes no ACL, so it must not be DENY for a reason it cannot see; declaring the ACL gives DENY.
    expectNotDeny(deploymentApp({}, s3.BucketAccessControl.PUBLIC_READ).check().finding);
  });
});

describe('the checker alone does not change the app', () => {
  test('adding the checker leaves every template byte-identical', () => {
    const build = (withChecker: boolean) => {
      const app = newApp();
      writerApp(app);
      if (withChecker) synthWithChecker(app);
      const assembly = app.synth();
      return JSON.stringify(assembly.getStackByName('App').template);
    };
    const before = build(false);
    const after = build(true);
    // expectWrite records metadata on the function resource: strip it before comparing.
    const strip = (t: string) => {
      const json = JSON.parse(t);
      for (const r of Object.values<any>(json.Resources)) if (r.Metadata) delete r.Metadata;
      return JSON.stringify(json);
    };
    expect(strip(after)).toBe(strip(before));
  });
});
