import { awscdk, javascript } from 'projen';

/**
 * The lowest aws-cdk-lib this library supports, and the one its tests run against.
 *
 * WriteAccessChecker rides on the CDK's final policy-validation API: `Validations.of(app).addPlugins`,
 * `Validations.of(scope).acknowledge`, one `validate()` call per plugin with every template of the app
 * (nested Stages included) and `appConstruct` in the context. Versions 2.262–2.26x called plugins once per
 * environment (duplicate findings) and earlier ones lack `appConstruct`; 2.276.0 is the release on
 * which the whole path was measured to work end to end.
 */
const MIN_CDK_VERSION = '2.276.0';

const project = new awscdk.AwsCdkConstructLibrary({
  author: 'cdk-secure-lambda-writer contributors',
  authorAddress: 'maintainers@example.com',
  authorName: 'cdk-secure-lambda-writer contributors',
  cdkVersion: MIN_CDK_VERSION,
  constructsVersion: '10.5.1',
  defaultReleaseBranch: 'main',
  jsiiVersion: '~6.0.0',
  name: 'cdk-secure-lambda-writer',
  description:
    'Lambda-to-S3 writes that work the first time: an L3 construct with least-privilege, agreeing IAM, bucket and KMS policies, and a synth-time checker that decides whether each Lambda s3:PutObject would be ALLOWED or DENIED.',
  license: 'Apache-2.0',
  keywords: ['cdk', 'awscdk', 'aws-cdk', 's3', 'lambda', 'iam', 'kms', 'access-denied', 'policy-validation'],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  repositoryUrl: 'https://github.com/cdk-secure-lambda-writer/cdk-secure-lambda-writer.git',

  // jsii targets, named the way Construct Hub libraries name them.
  publishToPypi: {
    distName: 'cdk-secure-lambda-writer',
    module: 'cdk_secure_lambda_writer',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdksecurelambdawriter',
    mavenGroupId: 'io.github.cdk-secure-lambda-writer',
    mavenArtifactId: 'cdk-secure-lambda-writer',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkSecureLambdaWriter',
    packageId: 'CdkSecureLambdaWriter',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-secure-lambda-writer/cdk-secure-lambda-writer-go',
  },

  // No runtime dependencies: the IAM evaluator and the analysis are our own code.
  devDeps: [
    // AGPL-3.0: used by the differential tests only, pinned exactly, never a runtime dependency.
    '@cloud-copilot/iam-simulate@0.1.173',
    'fast-check@4.10.2',
    // The real command line, for end-to-end `cdk synth` tests and the demo.
    'aws-cdk@2.1148.1',
    // cdk-nag's AwsSolutions pack: the construct's self-check and the benchmark's comparison.
    'cdk-nag@3.0.2',
    // Integration tests a user with credentials can deploy; CI synthesizes them.
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
  ],
  bin: { 'cdk-secure-lambda-writer': 'lib/cli/main.js' },

  jestOptions: {
    // Snapshot tests must fail, not rewrite themselves; `npm run test:update-snapshots` updates on purpose.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/'],
      // Coverage instrumentation slows the differential suite several-fold; `npm run test:coverage` has it.
      collectCoverage: false,
    },
  },
  gitignore: ['cdk.out/', '*.cdk.out/', 'test/**/cdk.out*/', '.bench/', '.jsii.tabl.json'],
  npmignoreEnabled: true,
  githubOptions: { mergify: false },
});

// Tests live under test/ only (projen's default also globs src/ and projenrc/).
project.package.file.addOverride('jest.testMatch', ['<rootDir>/test/**/*.test.ts']);

// Keep one explicit snapshot-update path (projen's own `test:update` would be a second name for it).
project.tasks.removeTask('test:update');
project.addTask('test:update-snapshots', {
  description: 'Update jest snapshots on purpose (the default test task never does)',
  exec: 'jest -u', // -u is --updateSnapshot: only this task writes snapshots
  receiveArgs: true,
});
project.addTask('test:coverage', {
  description: 'Run the tests with coverage',
  exec: 'jest --coverage',
  receiveArgs: true,
});
project.addTask('bench', {
  description: 'Synth time of generated apps: without the checker, with it, and with cdk-nag AwsSolutions',
  exec: 'ts-node --transpile-only bench/run.ts',
  receiveArgs: true,
});

// Every TypeScript example (README, @example) must compile, so the translations Construct Hub shows are real.
const rosettaExtract = project.addTask('rosetta:extract', {
  description: 'Compile every README and @example snippet with jsii-rosetta --strict (writes .jsii.tabl.json)',
  exec: 'jsii-rosetta extract --strict',
});
project.postCompileTask.spawn(rosettaExtract);

project.addTask('demo', {
  description: 'The main job: synthesize the example app with the real cdk CLI (broken stacks fail, fixed ones pass)',
  exec: 'bash examples/demo.sh',
});

project.synth();
