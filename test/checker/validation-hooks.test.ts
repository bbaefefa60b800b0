import { App, Stack, Stage } from 'aws-cdk-lib';

// src/compat/validation-api.ts against a CDK without the final validation API: the hooks are looked up at run time,
// so this fakes the older aws-cdk-lib by hiding `Validations` from the module the library imports.

function olderCdk<T>(run: (api: typeof import('../../src/compat/validation-api'), cdk: typeof import('aws-cdk-lib')) => T): T {
  let result!: T;
  jest.isolateModules(() => {
    const actual = jest.requireActual('aws-cdk-lib');
    jest.doMock('aws-cdk-lib', () => new Proxy(actual, { get: (target, key) => (key === 'Validations' ? undefined : target[key]) }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    result = run(require('../../src/compat/validation-api'), require('aws-cdk-lib'));
  });
  jest.dontMock('aws-cdk-lib');
  return result;
}

describe('without Validations (aws-cdk-lib before 2.257)', () => {
  test('hasFinalValidationApi is false', () => {
    expect(olderCdk(api => api.hasFinalValidationApi())).toBe(false);
  });

  test('a plugin goes into stage.policyValidationBeta1, once', () => {
    const stage = { policyValidationBeta1: [] as unknown[] };
    const plugin = { name: 'P' };
    olderCdk(api => {
      api.registerValidationPlugin(stage as unknown as Stage, plugin);
      api.registerValidationPlugin(stage as unknown as Stage, plugin);
    });
    expect(stage.policyValidationBeta1).toEqual([plugin]);
  });

  test('a CDK with neither hook (before 2.71) gets one line naming the version to upgrade to', () => {
    expect(() => olderCdk(api => api.registerValidationPlugin({} as Stage, { name: 'WriteAccessChecker' })))
      .toThrow(/^WriteAccessChecker needs aws-cdk-lib's policy-validation hook: upgrade aws-cdk-lib to 2\.257\.0 or later\.$/);
  });

  test('an acknowledgement is the construct metadata the CDK would write', () => {
    const stack = new Stack(new App(), 'S');
    olderCdk(api => api.acknowledgeRule(stack, 'WriteAccessChecker::KMS_KEY_POLICY', 'managed by the security team'));
    expect(stack.node.metadata.filter(m => m.type !== 'aws:cdk:creationStack').map(m => [m.type, m.data])).toEqual([
      ['aws:cdk:acknowledged-rules', { 'WriteAccessChecker::KMS_KEY_POLICY': 'managed by the security team' }],
    ]);
  });
});

describe('with Validations (aws-cdk-lib 2.257 and later)', () => {
  test('the final API is found, and an acknowledgement goes through it', () => {
    const api = jest.requireActual('../../src/compat/validation-api');
    expect(api.hasFinalValidationApi()).toBe(true);
    const stack = new Stack(new App(), 'S');
    api.acknowledgeRule(stack, 'WriteAccessChecker::KMS_KEY_POLICY', 'managed by the security team');
    const entries = stack.node.metadata.filter(m => m.type === 'aws:cdk:acknowledged-rules').map(m => m.data);
    expect(entries).toEqual([{ 'WriteAccessChecker::KMS_KEY_POLICY': 'managed by the security team' }]);
  });
});
