#!/usr/bin/env bash
# `npm test`: jest (the main suite; arguments go to it), the compatibility suite on the floor and the latest
# aws-cdk-lib, and eslint, which reports and never rewrites. Every step runs even when an earlier one failed, so one
# run shows every failure; the exit status is non-zero if any failed. A failed lint is recorded in
# test-reports/eslint-failed, which CI counts (jest writes its own results as JUnit XML).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-reports
rm -f test-reports/eslint-failed
status=0
npx jest --passWithNoTests --ci "$@" || status=1
bash test/compat/run.sh || status=1
if ! npx projen eslint; then
  echo "eslint found errors (npm run eslint:fix fixes what it can)" | tee test-reports/eslint-failed
  status=1
fi
exit $status
