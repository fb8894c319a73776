#!/usr/bin/env bash
# Runs every test of fuquan on a fresh machine: installs what it needs first.
#   Rust: fmt, clippy (-D warnings), tests with the conformance suite, rustdoc (no warnings)
#   Python: bindings-python/test.sh (maturin abi3 wheel, installed in a fresh venv without Rust, pytest)
#   WASM:   bindings-wasm/test.sh (wasm target, wasm-bindgen-cli, npm packages, Chromium, npm test)
#   Release: scripts/release-check.sh (the .crate, the wheel and sdist, the npm tarball,
#            each used as a user receives it; reuses the builds above)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
disk() { scripts/disk-report.sh "$@"; }

# One build per run: incremental caches would add gigabytes to target/debug for
# edits that never come (a CI machine ran out of disk). See also [profile.dev].
export CARGO_INCREMENTAL=0
disk

step "toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, -D warnings)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (unit, conformance, doc)"
cargo test --workspace
disk "cargo test"

step "schemas are up to date"
tmp=$(mktemp -d)
cargo run -q -p fuquan-cli -- schema --out "$tmp" >/dev/null
diff -r schemas "$tmp"
rm -rf "$tmp"

step "cargo doc (no warnings)"
RUSTDOCFLAGS="-D warnings" cargo doc -p fuquan -p fuquan-server -p fuquan-office -p fuquan-cli --no-deps

if [ -x bindings-python/test.sh ]; then
  step "Python package"
  bindings-python/test.sh
  disk "Python package"
fi

if [ -x bindings-wasm/test.sh ]; then
  step "WASM package"
  bindings-wasm/test.sh
  disk "WASM package"
fi

if [ -x scripts/release-check.sh ]; then
  step "Release check: the packages as a user receives them"
  scripts/release-check.sh
  disk "release check"
fi

step "all tests passed"
