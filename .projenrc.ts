import { awscdk, DependencyType, javascript } from 'projen';

/**
 * The lowest aws-cdk-lib this library supports: the peer-dependency floor, which any app on this version or newer
 * can install. 2.189.1 is what `projen new awscdk-construct` still starts new libraries on.
 *
 * What sets it: the library must run unchanged from here to the latest. SecureLambdaWriter uses only APIs that
 * 2.189.1 has (`lambda.FunctionProps.logGroup`, the log group read by ARN whichever type the prop has), and the
 * checker finds the CDK's validation hook at run time (src/compat/validation-api.ts): the final API
 * (`Validations.of(app).addPlugins`, 2.257+) where it exists, the older `Stage.policyValidationBeta1` (2.71+)
 * otherwise. Below 2.189.1 nothing is tested, so nothing is promised. test/compat proves the floor and the latest
 * (test/compat/floor/package.json must name this same version).
 */
const MIN_CDK_VERSION = '2.189.1';

/**
 * The aws-cdk-lib the main test suite, the jsii compile and the demo run on. It is newer than the floor because the
 * tests use cdk-nag 3 (which needs 2.257+); src/ is type-checked against the floor's declarations in test/compat.
 */
const DEV_CDK_VERSION = '2.276.0';

/** The lowest constructs the floor aws-cdk-lib accepts; nothing newer is used. */
const MIN_CONSTRUCTS_VERSION = '10.0.5';

const project = new awscdk.AwsCdkConstructLibrary({
  author: 'cdk-secure-lambda-writer contributors',
  authorAddress: 'maintainers@example.com',
  authorName: 'cdk-secure-lambda-writer contributors',
  cdkVersion: MIN_CDK_VERSION,
  constructsVersion: MIN_CONSTRUCTS_VERSION,
  // The floor is the peer dependency; development runs on DEV_CDK_VERSION (added to devDeps below).
  peerDependencyOptions: { pinnedDevDependency: false },
  // Node.js versions the library runs on (aws-cdk-lib itself needs 20+ from 2.2xx on); CI runs Node 20.
  minNodeVersion: '20.0.0',
  workflowNodeVersion: 'lts/*',
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
    `aws-cdk-lib@${DEV_CDK_VERSION}`,
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
  // CI must fail on a lint error, not rewrite the file: the eslint task never fixes (`npm run eslint:fix` does).
  eslintOptions: { dirs: ['src', 'test'], commandOptions: { fix: false } },
  npmignoreEnabled: true,
  // What users need is lib/, .jsii, API.md and the README: not CI, benchmarks, rosetta fixtures or the examples,
  // whose sources import ../../src.
  npmIgnoreOptions: { ignorePatterns: ['/.ci/', '/bench/', '/examples/', '/rosetta/', '/scripts/', '/test-reports/', '*.tgz'] },
  githubOptions: { mergify: false },
});

// jsii warns that the devDependency is not the floor: on purpose (see DEV_CDK_VERSION).
project.compileTask.reset('jsii --silence-warnings=reserved-word --silence-warnings=metadata/missing-dev-dependency');

// The constructs the tests run on (the floor's is only the peer range).
project.deps.addDependency('constructs@10.5.1', DependencyType.BUILD);

// Public entry points: the library (the root, which jsii and every language binding load) and the dependency-free
// runtime helper for Lambda code. `typesVersions` lets TypeScript apps on the older "node" module resolution find the
// helper's types too.
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './runtime': { types: './lib/runtime/index.d.ts', default: './lib/runtime/index.js' },
  './package.json': './package.json',
  './.jsii': './.jsii',
});
project.package.addField('typesVersions', { '*': { runtime: ['lib/runtime/index.d.ts'] } });

// `npm pack` (and installing from a git clone) must produce a working package: compile first when lib/ is missing or
// older than src/ (CI has just compiled, so this is a no-op there).
project.package.setScript('prepack', 'node scripts/compile-if-stale.js');

// Lint in the test task reports; it never rewrites files. `eslint:fix` fixes, on purpose.
project.addTask('eslint:fix', {
  description: 'Fix what eslint can fix, on purpose',
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' },
  exec: 'eslint --fix --ext .ts,.tsx --no-error-on-unmatched-pattern src test build-tools projenrc .projenrc.ts',
  receiveArgs: true,
});

// The compatibility suite: the floor and the latest aws-cdk-lib, each installed from its own lock file under test/compat/.
project.addTask('test:compat', {
  description: 'Run test/compat/suite against the floor and the latest aws-cdk-lib (installs both from test/compat/*/package-lock.json)',
  exec: 'bash test/compat/run.sh',
  receiveArgs: true,
});
// `npm test` runs jest, the compatibility suite and eslint, each even when an earlier one failed (scripts/test-all.sh).
project.testTask.reset('bash scripts/test-all.sh', { receiveArgs: true });

// Python users: the jsii Python bindings are generated from the .jsii and compile (needs no Python registry).
project.addTask('python:bindings', {
  description: 'Generate the jsii Python bindings (code only) and byte-compile them with python3',
  exec: 'bash scripts/python-bindings.sh',
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
