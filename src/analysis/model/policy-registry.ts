import { PolicyDoc, PolicySource } from './types';
import { parsePolicy } from '../../iam';
import { Policy, Statement, StatementRef } from '../../iam/model';

/** Where one statement lives: its policy's source and its index in that resource's document. */
export interface StatementOrigin {
  readonly source: PolicySource;
  readonly index: number;
  readonly statement?: Statement;
}

/**
 * Parsed policies by the id the evaluator reports back, so a decision's statement references turn into
 * construct paths, template locations and statements for messages and fixes.
 */
export class PolicyRegistry {
  private readonly docs = new Map<string, PolicyDoc>();
  private readonly parsed = new Map<string, Policy>();

  /** Parse (once) and register a document; an unknown document becomes a policy the evaluator treats as unknown. */
  policy(doc: PolicyDoc): Policy {
    const cached = this.parsed.get(doc.id);
    if (cached) return cached;
    let policy: Policy;
    if (doc.document === undefined || doc.missing !== undefined) {
      policy = { id: doc.id, version: '2012-10-17', statements: [], errors: [doc.missing ?? 'the document is missing'] };
    } else {
      try {
        policy = parsePolicy(doc.document, doc.id);
      } catch (e) {
        policy = { id: doc.id, version: '2012-10-17', statements: [], errors: [`could not read the policy: ${(e as Error).message}`] };
      }
    }
    this.docs.set(doc.id, doc);
    this.parsed.set(doc.id, policy);
    return policy;
  }

  /** The document a policy id (or an evaluator id with a suffix, like `id (errors)`) refers to. */
  doc(policyId: string): PolicyDoc | undefined {
    const exact = this.docs.get(policyId);
    if (exact) return exact;
    let best: PolicyDoc | undefined;
    for (const [id, doc] of this.docs) {
      if (policyId.startsWith(id) && (!best || id.length > best.id.length)) best = doc;
    }
    return best;
  }

  origin(ref: StatementRef): StatementOrigin | undefined {
    const doc = this.doc(ref.policyId);
    if (!doc) return undefined;
    const statement = this.parsed.get(doc.id)?.statements.find((s) => s.index === ref.index);
    const combined = doc.origins?.[ref.index];
    return combined ? { ...combined, statement } : { source: doc.source, index: ref.index, statement };
  }
}
