// `npm pack` runs this (prepack), and the README test: the package must hold a compiled lib/ and .jsii matching src/
// and the README. CI has just compiled, so this is a no-op there; from a fresh clone it compiles once (jsii, ~20 s).
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const newest = (dir) => fs.readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
  const file = path.join(dir, entry.name);
  const time = entry.isDirectory() ? newest(file) : fs.statSync(file).mtimeMs;
  return Math.max(latest, time);
}, 0);
// jsii rewrites .jsii on every compile (it leaves unchanged lib/ files alone), so .jsii dates the build.
const built = ['lib/index.js', '.jsii'].map(f => path.join(root, f));
// .jsii embeds the README too (rosetta reads its examples from there).
const sources = Math.max(newest(path.join(root, 'src')), fs.statSync(path.join(root, 'README.md')).mtimeMs);
const stale = built.some(f => !fs.existsSync(f)) || fs.statSync(built[1]).mtimeMs < sources;
if (stale) {
  console.error('lib/ or .jsii is missing or older than src/ or README.md: compiling with jsii');
  // Output to stderr: `npm pack --json` prints its JSON on stdout.
  execSync('npx projen compile', { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
}
