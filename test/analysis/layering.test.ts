import * as fs from 'fs';
import * as path from 'path';

// Which module may import which: pinned from the sources, so an arrow that runs back up fails here first.
//
// The analysis stages, each importing only from the stages before it. The order is what holds in the code:
// request/ comes before intents/ (inferring an intent evaluates the role's policies with the request's
// principal keys), and findings/ before decide/ (decide turns IAM decisions into causes with findings/; findings
// never imports decide/: the outcome types both use are root files). causes/ (the one table of cause codes) comes
// first; remediation/ (re-checks a finding with the analysis) and least-privilege/ (probes the decision's policy sets)
// come after decide/.
const STAGES = ['causes', 'cfn', 'model', 'request', 'intents', 'gates', 'findings', 'decide', 'remediation', 'least-privilege'];
// The shapes of a later stage's output that earlier stages and root files record (a cause's needs, the report's
// types): each imports nothing later than the intents it speaks of.
const SHARED_SHAPES = ['remediation/types', 'remediation/needs', 'least-privilege/types'].map((f) => path.join('analysis', ...f.split('/')));
// Root files every stage may import: they import no stage.
const ROOT_FILES = ['step-outcome.ts', 'report.ts', 'input.ts'];

const SRC = path.join(__dirname, '../../src');

interface Import { readonly from: string; readonly to: string }

/** Every relative import of every .ts file under `dir`, as paths relative to src/ (the target without extension). */
function importsUnder(dir: string): Import[] {
  const out: Import[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      if (!entry.name.endsWith('.ts')) continue;
      const text = fs.readFileSync(full, 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/g)) {
        out.push({ from: path.relative(SRC, full), to: path.relative(SRC, path.resolve(path.dirname(full), m[1])) });
      }
    }
  };
  walk(path.join(SRC, dir));
  return out;
}

/** The stage of a path under src/analysis (`model`), `root:<file>` for a root file, undefined outside. */
function stageOf(p: string): string | undefined {
  const parts = p.split(path.sep);
  if (parts[0] !== 'analysis') return undefined;
  // `../gates` (the folder's index) is the folder itself.
  if (parts.length === 2 && !fs.existsSync(path.join(SRC, p))) return `root:${parts[1].replace(/\.ts$/, '')}.ts`;
  return parts[1];
}

describe('layering of src/', () => {
  const analysis = importsUnder('analysis');

  test('the scan sees the imports it judges', () => {
    // A broken regular expression would pass every rule below.
    expect(analysis.some((i) => i.from === path.join('analysis', 'decide', 'decide-intent.ts') && i.to === path.join('analysis', 'decide', 'gates'))).toBe(true);
    expect(stageOf(path.join('analysis', 'gates'))).toBe('gates');
    expect(stageOf(path.join('analysis', 'report'))).toBe('root:report.ts');
    expect(analysis.length).toBeGreaterThan(200);
  });

  test.each(STAGES.map((s) => [s]))('analysis/%s/ imports no later stage', (stage) => {
    const later = STAGES.slice(STAGES.indexOf(stage) + 1);
    const backwards = analysis.filter((i) => stageOf(i.from) === stage && later.includes(stageOf(i.to) ?? '') && !SHARED_SHAPES.includes(i.to));
    expect(backwards).toEqual([]);
  });

  test.each(SHARED_SHAPES.map((f) => [f]))('%s (a shape earlier stages record) imports nothing after intents/', (shape) => {
    const afterIntents = STAGES.slice(STAGES.indexOf('intents') + 1);
    expect(fs.existsSync(path.join(SRC, `${shape}.ts`))).toBe(true);
    const up = analysis.filter((i) => i.from === `${shape}.ts` && afterIntents.includes(stageOf(i.to) ?? '') && !SHARED_SHAPES.includes(i.to));
    expect(up).toEqual([]);
  });

  test.each(ROOT_FILES.map((f) => [f]))('analysis/%s (below every stage) imports no stage', (file) => {
    const up = analysis.filter((i) => stageOf(i.from) === `root:${file}` && STAGES.includes(stageOf(i.to) ?? '')
      && stageOf(i.to) !== 'causes' && !SHARED_SHAPES.includes(i.to));
    expect(up).toEqual([]);
  });

  test('the writer imports nothing from the checker', () => {
    const imports = importsUnder('writer');
    expect(imports.length).toBeGreaterThan(10);
    expect(imports.filter((i) => i.to.startsWith(`checker${path.sep}`) || i.to === 'checker')).toEqual([]);
  });

  test('the contract sits below the writer, the checker and the analysis', () => {
    const imports = importsUnder('contract');
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => !i.to.startsWith(`contract${path.sep}`))).toEqual([]);
  });

  test('the analysis imports neither the checker, the writer nor the command line', () => {
    expect(analysis.filter((i) => /^(checker|writer|cli)(\/|$)/.test(i.to.split(path.sep).join('/')))).toEqual([]);
  });
});
