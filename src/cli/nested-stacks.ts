import { isPlainObject } from './json-file';

/**
 * CloudFormation nested stacks (`NestedStack`) are not stack artifacts of the assembly: their templates are assets
 * (`*.nested.template.json`) that the parent deploys through an `AWS::CloudFormation::Stack` resource, with
 * parameters the parent passes. The analysis reads stack artifacts only, so functions inside nested stacks are not
 * checked — which must be said, never silently passed.
 */

/** The construct paths of the nested stacks a template deploys (`Parent/Child`), or `Stack/LogicalId`. */
export function nestedStacksOf(template: Record<string, unknown>, stackLabel: string): string[] {
  const resources = isPlainObject(template.Resources) ? template.Resources : {};
  return Object.entries(resources).flatMap(([logicalId, resource]) => {
    if (!isPlainObject(resource) || resource.Type !== 'AWS::CloudFormation::Stack') return [];
    const metadata = isPlainObject(resource.Metadata) ? resource.Metadata : {};
    // Only stacks whose template the CDK synthesized; a TemplateURL of an external template is out of reach anyway.
    if (typeof metadata['aws:asset:path'] !== 'string') return [];
    const cdkPath = metadata['aws:cdk:path'];
    // The CDK names the resource `<Parent>/<Child>.NestedStack/<Child>.NestedStackResource`.
    return [typeof cdkPath === 'string' ? cdkPath.replace(/\.NestedStack\/.*$/, '') : `${stackLabel}/${logicalId}`];
  });
}
