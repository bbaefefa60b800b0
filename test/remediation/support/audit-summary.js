// Counts an audit file written by audit-setup.ts: verified (and whether the independent re-check agreed), and the
// unverified findings by cause code with their most common reasons.
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf-8').trim().split('\n').map(l => JSON.parse(l));
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
