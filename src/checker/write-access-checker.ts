import { IAspect, IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1 } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { collectAcknowledgements } from './acknowledgements';
import { readAssemblyInput, rootAssemblyDirectory, ValidationRunInput, validationRunInput } from './assembly-input';
import { isInNestedStage } from './construct-references';
import { declaredFunction, declaredIntent } from './declared-intent';
import { toAnalysisEnvironment } from './environment';
import { ExpectWriteOptions } from './expect-write-options';
import {
  LeastPrivilegeFindings, LeastPrivilegeIssue, LeastPrivilegeMode, LeastPrivilegeRule, WriteAccessCauseCode,
  WriteAccessFinding, WriteVerdict,
} from './findings';
import { FindingsOfOneSynth } from './findings-of-one-synth';
import { rememberApp } from './known-apps';
import { PluginRegistration } from './plugin-registration';
import { WriteAccessCheckerProps } from './props';
import { toPublicFinding, toPublicLeastPrivilege } from './public-finding';
import { REPORT_FILE_NAME, writeReportFile } from './report-file';
import { runsUnderCdkCommandLine, summaryLine, warningLines } from './synth-output';
import {
  ERROR, internalErrorViolation, leastPrivilegeViolation, toOlderHookViolation, toViolation, Violation, WARNING, withOlderHookResources,
} from './violations';
import { analyzeAssembly } from '../analysis/analyze';
import { AcknowledgementTable, acknowledgementRuleId, CHECKER_RULE_NAMESPACE } from '../analysis/findings/acknowledgement';
import { AnalysisEnvironment } from '../analysis/input';
import { withExcessAcknowledged } from '../analysis/least-privilege';
import { LeastPrivilegeReport } from '../analysis/least-privilege/types';
import { escapeForTerminal } from '../analysis/text/escape-for-terminal';
import { acknowledgeRule, hasFinalValidationApi } from '../compat/validation-api';
import { recordWriteIntent } from '../contract/record-intent';

/**
 * Decides at synth time, from the final CloudFormation templates, whether each Lambda function's `s3:PutObject`
 * would be ALLOWED, DENIED, CONDITIONAL or UNKNOWN, names the statement or setting that decides it, and fails
 * synth on DENY.
 *
 * Use it as an Aspect (`Aspects.of(app).add(checker)`, at any priority: it registers itself as a CDK validation
 * plugin, which runs after synthesis on every stack, nested Stages included) or register it as a validation plugin
 * directly (`Validations.of(app).addPlugins(checker)`). Both run the same analysis once per synth.
 *
 * Acknowledge a finding on the function, its role or its bucket (or any of their ancestors) with
 * `WriteAccessChecker.acknowledge(scope, code, reason)`, i.e. the CDK's
 * `Validations.of(scope).acknowledge({ id: 'WriteAccessChecker::<code>', reason })`: an acknowledged finding no longer
 * fails synth, and stays in `findings` and the report, marked acknowledged.
 *
 * @exampleMetadata fixture=function-and-bucket
 * @example
 * import { App, Aspects } from 'aws-cdk-lib';
 * import { ObjectEncryption, WriteAccessChecker } from 'cdk-secure-lambda-writer';
 *
 * const app = new App();
 * // ... the app's stacks, where `fn` writes to `bucket` ...
 * Aspects.of(app).add(new WriteAccessChecker({ strict: true }));
 * // Optional: what the function's requests carry (without it, the default SDK request is assumed).
 * WriteAccessChecker.expectWrite(fn, bucket, {
 *   keyPrefix: 'out/',
 *   request: { encryption: ObjectEncryption.KMS },
 * });
 */
export class WriteAccessChecker implements IAspect, IPolicyValidationPluginBeta1 {
  /** The plugin name: the namespace of the rule IDs (`WriteAccessChecker::<code>`). */
  public static readonly PLUGIN_NAME = CHECKER_RULE_NAMESPACE;

  /** The report written into the cloud assembly directory. */
  public static readonly REPORT_FILE_NAME: string = REPORT_FILE_NAME;

  /**
   * Declare that `fn`'s code writes to `bucket`, and what its requests carry, so the checker judges exactly that
   * write. Recorded as metadata on the function's `AWS::Lambda::Function` (literal construct paths and names only):
   * nothing that deploys changes.
   *
   * @param fn a function of this app (or an alias or version of one)
   * @param bucket a bucket of this app, or an imported bucket (by literal name or ARN)
   * @param options the key prefix and the request profile
   */
  public static expectWrite(fn: lambda.IFunction, bucket: s3.IBucket, options: ExpectWriteOptions = {}): void {
    const owner = declaredFunction(fn);
    recordWriteIntent(owner, declaredIntent(owner, bucket, options));
  }

  /**
   * Acknowledge the findings whose first cause is `code` on `scope` and everything under it, with a reason: the
   * CDK's `Validations.of(scope).acknowledge({ id: 'WriteAccessChecker::<code>', reason })` (aws-cdk-lib 2.257 and
   * later), or the same construct metadata on older versions, which lack that method. Acknowledged findings no longer
   * fail synth and are reported with the reason.
   *
   * @param scope the function, its role, its bucket, or a construct that contains them
   * @param code the cause code to acknowledge
   * @param reason why the finding is acceptable
   */
  public static acknowledge(scope: IConstruct, code: WriteAccessCauseCode, reason: string): void {
    acknowledgeRule(scope, WriteAccessChecker.ruleId(code), reason);
    rememberApp(scope);
  }

  /** The rule ID of a cause code, as the CDK's acknowledgements and validation report spell it. */
  public static ruleId(code: WriteAccessCauseCode): string {
    return acknowledgementRuleId(code);
  }

  /**
   * Acknowledge least-privilege findings of `rule` on `scope` and everything under it, with a reason: on the granting
   * policy (one excess), the role or the function (all of the role's), or the bucket (its writers). The CDK's
   * `Validations.of(scope).acknowledge({ id: 'WriteAccessChecker::<rule>', reason })` does the same.
   *
   * @param scope the policy, role, function or bucket, or a construct that contains them
   * @param rule the least-privilege rule to acknowledge
   * @param reason why it is acceptable
   */
  public static acknowledgeLeastPrivilege(scope: IConstruct, rule: LeastPrivilegeRule, reason: string): void {
    acknowledgeRule(scope, acknowledgementRuleId(rule), reason);
    rememberApp(scope);
  }

  /** The name of the validation plugin. */
  public readonly name: string = WriteAccessChecker.PLUGIN_NAME;

  /** The rules the plugin reports: the cause codes. */
  public readonly ruleIds?: string[] = Object.values(WriteAccessCauseCode);

  private readonly environment: AnalysisEnvironment;
  private readonly strict: boolean;
  private readonly writeReport: boolean;
  private readonly alwaysReportNestedStages: boolean;
  private readonly quiet: boolean;
  private readonly leastPrivilegeMode: LeastPrivilegeMode;
  private leastPrivilegeOfSynth: LeastPrivilegeFindings = { roles: [], writers: [], issues: [] };
  private leastPrivilegeOfRun: JudgedLeastPrivilege = { judged: [], report: { roles: [], writers: [], issues: [] } };
  private readonly registration = new PluginRegistration(this);
  private readonly synthFindings = new FindingsOfOneSynth();

  /**
   * @throws Error when a policy document in `props` references resources of the app
   */
  constructor(props: WriteAccessCheckerProps = {}) {
    this.environment = toAnalysisEnvironment(props);
    this.strict = props.strict ?? false;
    this.writeReport = props.reportFile ?? true;
    this.alwaysReportNestedStages = props.alwaysReportNestedStages ?? true;
    this.quiet = props.quiet ?? false;
    this.leastPrivilegeMode = props.leastPrivilege ?? LeastPrivilegeMode.WARN;
  }

  /**
   * The least-privilege report of the last synth: per role its excess and least-privilege policy, per bucket its
   * writers, and the issues reported (empty with `leastPrivilege: OFF`, and before the first synth).
   */
  public get leastPrivilege(): LeastPrivilegeFindings {
    return this.leastPrivilegeOfSynth;
  }

  /**
   * The findings of the last synth: one per write intent, ALLOW included. Filled before synth fails, so tests can
   * read it after `app.synth()` throws. Empty before the first synth.
   */
  public get findings(): WriteAccessFinding[] {
    return this.synthFindings.all;
  }

  /** As an Aspect: registers the checker as a validation plugin of the visited construct's Stage, once. */
  public visit(node: IConstruct): void {
    this.registration.onVisit(node);
  }

  /**
   * As a validation plugin: analyzes the templates, reports DENY as errors and CONDITIONAL/UNKNOWN as warnings.
   *
   * Typed with the validation hook every supported aws-cdk-lib has (`IPolicyValidationPluginBeta1`); the final API
   * (`Validations.of(app).addPlugins`, aws-cdk-lib 2.257 and later) accepts the same object.
   */
  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const finalApi = hasFinalValidationApi();
    let violations: Violation[];
    try {
      violations = this.validateRun(validationRunInput(context, this.registration.root, this), finalApi);
    } catch (error) {
      // A bug of ours must never crash the user's synth: it is reported like a finding.
      violations = [internalErrorViolation(error, this.strict)];
    }
    const success = !violations.some(v => v.severity === ERROR);
    this.printToConsole(success, violations, finalApi);
    // The final API reads construct paths; the older hook requires a template path and logical ID on each resource.
    const report = { success, violations: finalApi ? violations : violations.map(withOlderHookResources) };
    return report as unknown as PolicyValidationPluginReportBeta1;
  }

  private validateRun(run: ValidationRunInput, finalApi: boolean): Violation[] {
    const judged = this.judgeRun(run);
    const all = this.synthFindings.add(run.root ?? rootAssemblyDirectory(run), run.templatePaths, judged.map(j => j.finding));
    this.addLeastPrivilege(all.length === judged.length);
    const violations = finalApi
      ? judged.map(j => toViolation(j.finding, j.subjectPath, this.strict))
      : judged.map(j => toOlderHookViolation(j.finding, rootAssemblyDirectory(run), this.strict));
    const leastPrivilege = this.leastPrivilegeOfRun.judged
      .filter(j => finalApi || !j.issue.acknowledged)
      .map(j => leastPrivilegeViolation(j.issue, j.subjectPath, this.leastPrivilegeMode));
    const reported = [...[...violations, ...leastPrivilege].filter((v): v is Violation => v !== undefined), ...withoutTree(run)];
    return this.writeReport ? [...reported, ...this.writeReportFile(run, finalApi)] : reported;
  }

  private judgeRun(run: ValidationRunInput): JudgedFinding[] {
    const report = analyzeAssembly(readAssemblyInput(run), this.environment, { leastPrivilege: this.leastPrivilegeMode !== LeastPrivilegeMode.OFF });
    const acknowledgements = run.root ? collectAcknowledgements(run.root) : new AcknowledgementTable();
    this.leastPrivilegeOfRun = judgeLeastPrivilege(report.leastPrivilege ?? { roles: [], writers: [], issues: [] }, acknowledgements);
    return report.findings.map(f => judge(toPublicFinding(f), acknowledgements, run.root, this.alwaysReportNestedStages));
  }

  /** Add this run's least-privilege report to the synth's (a new synth starts over). */
  private addLeastPrivilege(newSynth: boolean): void {
    const run = this.leastPrivilegeOfRun.report;
    const base: LeastPrivilegeFindings = newSynth ? { roles: [], writers: [], issues: [] } : this.leastPrivilegeOfSynth;
    this.leastPrivilegeOfSynth = {
      roles: [...base.roles, ...run.roles],
      writers: [...base.writers, ...run.writers],
      issues: [...base.issues, ...run.issues],
    };
  }

  /**
   * Write the report into the assembly. The final API lets a plugin add files while it runs; the older hook
   * fingerprints the whole assembly around each plugin and fails synth on any change, so there the file is written as
   * soon as synthesis has returned (before the app's process ends, so before the CDK command line reads the assembly).
   * Writing it must not lose the findings: a failure is a warning, not an internal error.
   */
  private writeReportFile(run: ValidationRunInput, finalApi: boolean): Violation[] {
    const directory = rootAssemblyDirectory(run);
    const findings = this.synthFindings.all;
    const leastPrivilege = this.leastPrivilegeMode === LeastPrivilegeMode.OFF ? undefined : this.leastPrivilegeOfSynth;
    if (!finalApi) {
      writeWhenSynthReturns(directory, findings, leastPrivilege);
      return [];
    }
    try {
      writeReportFile(directory, findings, leastPrivilege);
      return [];
    } catch (error) {
      return [reportFileProblem(error)];
    }
  }

  private printToConsole(success: boolean, violations: readonly Violation[], finalApi: boolean): void {
    if (this.quiet || !runsUnderCdkCommandLine()) return;
    const lines = [summaryLine(this.synthFindings.all)];
    if (!finalApi && success) lines.unshift(...warningLines(violations));
    try {
      process.stderr.write(lines.join('\n') + '\n');
    } catch {
      // A closed standard error (the command line gone) loses the summary, never the synth.
    }
  }
}

/**
 * On the older hook: write the report once the synth has returned (the next tick), or at the latest when the process
 * exits (an app that calls `process.exit()` right after `app.synth()`), whichever comes first.
 */
function writeWhenSynthReturns(directory: string, findings: readonly WriteAccessFinding[], leastPrivilege?: LeastPrivilegeFindings): void {
  const write = () => {
    process.removeListener('exit', write);
    try {
      writeReportFile(directory, findings, leastPrivilege);
    } catch (error) {
      process.stderr.write(`${escapeForTerminal(reportFileProblem(error).description)}\n`);
    }
  };
  process.once('exit', write);
  process.nextTick(() => {
    if (process.listeners('exit').includes(write)) write();
  });
}

/**
 * Without the construct tree (a plugin registered directly, on a CDK whose hook passes template paths only, in an app
 * that recorded no intent), nested stacks and acknowledgements cannot be seen: say so, and how to get them.
 */
function withoutTree(run: ValidationRunInput): Violation[] {
  if (run.root) return [];
  return [{
    ruleName: WriteAccessCauseCode.UNRESOLVED,
    description: 'WriteAccessChecker was registered as a validation plugin without its Aspect, and this aws-cdk-lib does not ' +
      'pass plugins the construct tree: CloudFormation nested stacks and acknowledgements are not checked.',
    fix: 'Add the checker with Aspects.of(app).add(checker) (it registers itself as the plugin), or upgrade aws-cdk-lib to 2.257.0 or later.',
    severity: WARNING,
    violatingResources: [{ constructPath: '', locations: [] }],
  }];
}

function reportFileProblem(error: unknown): Violation {
  return {
    ruleName: WriteAccessCauseCode.UNRESOLVED,
    description: `WriteAccessChecker could not write ${REPORT_FILE_NAME}: ${String(error)}`,
    fix: 'Check that the cloud assembly directory is writable, or set reportFile: false.',
    severity: WARNING,
    violatingResources: [{ constructPath: '', locations: [] }],
  };
}

interface JudgedFinding {
  readonly finding: WriteAccessFinding;
  /** The construct path the violation is reported on (see `toViolation`). */
  readonly subjectPath: string | undefined;
}

/**
 * A finding may be acknowledged on the function, its role or its bucket (or an ancestor of one). The violation is
 * then reported on the path that the acknowledgement covers, so the CDK suppresses exactly what is marked here.
 *
 * An unacknowledged finding in a nested Stage is reported on no construct when `alwaysReportNestedStages` is on:
 * the CDK command line shows only the violations of the stacks a command selects, and `cdk synth` selects the
 * top-level stacks only, so a CDK Pipelines synth step would otherwise pass a DENY in a pipeline stage.
 */
function judge(finding: WriteAccessFinding, acknowledgements: AcknowledgementTable, root: IConstruct | undefined,
  alwaysReportNestedStages: boolean): JudgedFinding {
  if (finding.verdict === WriteVerdict.ALLOW) return { finding, subjectPath: finding.function };
  const found = acknowledgements.find(finding);
  if (found) {
    const { reason, ruleId, acknowledgedAt, subjectPath } = found;
    return { finding: { ...finding, acknowledged: { reason, ruleId, acknowledgedAt } }, subjectPath };
  }
  const unfiltered = alwaysReportNestedStages && root !== undefined && isInNestedStage(root, finding.function);
  return { finding, subjectPath: unfiltered ? undefined : finding.function };
}

interface JudgedIssue {
  readonly issue: LeastPrivilegeIssue;
  /** The construct path the violation is reported on: the acknowledging construct, else the policy or the role. */
  readonly subjectPath: string | undefined;
}

/**
 * The least-privilege issues, each acknowledged by the shared rule (its rule ID on the policy, role, function or bucket,
 * or an ancestor), and the report in the public shape with the acknowledged excess marked.
 */
interface JudgedLeastPrivilege {
  readonly judged: readonly JudgedIssue[];
  readonly report: LeastPrivilegeFindings;
}

function judgeLeastPrivilege(report: LeastPrivilegeReport, acknowledgements: AcknowledgementTable): JudgedLeastPrivilege {
  const shown = toPublicLeastPrivilege(report);
  const judged = report.issues.map((issue, i): JudgedIssue => {
    const causes = [{ code: issue.code }];
    for (const subject of issue.subjects) {
      const found = acknowledgements.find({ function: subject, bucket: subject, causes });
      if (found) {
        const { reason, ruleId, acknowledgedAt } = found;
        return { issue: { ...shown.issues[i], acknowledged: { reason, ruleId, acknowledgedAt } }, subjectPath: found.subjectPath };
      }
    }
    // A policy outside the app (an AWS managed policy) is named by its ARN, not a construct path: the role's then.
    return { issue: shown.issues[i], subjectPath: issue.subjects.find(p => !p.startsWith('arn:')) };
  });
  const roles = withExcessAcknowledged(shown.roles, judged.map(j => j.issue).filter(i => i.rule === LeastPrivilegeRule.EXCESS_PERMISSION));
  return { judged, report: { roles, writers: shown.writers, issues: judged.map(j => j.issue) } };
}

