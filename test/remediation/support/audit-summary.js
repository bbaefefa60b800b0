// Counts an audit file written by audit-setup.ts: verified (and whether the independent re-check agreed), and the
// unverified findings by cause code with their most common reasons. With --check (npm test runs it so): exit 1 when
// the file is missing or empty, or a finding the checker called verified is not ALLOW on the independent re-check.
const fs = require('fs');
const check = process.argv.includes('--check');
const file = process.argv.slice(2).find(a => a !== '--check');
if (check && (!file || !fs.existsSync(file))) {
  console.log(`remediation audit: no audit file ${file ?? ''} (did the main suite run with audit-setup.ts?)`);
  process.exit(1);
}
const text = fs.readFileSync(file, 'utf-8').trim();
const rows = text ? text.split('\n').map(l => JSON.parse(l)) : [];
const verified = rows.filter(r => r.verified);
const disagree = verified.filter(r => r.after !== 'ALLOW');
console.log(`${rows.length} DENY/CONDITIONAL findings; ${verified.length} verified; ${disagree.length} verified but not ALLOW on the independent re-check`);
for (const r of disagree) console.log(`  DISAGREE ${r.test}: ${r.codes} -> ${r.after}`);
const byCode = new Map();
for (const r of rows.filter(r => !r.verified)) {
  const key = r.codes.join('+');
  byCode.set(key, [...(byCode.get(key) ?? []), r]);
}
for (const [code, list] of [...byCode].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`${list.length} unverified ${code}`);
  const reasons = new Map();
  for (const r of list) reasons.set((r.reason ?? '').slice(0, 160), (reasons.get((r.reason ?? '').slice(0, 160)) ?? 0) + 1);
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`    ${n}x ${reason} [${list.find(r => (r.reason ?? '').startsWith(reason.slice(0, 40)))?.test}]`);
}
if (check && (rows.length === 0 || disagree.length > 0)) process.exit(1);
