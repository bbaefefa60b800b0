import { App, Aspects, AspectPriority } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { synthError } from './app';
import { WriteAccessChecker, WriteAccessCheckerProps, WriteAccessFinding } from '../../../src/checker';

export interface Checked {
  readonly checker: WriteAccessChecker;
  /** What `app.synth()` threw, if anything. */
  readonly error?: Error;
}

/** Add the checker the way the README says (an Aspect at READONLY priority), synthesize, and keep what happened. */
export function synthChecked(app: App, props: WriteAccessCheckerProps = {}): Checked {
  const checker = new WriteAccessChecker(props);
  Aspects.of(app).add(checker, { priority: AspectPriority.READONLY });
  return { checker, error: synthError(app) };
}

/** The construct path a finding uses: the path without the L1 `/Resource` child. */
export function displayPath(construct: IConstruct): string {
  return construct.node.path.replace(/\/Resource$/, '');
}

/**
 * The finding for the write of `fn` to `bucket` (a construct, or the literal name of a bucket outside the app). A
 * declared or construct intent is preferred to an inferred one for the same pair. Fails listing every finding when
 * there is none, so a wrong guess at paths is easy to see.
 */
export function findingFor(checker: WriteAccessChecker, fn: IConstruct, bucket: IConstruct | string): WriteAccessFinding {
  const fnPath = displayPath(fn);
  const bucketPath = typeof bucket === 'string' ? bucket : displayPath(bucket);
  const matching = checker.findings.filter(f => f.function === fnPath && f.bucket === bucketPath);
  const best = matching.find(f => f.intent !== 'inferred') ?? matching[0];
  if (!best) {
    const seen = checker.findings.map(f => `${f.function} -> ${f.bucket}: ${f.verdict}`).join('\n  ');
    throw new Error(`no finding for ${fnPath} -> ${bucketPath}; findings:\n  ${seen || '(none)'}`);
  }
  return best;
}

/** The cause codes of a finding, for assertions that read like the documentation. */
export function codesOf(finding: WriteAccessFinding): string[] {
  return finding.causes.map(c => c.code);
}
