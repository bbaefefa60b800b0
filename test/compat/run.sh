#!/usr/bin/env bash
# The compatibility suite: install the floor and the latest aws-cdk-lib from their own lock files, then run
# test/compat/suite against each (jest results in test-reports/compat-<name>.xml). Exits non-zero if either fails.
set -uo pipefail
cd "$(dirname "$0")"
status=0
for name in floor latest; do
  if ! (cd "$name" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
    echo "compat: npm ci in test/compat/$name failed"; status=1; continue
  fi
  version=$(node -p "require('./$name/node_modules/aws-cdk-lib/package.json').version")
  echo "== compatibility suite on aws-cdk-lib $version ($name)"
  (cd ../.. && COMPAT_CDK=$name npx jest --ci --config test/compat/jest.config.js "$@") || status=1
done
exit $status
