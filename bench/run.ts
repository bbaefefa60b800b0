/**
 * `npm run bench`: synth time and peak memory of generated apps without the checker, with it, and (for the pairs)
 * with cdk-nag's AwsSolutions pack, printed as Markdown tables with ratios to the plain synth.
 *
 *   npm run bench                                   # pairs 100, 400, 1000 and grants 50x50, 100x100, 200x200; 1 run
 *   npm run bench -- --sizes 100,400,2000 --runs 3  # pairs only as given (and the default grants)
 *   npm run bench -- --grid 50x50,100x100 --runs 3  # the F x B grant matrix as given; --grid none skips it
 *   npm run bench -- --sizes none --grid 200x200    # one table only
 *
 * Each measurement runs in a fresh Node process (no warm caches shared between variants). The variants of one
 * size are interleaved — run 1 of every variant, then run 2 of every variant, in a rotating order — so that a
 * slow minute of a shared machine falls on all of them alike; each cell is the median of --runs with the spread
 * (min–max) in brackets. Ratios are taken run by run (run r of the checker against run r of the plain synth)
 * before the median. Construction time (building the construct tree) is the same for all variants and is reported
 * separately from synthesis, which is where validation runs. "analysis alone" times the checker's analysis on the
 * templates the plain run wrote (its own cost, without a second synthesis), "check" the command line's whole
 * `check` on them (read, analyse, format; no Node start-up), both in the plain run's process. "checker in synth" is
 * the wall time the checker run spent in the checker's own methods (Aspect visits and validation plugin), and its
 * share of that run's plain counterpart (construct + plain synth): a measure of the checker's cost that the plain
 * synth's own spread (the CDK's CloudFormation validation varies by seconds) does not blur. It leaves out what the
 * CDK does with the checker's warnings and the garbage collection its objects cause later. Peak memory is the
 * child's maximum resident set size at the end of the synthesis (process.resourceUsage().maxRSS).
 */
import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';

interface Sample {
  readonly pairs?: number;
  readonly functions?: number;
  readonly buckets?: number;
  readonly resources: number;
  readonly variant: string;
  readonly constructMs: number;
  readonly synthMs: number;
  readonly synthMaxRssMb: number;
  /** Checker runs: wall time inside the checker's own methods during synthesis. */
  readonly checkerMs?: number;
  readonly analysisMs?: number;
  readonly checkMs?: number;
  readonly findings?: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function list(text: string): string[] {
  return text === 'none' || text === '' ? [] : text.split(',');
}

function measure(shape: string[], variant: string): Sample {
  const out = execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'generated-app.ts'), ...shape, '--variant', variant],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } },
  );
  const line = out.trim().split('\n').pop()!;
  return JSON.parse(line) as Sample;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `median (min–max)`, or the median alone for one run. */
function cell(values: readonly number[], digits: number, unit = ''): string {
  const f = (v: number) => `${v.toFixed(digits)}${unit}`;
  if (values.length === 1) return f(values[0]);
  return `${f(median(values))} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
}

/** Run every variant `runs` times, interleaved, rotating which variant goes first. */
function interleaved(shape: string[], variants: readonly string[], runs: number, label: string): Record<string, Sample[]> {
  const by: Record<string, Sample[]> = {};
  for (let r = 0; r < runs; r++) {
    const order = variants.map((_, i) => variants[(i + r) % variants.length]);
    for (const variant of order) {
      const sample = measure(shape, variant);
      (by[variant] ??= []).push(sample);
      // Each sample as it comes, so that a long run stopped early still leaves its measurements.
      process.stderr.write(`  ${label}, ${variant}, run ${r + 1}/${runs} done: ${JSON.stringify(sample)}\n`);
    }
  }
  return by;
}

/** Per run: (construct + synth of the variant) / (construct + plain synth) - 1, in percent. */
function overheads(by: Record<string, Sample[]>, variant: string): number[] {
  return by[variant].map((s, r) => {
    const plain = by.plain[r];
    return ((s.constructMs + s.synthMs) / (plain.constructMs + plain.synthMs) - 1) * 100;
  });
}

/** Per run: the checker's own time in its synth over (construct + plain synth) of the same run, in percent. */
function checkerShares(by: Record<string, Sample[]>): number[] {
  return by.checker.map((s, r) => ((s.checkerMs ?? 0) / (by.plain[r].constructMs + by.plain[r].synthMs)) * 100);
}

const seconds = (samples: readonly Sample[], f: (s: Sample) => number | undefined) => samples.map((s) => (f(s) ?? 0) / 1000);

function pairsTable(sizes: readonly number[], runs: number): string[] {
  const rows = [
    '| pairs | resources | construct (s) | synth plain (s) | synth + checker (s) | checker overhead | checker in synth (s) | checker in synth / (construct + plain synth) '
      + '| analysis alone (s) | analysis / (construct + plain synth) '
      + '| synth + cdk-nag AwsSolutions (s) | cdk-nag overhead | peak MB plain | peak MB checker | findings |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const pairs of sizes) {
    const by = interleaved(['--pairs', String(pairs)], ['plain', 'checker', 'cdk-nag'], runs, `${pairs} pairs`);
    const share = by.plain.map((s) => ((s.analysisMs ?? 0) / (s.constructMs + s.synthMs)) * 100);
    rows.push(`| ${pairs} | ${by.plain[0].resources} | ${cell(seconds(by.plain, (s) => s.constructMs), 2)} | ${cell(seconds(by.plain, (s) => s.synthMs), 2)} `
      + `| ${cell(seconds(by.checker, (s) => s.synthMs), 2)} | ${cell(overheads(by, 'checker'), 1, ' %')} `
      + `| ${cell(seconds(by.checker, (s) => s.checkerMs), 2)} | ${cell(checkerShares(by), 1, ' %')} | ${cell(seconds(by.plain, (s) => s.analysisMs), 2)} `
      + `| ${cell(share, 1, ' %')} | ${cell(seconds(by['cdk-nag'], (s) => s.synthMs), 2)} | ${cell(overheads(by, 'cdk-nag'), 1, ' %')} `
      + `| ${cell(by.plain.map((s) => s.synthMaxRssMb), 0)} | ${cell(by.checker.map((s) => s.synthMaxRssMb), 0)} | ${by.checker[0].findings} |`);
  }
  return rows;
}

function gridTable(grids: readonly string[], runs: number): string[] {
  const rows = [
    '| F × B | resources | write intents | construct (s) | synth plain (s) | synth + checker (s) | checker overhead | checker in synth (s) '
      + '| checker in synth / (construct + plain synth) | analysis alone (s) | command line check (s) | peak MB plain | peak MB checker | memory ratio |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const grid of grids) {
    const [functions, buckets] = grid.split('x').map(Number);
    if (!(functions > 0 && buckets > 0)) throw new Error(`--grid wants FxB sizes like 50x50, got ${grid}`);
    const by = interleaved(['--functions', String(functions), '--buckets', String(buckets)], ['plain', 'checker'], runs, `${functions} x ${buckets}`);
    const memory = by.checker.map((s, r) => s.synthMaxRssMb / by.plain[r].synthMaxRssMb);
    rows.push(`| ${functions} × ${buckets} | ${by.plain[0].resources} | ${by.checker[0].findings} | ${cell(seconds(by.plain, (s) => s.constructMs), 2)} `
      + `| ${cell(seconds(by.plain, (s) => s.synthMs), 2)} | ${cell(seconds(by.checker, (s) => s.synthMs), 2)} | ${cell(overheads(by, 'checker'), 1, ' %')} `
      + `| ${cell(seconds(by.checker, (s) => s.checkerMs), 2)} | ${cell(checkerShares(by), 1, ' %')} | ${cell(seconds(by.plain, (s) => s.analysisMs), 2)} | ${cell(seconds(by.plain, (s) => s.checkMs), 2)} `
      + `| ${cell(by.plain.map((s) => s.synthMaxRssMb), 0)} | ${cell(by.checker.map((s) => s.synthMaxRssMb), 0)} | ${cell(memory, 2, '×')} |`);
  }
  return rows;
}

function main(): void {
  const sizes = list(option('--sizes', '100,400,1000')).map(Number);
  const grids = list(option('--grid', '50x50,100x100,200x200'));
  const runs = Number(option('--runs', '1'));
  const out: string[] = [];
  out.push(`Node ${process.version}, ${os.cpus().length} cores, ${runs} run(s) each, interleaved; median (min–max).`);
  out.push('Overhead = (construct + synth with validation) / (construct + plain synth) - 1, run by run.');
  if (sizes.length > 0) out.push('', ...pairsTable(sizes, runs));
  if (grids.length > 0) out.push('', ...gridTable(grids, runs));
  process.stdout.write(`\n${out.join('\n')}\n`);
}

main();
