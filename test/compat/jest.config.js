// The compatibility suite: the same tests, and the library's own source, run against one installed aws-cdk-lib
// (COMPAT_CDK=floor|latest, installed under test/compat/<name>/ by test/compat/run.sh). Every import of aws-cdk-lib,
// constructs and cdk-nag, the library's included, resolves to that installation.
const path = require('path');

const name = process.env.COMPAT_CDK;
if (name !== 'floor' && name !== 'latest') {
  throw new Error(`COMPAT_CDK must be "floor" or "latest", got ${JSON.stringify(name)}: run test/compat/run.sh`);
}
const modules = path.join(__dirname, name, 'node_modules');
const repo = path.resolve(__dirname, '..', '..');

module.exports = {
  rootDir: repo,
  testMatch: ['<rootDir>/test/compat/suite/**/*.compat.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.[t]sx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
  moduleNameMapper: {
    '^aws-cdk-lib$': path.join(modules, 'aws-cdk-lib'),
    '^aws-cdk-lib/(.*)$': path.join(modules, 'aws-cdk-lib', '$1'),
    '^constructs$': path.join(modules, 'constructs'),
    '^cdk-nag$': path.join(modules, 'cdk-nag'),
  },
  testTimeout: 300000,
  reporters: ['default', ['jest-junit', { outputDirectory: 'test-reports', outputName: `compat-${name}.xml`, suiteNameTemplate: `{filepath} [${name}]` }]],
};
