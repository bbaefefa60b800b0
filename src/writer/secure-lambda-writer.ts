import { Annotations, CfnOutput, Stack, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { createAccessDeniedAlarm, validateAccessDeniedAlarm } from './access-denied-alarm';
import { createBucket, createKey } from './bucket-setup';
import { chooseEncryption } from './encryption';
import { requiredHeaders, writerEnvironment } from './environment';
import { validationMessage, WriterPropError } from './errors';
import { adoptFunction, createFunction, functionRuntimeStatements, WiredFunction } from './function-setup';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { canEditPolicy, Ownership, ownershipOf } from './ownership';
import { checkBucketPlacement, checkVpcEndpoint } from './placement-checks';
import { SecureLambdaWriterProps } from './props';
import { recordWriterIntent } from './record-intent';
import { resourceConflicts } from './resource-conflicts';
import { validatedReferences } from './resource-references';
import { validateProps } from './validate-props';
import { bucketGuardStatements, BucketGuards, keyUseStatements, objectWriteStatements, WritePlan } from './write-statements';
import { ObjectEncryption } from '../contract/object-encryption';
import { DEFAULT_ENVIRONMENT_PREFIX } from '../runtime/environment-names';

/**
 * Wires a Lambda function to write to an S3 bucket so that the write works the first time, with least privilege:
 *
 * - a dedicated role with `s3:PutObject` on `bucket/<keyPrefix>*` only, and only the extras the writes carry
 *   (`s3:PutObjectTagging` for required tags, `s3:PutObjectAcl` for an allowed ACL, `s3:PutObjectRetention` and
 *   `s3:PutObjectLegalHold` for Object Lock headers, `s3:AbortMultipartUpload` and `kms:Decrypt` for multipart); logs on
 *   the function's own log group only; no managed policy;
 * - with SSE-KMS, `kms:GenerateDataKey` on that key only, through S3 only (`kms:ViaService`) and for this bucket's
 *   objects only (`kms:EncryptionContext:aws:s3:arn`, matching the Bucket Key setting); the key policy allows the role
 *   through S3 when the key belongs to the app in this stack (its statement names the bucket too, unless the bucket
 *   names the key as its default: two resources naming each other cannot be deployed);
 * - a bucket policy that agrees: an Allow for the role on the prefix, and optional denies the writer's own requests
 *   satisfy (encryption header, only this writer under the prefix, VPC endpoint origin, principal-tag match);
 * - for an imported bucket or key, the exact statements its owner must add (`ownerBucketPolicyStatements`,
 *   `ownerKeyPolicyStatements`, and a CfnOutput);
 * - the function's environment tells its code the contract (`WRITER_BUCKET_NAME`, `WRITER_KEY_PREFIX`, `WRITER_SSE`,
 *   `WRITER_KMS_KEY_ARN`, `WRITER_BUCKET_KEY_ENABLED`, `WRITER_OBJECT_TAGS`, `WRITER_ACL`, `WRITER_OBJECT_LOCK_MODE`,
 *   `WRITER_OBJECT_LOCK_RETENTION_DAYS`, `WRITER_OBJECT_LOCK_LEGAL_HOLD`; prefix set by `environmentPrefix`), which
 *   `buildPutObjectInput` from `cdk-secure-lambda-writer/lib/runtime/put-object-input` turns into the PutObject input;
 * - the write intent is recorded on the function for the WriteAccessChecker.
 *
 * cdk-nag (AwsSolutions) findings the writer acknowledges, each with its reason:
 * - `AwsSolutions-IAM5[Resource::<bucket ARN>/<keyPrefix>*]` on the writer's policy: the trailing `*` is the key
 *   prefix itself (object keys are not known in advance); no action wildcard is granted. Acknowledged per finding, so
 *   any other wildcard added to the policy is still reported.
 * - `AwsSolutions-IAM5[Resource::*]`, only when a new function is in a VPC, for the EC2 network-interface actions:
 *   Lambda needs them to manage its ENIs and they do not support resource-level permissions.
 * - `AwsSolutions-S1` on a new bucket without `bucketProps.serverAccessLogsBucket`: server access logs need a second
 *   bucket the user chooses; the writer's role has no read access to audit around.
 *
 * @exampleMetadata fixture=stack-with-function-and-bucket
 * @example
 * import { SecureLambdaWriter } from 'cdk-secure-lambda-writer';
 *
 * // A function of the app writes to a bucket of the app, under `reports/` only, and must send the encryption header.
 * new SecureLambdaWriter(this, 'ReportWriter', {
 *   function: fn,
 *   bucket: bucket,
 *   keyPrefix: 'reports/',
 *   enforceEncryptionHeader: true,
 * });
 */
export class SecureLambdaWriter extends Construct {
  /** The function that writes. */
  public readonly function: lambda.IFunction;
  /** Its execution role: dedicated for a new function, the function's own role otherwise. */
  public readonly role: iam.IRole;
  /** The bucket written to. */
  public readonly bucket: s3.IBucket;
  /** The KMS key objects are encrypted with, for SSE-KMS. */
  public readonly encryptionKey?: kms.IKey;
  /** The function's log group, when the writer created the function. */
  public readonly logGroup?: logs.ILogGroup;
  /** The identity policy holding the writer's statements, attached to `role`. */
  public readonly policy: iam.Policy;
  /** The key prefix writes are allowed under. */
  public readonly keyPrefix: string;
  /** The S3 and KMS actions granted to the role (sorted). */
  public readonly grantedActions: string[];
  /** The request headers the function's writes carry (and the policies expect). */
  public readonly requiredHeaders: string[];
  /** The environment variables set on the function (values may be tokens). */
  public readonly environment: { [name: string]: string };
  /** Statements the owner of an imported bucket must add to its bucket policy (empty for a bucket of the app). */
  public readonly ownerBucketPolicyStatements: iam.PolicyStatement[];
  /** Statements the owner of an imported KMS key must add to its key policy (empty otherwise). */
  public readonly ownerKeyPolicyStatements: iam.PolicyStatement[];
  /** The CfnOutput with the owner statements, only when the bucket or key is imported. */
  public readonly ownerStatementsOutput?: CfnOutput;
  /** Count of access-denied lines in the function's log group, with `accessDeniedAlarm` only. */
  public readonly accessDeniedMetric?: cloudwatch.IMetric;
  /** The alarm on `accessDeniedMetric`, with `accessDeniedAlarm` only. */
  public readonly accessDeniedAlarm?: cloudwatch.IAlarm;

  constructor(scope: Construct, id: string, props: SecureLambdaWriterProps) {
    super(scope, id);
    validateProps(this, props);
    validateAccessDeniedAlarm(this, props);
    this.keyPrefix = props.keyPrefix ?? '';
    if (this.keyPrefix && !this.keyPrefix.endsWith('/')) {
      Annotations.of(this).addWarningV2('cdk-secure-lambda-writer:prefix-not-folder',
        `keyPrefix '${this.keyPrefix}' does not end with '/': writes are allowed on '${this.keyPrefix}*', which also matches ` +
        `keys such as '${this.keyPrefix}-other/…'. End it with '/' to mean a folder.`);
    }
    const prefix = props.environmentPrefix ?? DEFAULT_ENVIRONMENT_PREFIX;

    // Bucket and encryption, decided once.
    const bucketOwnership: Ownership = props.bucket ? ownershipOf(props.bucket, 'AWS::S3::Bucket', this, false) : 'created';
    const encryption = chooseEncryption(this, props, props.bucket, bucketOwnership === 'imported');
    const key = encryption.createKey ? createKey(this) : encryption.key;
    this.encryptionKey = key;
    this.bucket = props.bucket ?? createBucket(this, props.bucketProps, encryption, key, !!(props.objectLockMode || props.objectLockLegalHold));
    checkBucketPlacement(this, this.bucket, bucketOwnership, props);
    // Every ARN and name below comes from this one validated read: an imported reference is read once, checked
    // (a concrete arn:<partition>:s3:::<name> matching its name; a key ARN, never an alias) and frozen.
    const refs = validatedReferences(this, this.bucket, key, props);

    const plan: WritePlan = {
      bucketArn: refs.bucketArn,
      keyPrefix: this.keyPrefix,
      bucketRegion: refs.bucketRegion,
      encryption: encryption.mode === ObjectEncryption.KMS
        ? { sse: 'aws:kms', keyArn: refs.keyArn!, bucketKeyEnabled: encryption.bucketKeyEnabled }
        : { sse: 'AES256' },
      objectTags: props.objectTags ?? {},
      principalTagKeys: props.principalTagKeys ?? [],
      acl: props.acl,
      multipart: props.multipart ?? false,
      objectLock: props.objectLockMode ? { mode: props.objectLockMode, retentionDays: props.objectLockRetentionDays! } : undefined,
      legalHold: props.objectLockLegalHold ?? false,
      sidSuffix: this.node.addr.slice(0, 8),
    };

    // Function, role and the contract in its environment.
    this.environment = writerEnvironment(refs.bucketName, plan, prefix);
    const wired: WiredFunction = props.functionProps
      ? createFunction(this, props.functionProps, this.environment, prefix)
      : adoptFunction(this, props.function!, this.environment, prefix);
    this.function = wired.fn;
    this.role = wired.role;
    this.logGroup = wired.created?.logGroup;
    checkVpcEndpoint(this, wired.fn, props);
    if (props.accessDeniedAlarm && wired.created) {
      const alarm = createAccessDeniedAlarm(this, wired.created.logGroup, props.accessDeniedAlarm);
      this.accessDeniedMetric = alarm.metric;
      this.accessDeniedAlarm = alarm.alarm;
    }
    const conflict = resourceConflicts(this.bucket, this.role, props)[0];
    if (conflict) throw new WriterPropError(this, conflict.prop, conflict.problem, conflict.fix);

    // Identity side.
    const identity = [...objectWriteStatements(plan), ...keyUseStatements(plan), ...functionRuntimeStatements(wired)];
    this.policy = new iam.Policy(this, 'WritePolicy', { statements: identity, roles: [this.role] });
    // Lambda checks the ENI permissions at CreateFunction, and the first write should not race the policy.
    if (wired.created) wired.fn.node.addDependency(this.policy);
    this.grantedActions = [...new Set(identity.flatMap((s) => s.actions).filter((a) => /^(s3|kms):/.test(a)))].sort();
    this.requiredHeaders = requiredHeaders(plan);

    // Resource side: edit what the app owns here, report what it does not.
    const guards: BucketGuards = {
      roleArn: this.role.roleArn,
      enforceEncryptionHeader: props.enforceEncryptionHeader ?? false,
      restrictPrefixToThisWriter: props.restrictPrefixToThisWriter ?? false,
      vpcEndpointId: props.vpcEndpoint?.vpcEndpointId,
    };
    const bucketStatements = [...objectWriteStatements(plan, this.role), ...bucketGuardStatements(plan, guards)];
    this.ownerBucketPolicyStatements = [];
    if (canEditPolicy(bucketOwnership)) {
      for (const s of bucketStatements) this.bucket.addToResourcePolicy(s);
    } else if (bucketOwnership === 'imported') {
      this.ownerBucketPolicyStatements = bucketStatements;
    }
    this.ownerKeyPolicyStatements = [];
    if (key) {
      const keyOwnership = ownershipOf(key, 'AWS::KMS::Key', this, encryption.createKey);
      if (canEditPolicy(keyOwnership)) {
        // The context condition names the bucket: only possible when the bucket does not name this key in turn.
        const encryptionContext = this.bucket.encryptionKey !== key;
        for (const s of keyUseStatements(plan, this.role, { encryptionContext })) key.addToResourcePolicy(s);
      } else if (keyOwnership === 'imported') {
        this.ownerKeyPolicyStatements = keyUseStatements(plan, this.role);
      }
    }
    this.ownerStatementsOutput = this.ownerOutput();

    this.applyTags(props, wired, bucketOwnership === 'created', encryption.createKey);
    recordWriterIntent({
      writer: this, fn: wired.fn, bucket: this.bucket, bucketName: refs.bucketName, key, plan, ownerOutput: this.ownerStatementsOutput,
    });
    acknowledgeNagFindings({
      policy: this.policy,
      wildcardResources: [...new Set(identity.flatMap((s) => s.resources).filter((r) => r.includes('*')))],
      unloggedBucket: bucketOwnership === 'created' && !props.bucketProps?.serverAccessLogsBucket ? this.bucket : undefined,
    });
    // Tags come from aspects and the bucket may change after construction: check again on the final tree.
    this.node.addValidation({
      validate: () => resourceConflicts(this.bucket, this.role, props).map((c) => validationMessage(c.prop, c.problem, c.fix)),
    });
  }

  /** One output for the owner of an imported bucket or key: the statements to paste, as JSON. */
  private ownerOutput(): CfnOutput | undefined {
    if (this.ownerBucketPolicyStatements.length === 0 && this.ownerKeyPolicyStatements.length === 0) return undefined;
    const render = (list: iam.PolicyStatement[]) => list.map((s) => s.toStatementJson());
    return new CfnOutput(this, 'OwnerPolicyStatements', {
      description: `Statements the owner of the imported bucket/key must add so the SecureLambdaWriter ${this.node.path} can write`,
      value: Stack.of(this).toJsonString({
        ...(this.ownerBucketPolicyStatements.length ? { bucketPolicyStatements: render(this.ownerBucketPolicyStatements) } : {}),
        ...(this.ownerKeyPolicyStatements.length ? { keyPolicyStatements: render(this.ownerKeyPolicyStatements) } : {}),
      }),
    });
  }

  private applyTags(props: SecureLambdaWriterProps, wired: WiredFunction, bucketCreated: boolean, keyCreated: boolean): void {
    const created: IConstruct[] = [];
    if (wired.created) created.push(wired.fn, this.role, wired.created.logGroup);
    if (bucketCreated) created.push(this.bucket);
    if (keyCreated && this.encryptionKey) created.push(this.encryptionKey);
    for (const [k, v] of Object.entries(props.tags ?? {})) {
      for (const c of created) Tags.of(c).add(k, v);
    }
    // ABAC: the role carries the tags its writes are matched against, whoever created the role.
    for (const k of props.principalTagKeys ?? []) Tags.of(this.role).add(k, props.objectTags![k]);
  }
}
