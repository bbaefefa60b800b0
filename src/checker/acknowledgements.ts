import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { WriteAccessAcknowledgement } from './findings';
import { isRecord } from './plain-object';

/**
 * The CDK's acknowledgements, read the way the CDK itself applies them, so that a finding is marked acknowledged
 * exactly when the CDK suppresses its violation.
 *
 * `Validations.of(scope).acknowledge({ id, reason })` records `{ [id]: reason }` as construct metadata of type
 * `Validations.ACKNOWLEDGED_RULES_METADATA_KEY` on `scope`. After the plugins ran, the CDK collects that metadata
 * over the whole tree (aws-cdk-lib `core/lib/private/collect-acknowledged-rule-ids.js`) and, for each violating
 * resource, looks for an acknowledgement of `<plugin>::<ruleName>` on the resource's construct path, then on each
 * ancestor path up to the App (`findClosestAck` in `core/lib/private/synthesis-validation.js`).
 */
export class AcknowledgementIndex {
  /** Every acknowledgement in the tree under `root`, nested Stages included. */
  public static collect(root: IConstruct): AcknowledgementIndex {
    const byRule = new Map<string, Map<string, string>>();
    for (const construct of root.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !isRecord(entry.data)) continue;
        for (const [ruleId, reason] of Object.entries(entry.data)) {
          const byPath = byRule.get(ruleId) ?? new Map<string, string>();
          byPath.set(construct.node.path, String(reason));
          byRule.set(ruleId, byPath);
        }
      }
    }
    return new AcknowledgementIndex(byRule);
  }

  private constructor(private readonly byRule: ReadonlyMap<string, ReadonlyMap<string, string>>) {}

  /** The acknowledgement of `ruleId` closest to `constructPath` (itself, then its ancestors), if any. */
  public closest(ruleId: string, constructPath: string): WriteAccessAcknowledgement | undefined {
    const byPath = this.byRule.get(ruleId);
    if (!byPath) return undefined;
    for (let path: string | undefined = constructPath; path !== undefined; path = parentPath(path)) {
      const reason = byPath.get(path);
      if (reason !== undefined) return { reason, ruleId, acknowledgedAt: path };
    }
    return undefined;
  }
}

/** 'A/B/C' → 'A/B' → 'A' → '' (the App) → undefined. */
function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.substring(0, slash);
}
