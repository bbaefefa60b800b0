import { ParsedDenial } from './parse-denial';
import { StackTemplate } from '../../analysis/input';
import { isPlainObject } from '../json-file';
import { PATH_METADATA_KEY } from '../path-metadata';

/**
 * Finds the function and bucket an AWS error names in the templates. Names in an error are physical names: a
 * literal `RoleName`/`FunctionName`/`BucketName` in a template matches for certain; CDK resources usually have
 * names CloudFormation generates as `<stack name>-<logical ID, cut short>-<random suffix>` (lower case for
 * buckets), which matches likely but not certainly (two stacks could share the beginning of a name).
 */

/** exact: a literal name in a template; likely: a generated name's shape; none: not found. */
export type MatchConfidence = 'exact' | 'likely' | 'none';

export interface TemplateResource {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  /** Construct path when the template records it, else `Stack/LogicalId`. */
  readonly display: string;
}

export interface Located {
  readonly fn?: TemplateResource;
  readonly role?: TemplateResource;
  readonly bucket?: TemplateResource;
  readonly confidence: MatchConfidence;
  /** How each was found, one sentence each, for the output. */
  readonly how: readonly string[];
}

const FUNCTION = 'AWS::Lambda::Function';
const ROLE = 'AWS::IAM::Role';
const BUCKET = 'AWS::S3::Bucket';

export function locateDenial(stacks: readonly StackTemplate[], denial: ParsedDenial): Located {
  const resources = stacks.flatMap(resourcesOf);
  const how: string[] = [];
  const confidences: MatchConfidence[] = [];
  const functions = resources.filter(r => r.type === FUNCTION);
  const roles = resources.filter(r => r.type === ROLE);

  let fn: TemplateResource | undefined;
  let role: TemplateResource | undefined;
  const note = (confidence: MatchConfidence, sentence: string) => { confidences.push(confidence); how.push(sentence); };

  if (denial.roleName) {
    role = roles.find(r => r.properties.RoleName === denial.roleName);
    if (role) note('exact', `role ${denial.roleName} is the literal RoleName of ${role.display}`);
  }
  if (!role && denial.sessionName) {
    fn = functions.find(f => f.properties.FunctionName === denial.sessionName);
    if (fn) note('exact', `session ${denial.sessionName} is the literal FunctionName of ${fn.display} (Lambda names the session after the function)`);
  }
  if (!role && !fn && denial.roleName) {
    role = roles.find(r => isGeneratedName(denial.roleName!, r, false));
    if (role) note('likely', `role ${denial.roleName} has the shape of the name CloudFormation generates for ${role.display} (stack name, logical ID, random suffix)`);
  }
  if (!role && !fn && denial.sessionName) {
    fn = functions.find(f => isGeneratedName(denial.sessionName!, f, false));
    if (fn) note('likely', `session ${denial.sessionName} has the shape of the name CloudFormation generates for function ${fn.display}`);
  }
  if (role && !fn) fn = functionOfRole(functions, role, denial.sessionName);
  if (fn && !role) role = roleOfFunction(roles, fn);

  const bucket = denial.bucket ? locateBucket(resources, denial.bucket, note) : undefined;
  if (denial.roleName && !role && !fn) how.push(`no role named ${denial.roleName} and no function named ${denial.sessionName ?? '(no session)'} in the assembly`);
  if (denial.bucket && !bucket) how.push(`no bucket named ${denial.bucket} in the assembly`);
  const found = confidences.length > 0 && (denial.roleName === undefined || role !== undefined || fn !== undefined);
  return { fn, role, bucket, confidence: found ? weakest(confidences) : 'none', how };
}

function locateBucket(resources: readonly TemplateResource[], name: string,
  note: (confidence: MatchConfidence, sentence: string) => void): TemplateResource | undefined {
  const buckets = resources.filter(r => r.type === BUCKET);
  const literal = buckets.find(b => b.properties.BucketName === name);
  if (literal) {
    note('exact', `bucket ${name} is the literal BucketName of ${literal.display}`);
    return literal;
  }
  const generated = buckets.find(b => isGeneratedName(name, b, true));
  if (generated) note('likely', `bucket ${name} has the shape of the name CloudFormation generates for ${generated.display}`);
  return generated;
}

/**
 * `<stack name>-<logical ID>-<suffix>`, both parts possibly cut short to fit the name's length limit: the name
 * without its last `-part` must be a beginning of `<stack name>-<logical ID>` that goes past the stack name.
 */
function isGeneratedName(name: string, resource: TemplateResource, lowerCase: boolean): boolean {
  const cut = name.lastIndexOf('-');
  if (cut <= 0) return false;
  const body = name.slice(0, cut);
  const full = `${resource.stack.stackName}-${resource.logicalId}`;
  const [a, b] = lowerCase ? [body, full.toLowerCase()] : [body, full];
  return b.startsWith(a) && a.length > resource.stack.stackName.length + 1;
}

function functionOfRole(functions: readonly TemplateResource[], role: TemplateResource, session: string | undefined): TemplateResource | undefined {
  const users = functions.filter(f => f.stack === role.stack && refersTo(f.properties.Role, role.logicalId));
  return users.find(f => session !== undefined && f.properties.FunctionName === session) ?? users[0];
}

function roleOfFunction(roles: readonly TemplateResource[], fn: TemplateResource): TemplateResource | undefined {
  return roles.find(r => r.stack === fn.stack && refersTo(fn.properties.Role, r.logicalId));
}

/** `{ "Fn::GetAtt": [id, "Arn"] }` or `{ "Ref": id }`. */
function refersTo(value: unknown, logicalId: string): boolean {
  if (!isPlainObject(value)) return false;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return getAtt[0] === logicalId;
  if (typeof getAtt === 'string') return getAtt.split('.')[0] === logicalId;
  return value.Ref === logicalId;
}

function weakest(confidences: readonly MatchConfidence[]): MatchConfidence {
  if (confidences.includes('none')) return 'none';
  return confidences.includes('likely') ? 'likely' : 'exact';
}

export function resourcesOf(stack: StackTemplate): TemplateResource[] {
  const template = stack.template;
  if (!isPlainObject(template) || !isPlainObject(template.Resources)) return [];
  return Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
    if (!isPlainObject(resource) || typeof resource.Type !== 'string') return [];
    const metadata = isPlainObject(resource.Metadata) ? resource.Metadata : {};
    const cdkPath = typeof metadata[PATH_METADATA_KEY] === 'string' ? metadata[PATH_METADATA_KEY] as string : undefined;
    return [{
      stack,
      logicalId,
      type: resource.Type,
      properties: isPlainObject(resource.Properties) ? resource.Properties : {},
      display: cdkPath ? cdkPath.replace(/\/Resource$/, '') : `${stack.stackPath ?? stack.artifactId}/${logicalId}`,
    }];
  });
}
