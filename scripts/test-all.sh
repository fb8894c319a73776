#!/usr/bin/env bash
# Runs every test of fuquan on a fresh machine: installs what it needs first.
#   Rust: fmt, clippy (-D warnings), tests with the conformance suite, rustdoc (no warnings)
#   Python: bindings-python/test.sh (venv, maturin build, pytest)
#   WASM:   bindings-wasm/test.sh (wasm target, wasm-bindgen-cli, npm packages, Chromium, npm test)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, -D warnings)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (unit, conformance, doc)"
cargo test --workspace

step "schemas are up to date"
tmp=$(mktemp -d)
cargo run -q -p fuquan-cli -- schema --out "$tmp" >/dev/null
diff -r schemas "$tmp"
rm -rf "$tmp"

step "cargo doc (no warnings)"
RUSTDOCFLAGS="-D warnings" cargo doc -p fuquan -p fuquan-cli --no-deps

if [ -x bindings-python/test.sh ]; then
  step "Python package"
  bindings-python/test.sh
fi

if [ -x bindings-wasm/test.sh ]; then
  step "WASM package"
  bindings-wasm/test.sh
fi

step "all tests passed"
