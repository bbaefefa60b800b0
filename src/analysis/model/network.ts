import { TYPES } from './network-resource';
import { NetworkModel, RawModel } from './types';
import { ResourceEntry } from '../cfn/assembly-index';
import { AssemblyResolver } from '../cfn/resolve';

const NETWORK_TYPES: readonly string[] = Object.values(TYPES);

/** The network pieces the gates need, kept raw (resolved properties and Ref). */
export function buildNetwork(entries: readonly ResourceEntry[], resolver: AssemblyResolver): NetworkModel {
  const raw = (entry: ResourceEntry): RawModel => {
    const r = resolver.forStack(entry.stack);
    return { entry, display: entry.display, properties: r.properties(entry), ref: r.resolveString({ Ref: entry.logicalId }) ?? '' };
  };
  return {
    resources: entries.filter((e) => NETWORK_TYPES.includes(e.type)).map((e) => {
      const m = raw(e);
      const env = resolver.forStack(e.stack).env;
      return {
        location: m.display, type: e.type, properties: m.properties, ref: m.ref, account: env.account, region: env.region, partition: env.partition,
      };
    }),
    accessPoints: entries.filter((e) => e.type === 'AWS::S3::AccessPoint').map(raw),
  };
}
