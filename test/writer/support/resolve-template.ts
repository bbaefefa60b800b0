/**
 * Resolve the intrinsics of a synthesized template to the concrete strings CloudFormation would produce, with
 * made-up physical names, so a request built from the function's environment can be evaluated against the
 * template's policies. Test support only: it knows just the resource types and intrinsics the writer emits, and
 * fails loudly on anything else.
 */
export interface Deployment {
  readonly partition: string;
  readonly account: string;
  readonly region: string;
}

export class TemplateResolver {
  constructor(private readonly template: any, readonly deployment: Deployment) {}

  /** A generated physical name, lowercase and unique per logical ID. */
  physicalName(logicalId: string): string {
    return `gen-${logicalId.toLowerCase()}`;
  }

  resolve(value: unknown): any {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && keys[0] === 'Ref') return this.ref(obj.Ref as string);
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const [id, attr] = obj['Fn::GetAtt'] as [string, string];
      return this.getAtt(id, attr);
    }
    if (keys.length === 1 && keys[0] === 'Fn::Join') {
      const [sep, parts] = obj['Fn::Join'] as [string, unknown[]];
      return (this.resolve(parts) as unknown[]).join(sep);
    }
    if (keys.some((k) => k.startsWith('Fn::'))) throw new Error(`resolve-template: unsupported intrinsic ${keys.join(',')}`);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = this.resolve(obj[k]);
    return out;
  }

  private resourceType(id: string): string {
    const type = this.template.Resources?.[id]?.Type;
    if (!type) throw new Error(`resolve-template: no resource ${id}`);
    return type;
  }

  private ref(id: string): string {
    const { partition, account, region } = this.deployment;
    const pseudo: Record<string, string> = {
      'AWS::Partition': partition, 'AWS::AccountId': account, 'AWS::Region': region, 'AWS::URLSuffix': 'amazonaws.com',
    };
    if (id in pseudo) return pseudo[id];
    switch (this.resourceType(id)) {
      case 'AWS::KMS::Key': return `00000000-0000-0000-0000-${id.slice(-12).toLowerCase().padStart(12, '0')}`;
      case 'AWS::EC2::VPCEndpoint': return `vpce-${id.slice(-8).toLowerCase()}`;
      default: return this.physicalName(id);
    }
  }

  private getAtt(id: string, attr: string): string {
    if (attr !== 'Arn') throw new Error(`resolve-template: unsupported attribute ${id}.${attr}`);
    const { partition, account, region } = this.deployment;
    const name = this.ref(id);
    switch (this.resourceType(id)) {
      case 'AWS::S3::Bucket': return `arn:${partition}:s3:::${name}`;
      case 'AWS::IAM::Role': return `arn:${partition}:iam::${account}:role/${name}`;
      case 'AWS::KMS::Key': return `arn:${partition}:kms:${region}:${account}:key/${name}`;
      case 'AWS::Logs::LogGroup': return `arn:${partition}:logs:${region}:${account}:log-group:${name}:*`;
      case 'AWS::Lambda::Function': return `arn:${partition}:lambda:${region}:${account}:function:${name}`;
      default: throw new Error(`resolve-template: no ARN format for ${this.resourceType(id)}`);
    }
  }
}
