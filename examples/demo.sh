#!/usr/bin/env bash
# The README's main command (`npm run demo`): synthesize the example app with the real `cdk` command line.
#   1. the broken stacks: `cdk synth` must FAIL, with the checker's findings in its output;
#   2. their fixed twins (and a SecureLambdaWriter): `cdk synth` must PASS;
#   3. the same analysis from the command line over the broken cloud assembly (exit code 1 on DENY).
# Needs no AWS account or credentials. Exits non-zero if any step does not behave as described.
set -u
cd "$(dirname "$0")/.."
export CDK_DISABLE_VERSION_CHECK=1 CDK_DISABLE_CLI_TELEMETRY=true
APP="npx ts-node --transpile-only examples/app.ts"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ok=1

echo "== 1/3  cdk synth -c variant=broken   (expected: fails with WriteAccessChecker errors)"
npx cdk synth --app "$APP" -c variant=broken -o "$out/broken" --quiet --no-notices >"$out/broken.log" 2>&1
rc=$?
grep -vE "Node.js 20|^!!|^\s*$" "$out/broken.log"
if [ $rc -ne 0 ] && grep -q "WriteAccessChecker" "$out/broken.log"; then
  echo "-> cdk synth failed as expected (exit $rc)"
else
  echo "-> UNEXPECTED: exit $rc, or no WriteAccessChecker finding in the output"; ok=0
fi

echo
echo "== 2/3  cdk synth -c variant=fixed    (expected: passes)"
npx cdk synth --app "$APP" -c variant=fixed -o "$out/fixed" --quiet --no-notices >"$out/fixed.log" 2>&1
rc=$?
grep -vE "Node.js 20|^!!|^\s*$" "$out/fixed.log"
if [ $rc -eq 0 ]; then
  echo "-> cdk synth passed as expected"
else
  echo "-> UNEXPECTED: exit $rc"; ok=0
fi

echo
echo "== 3/3  cdk-secure-lambda-writer check <broken cdk.out>   (expected: exit 1, the same findings as a table)"
npx ts-node --transpile-only src/cli/main.ts check "$out/broken"
rc=$?
if [ $rc -eq 1 ]; then echo "-> exit 1 as expected"; else echo "-> UNEXPECTED: exit $rc"; ok=0; fi

echo
if [ $ok -eq 1 ]; then echo "demo: all three steps behaved as described"; exit 0; fi
echo "demo: FAILED (see above)"; exit 1
