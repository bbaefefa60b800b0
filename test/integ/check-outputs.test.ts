import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertionOutcomes, main } from './check-outputs';

const PASSED = JSON.stringify({ status: 'success' });
const FAILED = JSON.stringify({ status: 'fail', message: 'Expected AES256 but received aws:kms' });

function withOutputsFile(outputs: unknown, fn: (file: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slw-outputs-'));
  try {
    const file = path.join(dir, 'outputs.json');
    fs.writeFileSync(file, JSON.stringify(outputs));
    fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

test('reads the AssertionResults outputs of every stack and ignores the others', () => {
  const outcomes = assertionOutcomes({
    SlwIntegS3Managed: { ExportsOutputRefWriterFunction: 'fn-name' },
    SlwIntegS3ManagedAssertions: { AssertionResultsLambdaInvoke1: PASSED, AssertionResultsAwsApiCallS3headObject2: FAILED },
  });
  expect(outcomes).toEqual([
    { stack: 'SlwIntegS3ManagedAssertions', output: 'AssertionResultsLambdaInvoke1', passed: true, message: undefined },
    {
      stack: 'SlwIntegS3ManagedAssertions',
      output: 'AssertionResultsAwsApiCallS3headObject2',
      passed: false,
      message: 'Expected AES256 but received aws:kms',
    },
  ]);
});

test('exit code 0 when every assertion passed, 1 when one failed', () => {
  withOutputsFile({ A: { AssertionResultsX: PASSED, AssertionResultsY: PASSED } }, (file) => expect(main([file])).toBe(0));
  withOutputsFile({ A: { AssertionResultsX: PASSED, AssertionResultsY: FAILED } }, (file) => expect(main([file])).toBe(1));
});

test('no assertion results (assertion stack not deployed) or an unreadable result is a failure, not a pass', () => {
  withOutputsFile({ SlwIntegS3Managed: { Other: 'x' } }, (file) => expect(main([file])).toBe(1));
  withOutputsFile({ A: { AssertionResultsX: 'not json' } }, (file) => expect(main([file])).toBe(1));
  expect(main([])).toBe(1);
});
