import { kmsActionsFor } from '../../contract/request-features';
import { decisionOutcomes } from '../findings/decision-causes';
import { StepContext } from '../findings/step-context';
import { Gate } from '../gates';
import { AnalysisEnvironment } from '../input';
import { safeEvaluate } from './evaluator';
import type { IntentContext } from './intent-context';
import { keysForWrite } from './kms-keys';
import { kmsPolicySet } from './policy-sets';
import { globMatch } from '../../iam/match/glob';
import { PolicyRegistry } from '../model/policy-registry';
import { BucketModel, FunctionModel, KeyModel, RoleModel } from '../model/types';
import { buildKmsRequest } from '../request/kms-request';
import { keysReadBySet } from '../request/policy-clauses';
import { combineCandidates, outcome, StepOutcome } from '../step-outcome';

export interface KmsStepInput {
  readonly fn: FunctionModel;
  readonly role: RoleModel;
  readonly bucket: BucketModel;
  readonly objectArn: string;
  readonly bucketKey: boolean;
  readonly multipart: boolean;
  readonly environment: AnalysisEnvironment;
  readonly registry: PolicyRegistry;
  /** The S3 step's context; the KMS step reuses its names. */
  readonly base: StepContext;
}

/**
 * The gate: the KMS call an SSE-KMS write makes, for each key that may encrypt it (kms-keys.ts); with several
 * candidates, the step passes only if every one passes.
 */
export const kmsGate: Gate<IntentContext> = {
  name: 'KMS authorization of an SSE-KMS write',
  outcomes: (c) => {
    const { bucket, profile } = c;
    const selection = keysForWrite(bucket, profile, c.request.sseKmsKeyArn, c.model, c.environment);
    if (selection.candidates.length === 0) return [];
    const input: KmsStepInput = {
      fn: c.fn,
      role: c.role,
      bucket,
      objectArn: c.objectArn,
      multipart: profile.multipart === true,
      bucketKey: profile.bucketKeyEnabled ?? bucket.encryption?.bucketKeyEnabled ?? false,
      environment: c.environment,
      registry: c.registry,
      base: c.step,
    };
    return combineCandidates(selection.candidates.map((k) => kmsOutcomes(k, input)), selection.notes.join('; '));
  },
};

/**
 * The second authorization of an SSE-KMS write: S3 calls KMS with the function's credentials —
 * `kms:GenerateDataKey` for every upload, and `kms:Decrypt` too for a multipart upload (S3 User Guide,
 * "Multipart upload API and permissions"; re:Post s3-large-file-encryption-kms-key).
 */
export function kmsOutcomes(key: KeyModel, input: KmsStepInput): StepOutcome[] {
  const { role, bucket } = input;
  const ctxFor = (action: string): StepContext => ({
    ...input.base, kind: 'kms', action, resourceArn: input.base.show(key.arn), keyDisplay: key.display,
  });
  if (!key.enabled) {
    return [outcome('deny', 'KMS_KEY_POLICY', `${input.base.subject}: the write is encrypted with key ${key.display}, which is disabled (Enabled: false).`,
      `Enable key ${key.display}, or encrypt the bucket with another key.`, {
        location: key.display,
        logicalId: key.entry?.logicalId,
        templatePath: key.entry?.stack.templatePath,
        jsonPath: 'Properties/Enabled',
      })];
  }
  if (key.awsManaged && globMatch(role.account, bucket.account, { wildcards: false }) === 'false') {
    return [{
      ...outcome('deny', 'KMS_AWS_MANAGED_CROSS_ACCOUNT',
        `${input.base.subject}: the bucket ${bucket.display} encrypts with the AWS managed key aws/s3 of its account, which principals of another account (the function's) cannot use.`,
        `Encrypt ${bucket.display} with a customer managed key whose key policy allows role ${input.base.roleArn} kms:GenerateDataKey, or write with \`ServerSideEncryption: 'AES256'\` if SSE-S3 is acceptable.`,
        {
          location: bucket.display,
          templatePath: bucket.entry?.stack.templatePath,
          logicalId: bucket.entry?.logicalId,
          jsonPath: 'Properties/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault',
        }),
      credentialBound: true,
    }];
  }
  const actions = kmsActionsFor(input.multipart);
  const policies = kmsPolicySet(role, key, input.environment, input.registry);
  return actions.flatMap((action) => {
    const request = buildKmsRequest({
      fn: input.fn,
      role,
      bucket,
      objectArn: input.objectArn,
      keyArn: key.arn,
      keyAccount: key.account,
      bucketKey: input.bucketKey,
      aliases: key.aliases,
      environment: input.environment,
      keyExternal: key.external,
      keysRead: keysReadBySet(policies),
    }, action);
    return decisionOutcomes(safeEvaluate(request, policies), { ...ctxFor(action), request });
  });
}

