import { WriteAccessFinding } from './findings';

/**
 * The findings of one synth, over every call the CDK makes to the plugin during it. Most aws-cdk-lib versions call a
 * plugin once with every template; some call it once per group of stacks. A call for another app, or one that names a
 * template already seen, belongs to a new synth, and starts over.
 */
export class FindingsOfOneSynth {
  private readonly templates = new Set<string>();
  private collected: WriteAccessFinding[] = [];
  private app?: unknown;

  /**
   * Add the findings of one call over `templatePaths`; returns every finding of this synth so far.
   * @param app the app's root construct, or (without the tree) its assembly directory
   */
  public add(app: unknown, templatePaths: readonly string[], findings: readonly WriteAccessFinding[]): WriteAccessFinding[] {
    if (app !== this.app || templatePaths.some(p => this.templates.has(p))) this.clear();
    this.app = app;
    templatePaths.forEach(p => this.templates.add(p));
    this.collected = [...this.collected, ...findings];
    return this.all;
  }

  public clear(): void {
    this.templates.clear();
    this.collected = [];
  }

  public get all(): WriteAccessFinding[] {
    return [...this.collected];
  }
}
