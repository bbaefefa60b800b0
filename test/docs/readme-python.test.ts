import { execSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// The README's Python example must be what jsii-rosetta (the tool Construct Hub uses) translates from the TypeScript
// example just above it, so Python users read code that compiles against the real bindings.

const REPO = path.resolve(__dirname, '..', '..');
const README = path.join(REPO, 'README.md');
const TABLET = path.join(REPO, '.jsii.tabl.json');
const JSII = path.join(REPO, '.jsii');

const mtime = (file: string) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

/** The rosetta tablet, made again when it is older than the README or the assembly (CI has just made it). */
function tablet(): any {
  execSync('node scripts/compile-if-stale.js', { cwd: REPO, stdio: 'ignore' });
  if (mtime(TABLET) < Math.max(mtime(README), mtime(JSII))) {
    execSync('npx jsii-rosetta extract --strict', { cwd: REPO, stdio: 'ignore' });
  }
  return JSON.parse(fs.readFileSync(TABLET, 'utf-8'));
}

interface Block { readonly language: string; readonly code: string }

function codeBlocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w+)[^\n]*\n([\s\S]*?)^```$/gm)].map(m => ({ language: m[1], code: m[2].trim() }));
}

describe('README Python examples', () => {
  const blocks = codeBlocks(fs.readFileSync(README, 'utf-8'));
  const pairs = blocks.flatMap((block, i) => (block.language === 'python' && blocks[i - 1]?.language === 'ts'
    ? [{ typescript: blocks[i - 1].code, python: block.code }] : []));

  test('every Python block follows the TypeScript block it translates', () => {
    expect(pairs.length).toBe(blocks.filter(b => b.language === 'python').length);
    expect(pairs.length).toBeGreaterThan(0);
  });

  test('each is exactly jsii-rosetta\'s translation of that TypeScript', () => {
    const snippets = Object.values(tablet().snippets) as any[];
    for (const { typescript, python } of pairs) {
      const snippet = snippets.find(s => s.translations.$.source.trim() === typescript);
      expect({ typescript, found: snippet !== undefined }).toEqual({ typescript, found: true });
      expect(python).toBe(snippet.translations.python.source.trim());
    }
  }, 240000);
});
