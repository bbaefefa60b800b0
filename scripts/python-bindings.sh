#!/usr/bin/env bash
# Prove the jsii Python bindings: generate them from the compiled .jsii (code only: no pip, no Python registry)
# and byte-compile every generated source with python3. Needs `npx projen compile` first (it writes .jsii).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .jsii ] || { echo "python:bindings: no .jsii; run 'npx projen compile' first"; exit 1; }
command -v python3 >/dev/null || { echo "python:bindings: python3 not found"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npx jsii-pacmak --target python --code-only --outdir "$out" --no-fingerprint 2>&1 | grep -vE "Node.js 20|^!!" || true
sources=$(find "$out" -name '*.py' | wc -l)
[ "$sources" -gt 0 ] || { echo "python:bindings: jsii-pacmak generated no Python sources"; exit 1; }
python3 -m py_compile $(find "$out" -name '*.py')
module=$(find "$out" -path '*cdk_secure_lambda_writer/__init__.py' | head -1)
[ -n "$module" ] || { echo "python:bindings: module cdk_secure_lambda_writer was not generated"; exit 1; }
for name in SecureLambdaWriter WriteAccessChecker SecureLambdaWriterProps; do
  grep -q "^class $name\b" "$module" || { echo "python:bindings: class $name missing from $module"; exit 1; }
done
echo "python:bindings: $sources Python sources generated and byte-compiled (cdk_secure_lambda_writer)"
