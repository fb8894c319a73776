#!/usr/bin/env bash
# Validates the service's OpenAPI document with openapi-spec-validator (PyPI).
# Not part of CI (it needs the package): uses the one on PATH, or installs it
# into target/openapi-venv from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
doc="$(mktemp --suffix=.json)"
trap 'rm -f "$doc"' EXIT
cargo run -q -p fuquan-server --example openapi > "$doc"
if command -v openapi-spec-validator >/dev/null 2>&1; then
  validator=openapi-spec-validator
else
  python3 -m venv target/openapi-venv
  target/openapi-venv/bin/pip install -q openapi-spec-validator
  validator=target/openapi-venv/bin/openapi-spec-validator
fi
"$validator" "$doc"
