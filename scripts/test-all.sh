#!/usr/bin/env bash
# `npm test`: jest (the main suite; arguments go to it), the compatibility suite on the floor and the latest
# aws-cdk-lib, and eslint, which reports and never rewrites. Every step runs even when an earlier one failed, so one
# run shows every failure; the exit status is non-zero if any failed. A failed lint is recorded in
# test-reports/eslint-failed, which CI counts (jest writes its own results as JUnit XML).
# The main suite also audits remediation: every DENY/CONDITIONAL finding any test produces has its steps applied by
# the tests' own code and is checked again (test/remediation/support/audit-setup.ts); a finding the checker called
# verified that is not ALLOW then is recorded in test-reports/remediation-audit-failed, which CI counts too.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-reports
rm -f test-reports/eslint-failed test-reports/remediation-audit-failed test-reports/remediation-audit.jsonl
status=0
REMEDIATION_AUDIT="$PWD/test-reports/remediation-audit.jsonl" \
  npx jest --passWithNoTests --ci "$@" --setupFilesAfterEnv ./test/remediation/support/audit-setup.ts || status=1
if ! node test/remediation/support/audit-summary.js test-reports/remediation-audit.jsonl --check; then
  echo "remediation audit: a verified remediation did not re-check to ALLOW" | tee test-reports/remediation-audit-failed
  status=1
fi
bash test/compat/run.sh || status=1
if ! npx projen eslint; then
  echo "eslint found errors (npm run eslint:fix fixes what it can)" | tee test-reports/eslint-failed
  status=1
fi
exit $status
