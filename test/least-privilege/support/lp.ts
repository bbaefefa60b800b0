import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { analyzeAssembly } from '../../../src/analysis/analyze';
import { buildAssemblyIndex } from '../../../src/analysis/cfn/assembly-index';
import { AnalysisEnvironment, AssemblyInput, StackTemplate } from '../../../src/analysis/input';
import { analyzeLeastPrivilege, ExcessPermission, LeastPrivilegeReport, RolePrivilege } from '../../../src/analysis/least-privilege';
import { buildModel } from '../../../src/analysis/model/build-model';
import { Finding } from '../../../src/analysis/report';
import { newApp } from '../../support/harness';

/** An App whose templates carry construct paths (as under the CDK command line), so the report names constructs. */
export function pathApp(): App {
  return newApp({ context: { 'aws:cdk:enable-path-metadata': true } });
}

/** The app's templates as the analysis reads them (every stack of the root assembly). */
export function assemblyOf(app: App): AssemblyInput {
  const assembly = app.synth();
  const stacks: StackTemplate[] = assembly.stacks.map((s) => ({
    artifactId: s.id,
    stackName: s.stackName,
    stackPath: s.hierarchicalId,
    templatePath: s.templateFile,
    template: JSON.parse(fs.readFileSync(path.join(assembly.directory, s.templateFile), 'utf-8')),
    account: s.environment.account,
    region: s.environment.region,
  }));
  return { stacks };
}

/** The least-privilege report, computed on the model the analysis builds from the templates. */
export function leastPrivilegeOf(input: AssemblyInput, environment: AnalysisEnvironment = {}): LeastPrivilegeReport {
  return analyzeLeastPrivilege(buildModel(buildAssemblyIndex(input), environment), environment);
}

export function findingsOf(input: AssemblyInput, environment: AnalysisEnvironment = {}): readonly Finding[] {
  return analyzeAssembly(input, environment).findings;
}

export function roleOf(report: LeastPrivilegeReport, rolePath: string): RolePrivilege {
  const role = report.roles.find((r) => r.role === rolePath);
  if (!role) throw new Error(`no role ${rolePath}; roles: ${report.roles.map((r) => r.role).join(', ')}`);
  return role;
}

/** `kind action where`, one line per excess action, sorted: the excess of a role as one comparable list. */
export function excessLines(role: RolePrivilege): string[] {
  return role.excess.flatMap((e) => e.actions.map((action) => `${e.kind} ${action}${e.bucket ? ` ${e.bucket}` : ''}${e.key ? ` ${e.key}` : ''}`)).sort();
}

/** The role's excess entry that names the action. */
export function excessOf(role: RolePrivilege, action: string): ExcessPermission | undefined {
  return role.excess.find((e) => e.actions.includes(action));
}

/**
 * The templates with the role's identity policies replaced by its least-privilege policy: every `AWS::IAM::Policy`
 * attached to it, its inline `Policies` and its S3 managed policies go; one `AWS::IAM::Policy` with the
 * least-privilege document (its CloudFormation form) takes their place, under the logical ID of the first one removed
 * so that `DependsOn` still holds.
 */
export function withLeastPrivilege(input: AssemblyInput, role: RolePrivilege): AssemblyInput {
  const stacks = input.stacks.map((s) => {
    if (s.templatePath !== role.templatePath) return s;
    const template = JSON.parse(JSON.stringify(s.template));
    const resources: Record<string, any> = template.Resources;
    const roleResource = resources[role.logicalId!];
    delete roleResource.Properties.Policies;
    if (Array.isArray(roleResource.Properties.ManagedPolicyArns)) {
      roleResource.Properties.ManagedPolicyArns = roleResource.Properties.ManagedPolicyArns.filter((a: unknown) => !JSON.stringify(a).includes('AmazonS3'));
    }
    const removed = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::IAM::Policy'
      && (resources[id].Properties.Roles ?? []).some((r: any) => r?.Ref === role.logicalId));
    for (const id of removed) delete resources[id];
    const id = removed[0] ?? 'LeastPrivilegePolicy';
    resources[id] = {
      Type: 'AWS::IAM::Policy',
      Properties: { PolicyName: 'LeastPrivilege', Roles: [{ Ref: role.logicalId }], PolicyDocument: role.leastPrivilege.cloudFormation },
    };
    for (const r of Object.values(resources)) {
      if (Array.isArray(r.DependsOn)) r.DependsOn = r.DependsOn.filter((d: string) => !removed.includes(d) || d === id);
    }
    return { ...s, template };
  });
  return { stacks };
}

export function logicalIdOf(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}
