/**
 * `npm run bench`: synth time of generated apps without the checker, with it, and with cdk-nag's AwsSolutions
 * pack, printed as a Markdown table with ratios to the plain synth.
 *
 *   npm run bench                         # sizes 100, 400, 1000 pairs; 1 run each
 *   npm run bench -- --sizes 100,400,2000 --runs 3
 *
 * Each measurement runs in a fresh Node process (no warm caches shared between variants) and the median of
 * --runs is reported. Construction time (building the construct tree) is the same for all variants and is
 * reported separately from synthesis, which is where validation runs. "analysis alone" times the checker's
 * analysis on the written templates of the plain run: its own cost, without the noise of a second synthesis.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

interface Sample { pairs: number; resources: number; variant: string; constructMs: number; synthMs: number; analysisMs?: number; findings?: number }

const VARIANTS = ['plain', 'checker', 'cdk-nag'];

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function measure(pairs: number, variant: string): Sample {
  const out = execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'generated-app.ts'), '--pairs', String(pairs), '--variant', variant],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } },
  );
  const line = out.trim().split('\n').pop()!;
  return JSON.parse(line) as Sample;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function main(): void {
  const sizes = option('--sizes', '100,400,1000').split(',').map(Number);
  const runs = Number(option('--runs', '1'));
  const rows: string[] = [];
  rows.push('| pairs | resources | construct (s) | synth plain (s) | synth + checker (s) | checker overhead | analysis alone (s) | synth + cdk-nag AwsSolutions (s) | cdk-nag overhead | findings |');
  rows.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const pairs of sizes) {
    const by: Record<string, Sample[]> = {};
    for (let r = 0; r < runs; r++) {
      for (const variant of VARIANTS) {
        (by[variant] ??= []).push(measure(pairs, variant));
        process.stderr.write(`  ${pairs} pairs, ${variant}, run ${r + 1}/${runs} done\n`);
      }
    }
    const synth = (v: string) => median(by[v].map((s) => s.synthMs)) / 1000;
    const construct = median(by.plain.map((s) => s.constructMs)) / 1000;
    const total = (v: string) => construct + synth(v);
    const overhead = (v: string) => `${(((total(v) - total('plain')) / total('plain')) * 100).toFixed(1)} %`;
    rows.push(
      `| ${pairs} | ${pairs * 6} | ${construct.toFixed(2)} | ${synth('plain').toFixed(2)} | ${synth('checker').toFixed(2)} | ${overhead('checker')} | ` +
      `${(median(by.plain.map((s) => s.analysisMs ?? 0)) / 1000).toFixed(2)} | ` +
      `${synth('cdk-nag').toFixed(2)} | ${overhead('cdk-nag')} | ${by.checker[0].findings} |`,
    );
  }
  process.stdout.write(`\nNode ${process.version}, ${require('os').cpus().length} cores, ${runs} run(s) each, median.\n`);
  process.stdout.write('Overhead = (construct + synth with validation) / (construct + plain synth) - 1.\n\n');
  process.stdout.write(rows.join('\n') + '\n');
}

main();
