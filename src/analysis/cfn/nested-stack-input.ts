import { StackTemplate } from '../input';

/**
 * How a front end enters a CloudFormation nested stack (CDK `NestedStack`) into the analysis input, once it has
 * found the template that `parent`'s `AWS::CloudFormation::Stack` resource `logicalId` deploys.
 */

export interface NestedTemplateFile {
  /** Template file path relative to the root assembly directory. */
  readonly templatePath: string;
  /** The parsed template. */
  readonly template: unknown;
  /** The nested stack's construct path, when known (else `<parent path>/<logicalId>`). */
  readonly stackPath?: string;
}

export function nestedStackTemplate(parent: StackTemplate, logicalId: string, file: NestedTemplateFile): StackTemplate {
  return {
    // Unique in the assembly: a logical ID is unique in its parent, the parent's artifact ID in the assembly.
    artifactId: `${parent.artifactId}/${logicalId}`,
    stackPath: file.stackPath ?? `${parent.stackPath ?? parent.artifactId}/${logicalId}`,
    // CloudFormation names it `<parent>-<logicalId>-<random suffix>`; this label is for messages only
    // (`AWS::StackName` of a nested stack stays unresolved: pseudo-parameters.ts).
    stackName: `${parent.stackName}-${logicalId}`,
    templatePath: file.templatePath,
    template: file.template,
    // A nested stack deploys in its parent's account and region (AWS::CloudFormation::Stack has no such property).
    account: parent.account,
    region: parent.region,
    nestedIn: { artifactId: parent.artifactId, logicalId },
  };
}
