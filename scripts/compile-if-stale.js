// `npm pack` runs this (prepack): the package must hold a compiled lib/ and .jsii matching src/. CI has just
// compiled, so this is a no-op there; from a fresh clone it compiles once (jsii, about a minute).
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
const stale = built.some(f => !fs.existsSync(f)) || fs.statSync(built[1]).mtimeMs < newest(path.join(root, 'src'));
if (stale) {
  console.error('prepack: lib/ is missing or older than src/: compiling with jsii');
  // Output to stderr: `npm pack --json` prints its JSON on stdout.
  execSync('npx projen compile', { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
}
