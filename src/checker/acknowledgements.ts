import { IConstruct } from 'constructs';
import { isRecord } from '../analysis/cfn/assembly-index';
import { AcknowledgementTable } from '../analysis/findings/acknowledgement';
import { ACKNOWLEDGED_RULES_METADATA_KEY } from '../compat/validation-api';

/**
 * The CDK's acknowledgements, read the way the CDK itself applies them, so that a finding is marked acknowledged
 * exactly when the CDK suppresses its violation.
 *
 * `Validations.of(scope).acknowledge({ id, reason })` records `{ [id]: reason }` as construct metadata of type
 * `aws:cdk:acknowledged-rules` on `scope` (`WriteAccessChecker.acknowledge` writes the same on CDKs without it). After the plugins ran, the CDK collects that metadata
 * over the whole tree (aws-cdk-lib `core/lib/private/collect-acknowledged-rule-ids.js`) and, for each violating
 * resource, looks for an acknowledgement of `<plugin>::<ruleName>` on the resource's construct path, then on each
 * ancestor path up to the App (`findClosestAck` in `core/lib/private/synthesis-validation.js`). The walk itself is
 * the shared rule in `analysis/findings/acknowledgement.ts`, which the command line applies too.
 */
export function collectAcknowledgements(root: IConstruct): AcknowledgementTable {
  const table = new AcknowledgementTable();
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== ACKNOWLEDGED_RULES_METADATA_KEY || !isRecord(entry.data)) continue;
      for (const [ruleId, reason] of Object.entries(entry.data)) {
        table.add(ruleId, construct.node.path, String(reason));
      }
    }
  }
  return table;
}
