#!/usr/bin/env bash
# Checks that every fuquan package installs and works from the artifact a user
# receives — the .crate, the wheel and sdist, the npm tarball — not only from
# this source tree. Called by scripts/test-all.sh after the Python and WASM
# tests (whose builds it reuses); runs by itself on a fresh machine too.
#
#   1. one version: Cargo workspace = every crate = the wheel (maturin reads Cargo) =
#      package.json = package-lock.json = a CHANGELOG.md entry
#   2. Rust: `cargo package -p fuquan -p fuquan-server -p fuquan-office -p fuquan-cli` with verification; the packed
#      crate lists the embedded rule set; the packed crate's doctests run from the
#      unpacked .crate; `cargo publish --dry-run` of both; rust-version checked
#      with that toolchain; rustdoc of all features without warnings or collisions
#   3. Python: bindings-python/test.sh for the other interpreters found here (the
#      built abi3 wheel in a fresh venv without Rust, pytest against the installed
#      package); an interpreter below requires-python refuses the wheel; the sdist
#      carries the core and its data and builds a wheel by itself in a clean
#      directory, which passes the tests
#   4. npm: `npm pack`; the tarball installed into a scratch project and used from
#      Node ESM, CommonJS require, TypeScript, an esbuild bundle in headless
#      Chromium and a plain <script type="module"> page in headless Chromium
#
# Artifacts land in target/release-check/. Exits non-zero on any failure.
#
# Disk: the checks compile the crates again outside the workspace (package
# verification, the install, the rust-version toolchain, the sdist), without
# debug info, and each check's own target dir (install-check, msrv, sdist-check)
# is removed when it has passed. FUQUAN_KEEP_BUILDS=1 keeps them, so that a
# developer re-running the check reuses the compiled dependencies; a CI machine
# must not have to hold them all at once (one ran out of disk).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
out="$repo/target/release-check"
rm -rf "$out"
mkdir -p "$out"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

step() { printf '\n==> %s\n' "$*"; }
# Builds made only to be checked carry no debug info (the workspace's own dev
# profile keeps line tables; these would each add hundreds of MB).
export CARGO_PROFILE_DEV_DEBUG=0
drop_build() { if [[ -z "${FUQUAN_KEEP_BUILDS:-}" ]]; then rm -rf "$@"; fi; }
fail() { echo "release-check: $*" >&2; exit 1; }
timings=()
started=$SECONDS
lap=$SECONDS
done_step() { timings+=("$(printf '%4ds  %s' $((SECONDS - lap)) "$1")"); scripts/disk-report.sh "$1"; lap=$SECONDS; }

# ---------------------------------------------------------------------------
step "one version for the crate, the wheel and the npm package"
version="$(cargo metadata --no-deps --format-version 1 | python3 -c '
import json, sys
m = json.load(sys.stdin)
versions = {p["name"]: p["version"] for p in m["packages"]}
print("\n".join(f"{n} {v}" for n, v in sorted(versions.items())), file=sys.stderr)
if len(set(versions.values())) != 1:
    sys.exit(f"workspace crates disagree on the version: {versions}")
print(versions["fuquan"])
')"
npm_version="$(node -p "require('./bindings-wasm/package.json').version")"
lock_version="$(node -p "require('./bindings-wasm/package-lock.json').version")"
[[ "$npm_version" == "$version" ]] || fail "bindings-wasm/package.json has version $npm_version, the crates $version"
[[ "$lock_version" == "$version" ]] || fail "bindings-wasm/package-lock.json has version $lock_version, the crates $version"
grep -q '^dynamic = \["version"\]' bindings-python/pyproject.toml ||
  fail 'bindings-python/pyproject.toml must take its version from Cargo (dynamic = ["version"])'
grep -q "^## \[$version\]" CHANGELOG.md || fail "CHANGELOG.md has no '## [$version]' entry"
echo "version $version: crates, pyproject (from Cargo), package.json, package-lock.json, CHANGELOG.md"
done_step "versions"

# ---------------------------------------------------------------------------
step "cargo package -p fuquan -p fuquan-server -p fuquan-office -p fuquan-cli (with verification)"
# Cargo unpacks the just-packed crates of the workspace into its registry cache
# under their version and reuses an unpacked copy of the same version: a second
# run on one machine would verify fuquan-cli against the previous run's fuquan.
# Drop those copies (only ours, only in the local-overlay registries "-…").
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
rm -rf "$cargo_home"/registry/src/-*/fuquan-*"$version" "$cargo_home"/registry/src/-*/fuquan-"$version"
# Registry crates are never rebuilt for new contents of the same version, so the
# verification's own build of them goes too: the unpacked sources above, and what
# the verification compiled from them into the workspace's target/debug (found by
# their dep-info naming the local registry's sources).
rm -rf "$repo/target/package"
for dep_info in "$repo"/target/debug/deps/fuquan*-*.d; do
  [[ -e "$dep_info" ]] || continue
  if grep -q "registry/src/-" "$dep_info"; then
    hash="${dep_info##*-}"
    hash="${hash%.d}"
    rm -rf "$repo"/target/debug/deps/*-"$hash".* "$repo"/target/debug/.fingerprint/*-"$hash"
  fi
done
# --allow-dirty: this checks what would be packed; a real publish runs from a clean tree.
cargo package -p fuquan -p fuquan-server -p fuquan-office -p fuquan-cli --allow-dirty
server_crate="$repo/target/package/fuquan-server-$version.crate"
office_crate="$repo/target/package/fuquan-office-$version.crate"
grep -qx "fuquan-server-$version/fuquan.service" <<< "$(tar tzf "$server_crate")" ||
  fail "the packed server crate lacks fuquan.service"
crate="$repo/target/package/fuquan-$version.crate"
cli_crate="$repo/target/package/fuquan-cli-$version.crate"
list="$(tar tzf "$crate")"
for f in ruleset departments towns items grants; do
  grep -qx "fuquan-$version/data/huancui-2024/$f.json" <<< "$list" ||
    fail "the packed crate lacks data/huancui-2024/$f.json (Engine::embedded include_str!s it)"
done
grep -qx "fuquan-cli-$version/data/demo/cases.json" <<< "$(tar tzf "$cli_crate")" ||
  fail "the packed CLI crate lacks data/demo/cases.json"
if grep -q "^fuquan-$version/\(fixtures\|tests\|benches\)/" <<< "$list"; then
  fail "the packed crate carries repository-only files: $(grep "^fuquan-$version/\(fixtures\|tests\|benches\)/" <<< "$list" | head -3)"
fi
echo "fuquan-$version.crate: $(wc -l <<< "$list") files, $(stat -c %s "$crate") bytes, data/huancui-2024/ included"
echo "fuquan-cli-$version.crate: $(stat -c %s "$cli_crate") bytes"
echo "fuquan-server-$version.crate: $(stat -c %s "$server_crate") bytes"
done_step "cargo package + verify + list"

step "the packed crate's doctests, from the unpacked .crate (outside the workspace)"
tar xzf "$crate" -C "$scratch"
CARGO_TARGET_DIR="$repo/target" cargo test --doc --locked --manifest-path "$scratch/fuquan-$version/Cargo.toml"
done_step "doctests of the packed crate"

step "cargo publish --dry-run -p fuquan -p fuquan-server -p fuquan-office -p fuquan-cli"
# Both at once: cargo resolves fuquan-cli's dependency on the unpublished fuquan
# against the package just built (a local overlay of crates.io).
cargo publish --dry-run --allow-dirty -p fuquan -p fuquan-server -p fuquan-office -p fuquan-cli
done_step "publish dry run"

step "cargo install from the four .crate files (fuquan-cli with fuquan, fuquan-server and fuquan-office patched to the unpacked crates)"
# What README.md tells a user to do before publication. --debug keeps it quick;
# target/install-check goes when it has passed (FUQUAN_KEEP_BUILDS=1 keeps it).
tar xzf "$cli_crate" -C "$scratch"
tar xzf "$server_crate" -C "$scratch"
tar xzf "$office_crate" -C "$scratch"
CARGO_TARGET_DIR="$repo/target/install-check" cargo install --quiet --debug --root "$scratch/cli-root" \
  --path "$scratch/fuquan-cli-$version" --config "patch.crates-io.fuquan.path=\"$scratch/fuquan-$version\"" \
  --config "patch.crates-io.fuquan-server.path=\"$scratch/fuquan-server-$version\"" \
  --config "patch.crates-io.fuquan-office.path=\"$scratch/fuquan-office-$version\""
got="$("$scratch/cli-root/bin/fuquan" --version)"
contract="$(sed -n 's/^pub const SCHEMA_VERSION: &str = "\(.*\)";$/\1/p' core/src/ruleset/source.rs)"
[[ "$got" == "fuquan $version (engine $version, contract $contract)" ]] || fail "fuquan --version printed: $got"
echo "$got"
"$scratch/cli-root/bin/fuquan" demo --lang en > "$out/demo.txt"
head -n 3 "$out/demo.txt"
drop_build "$repo/target/install-check"
done_step "cargo install from the .crate files"

step "rust-version: each published crate builds with the toolchain it declares"
msrv() {
  cargo metadata --no-deps --format-version 1 |
    python3 -c 'import json,sys; print(next(p["rust_version"] for p in json.load(sys.stdin)["packages"] if p["name"] == sys.argv[1]))' "$1"
}
# Every crate declares 1.88: jieba-rs 0.11 (in the core, for intake) uses let chains;
# calamine 0.38 and rust_xlsxwriter 0.102 (fuquan-office) need it too.
for pkg in fuquan fuquan-server fuquan-office fuquan-cli; do
  rv="$(msrv "$pkg")"
  [[ "$rv" == *.*.* ]] || rv="$rv.0"
  if ! rustup toolchain list | grep -q "^$rv-"; then
    rustup toolchain install "$rv" --profile minimal
  fi
  extra=()
  # The unpublished bindings: the WASM one shares the server's rust-version, the
  # Python one (which depends on fuquan-office) the CLI's.
  [[ "$pkg" == fuquan-server ]] && extra=(-p fuquan-wasm)
  [[ "$pkg" == fuquan-cli ]] && extra=(-p fuquan-python)
  echo "cargo +$rv check -p $pkg${extra[*]:+ ${extra[*]}} --all-features --locked"
  CARGO_TARGET_DIR="$repo/target/msrv" cargo "+$rv" check -q -p "$pkg" "${extra[@]}" --all-features --locked
done
drop_build "$repo/target/msrv"
done_step "rust-version checks"

step "rustdoc as docs.rs builds it (all features), no warnings, no filename collision"
doc_log="$out/doc.log"
RUSTDOCFLAGS="-D warnings" cargo doc -p fuquan -p fuquan-server -p fuquan-office -p fuquan-cli --all-features --no-deps 2>&1 | tee "$doc_log"
if grep -qi "collision" "$doc_log"; then fail "cargo doc reports a filename collision"; fi
done_step "rustdoc"

# ---------------------------------------------------------------------------
step "Python: the abi3 wheel on the other interpreters found here"
# test-all.sh's bindings-python/test.sh tested python3; add every other supported
# CPython this machine has (pyenv or /usr/bin), and one below requires-python.
pythons=()
old_python=""
main_minor="$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
find_python() {
  local v="$1" p
  for p in "$(command -v "python$v" 2>/dev/null || true)" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v".*/bin/"python$v"; do
    if [[ -n "$p" && -x "$p" ]] && "$p" -c 'import venv' >/dev/null 2>&1; then echo "$p"; return 0; fi
  done
  return 1
}
for v in 3.10 3.11 3.12 3.13 3.14; do
  [[ "$v" == "$main_minor" ]] && continue
  if p="$(find_python "$v")"; then pythons+=("$p"); fi
done
for v in 3.9 3.8; do
  if p="$(find_python "$v")"; then old_python="$p"; break; fi
done
if (( ${#pythons[@]} )); then
  echo "interpreters: ${pythons[*]}"
  FUQUAN_PYTHONS="${pythons[*]}" bindings-python/test.sh
else
  echo "no other CPython >= 3.10 on this machine: python3 ($main_minor) only"
  # Build (cargo: nothing to do when test.sh just ran) and test the wheel with python3.
  bindings-python/test.sh
fi
wheel="$(ls "$repo"/target/wheels/fuquan-"$version"-*.whl)"
cp "$wheel" "$out/"
wheel_list="$(python3 -m zipfile -l "$wheel")"
for f in fuquan/__init__.py fuquan/__init__.pyi fuquan/py.typed fuquan/_fuquan.abi3.so; do
  grep -q " *$f " <<< "$wheel_list" || grep -q "^$f" <<< "$wheel_list" || fail "the wheel lacks $f"
done
echo "wheel: $(basename "$wheel"), $(stat -c %s "$wheel") bytes"
done_step "Python wheel on other interpreters"

if [[ -n "$old_python" ]]; then
  step "Python: an interpreter below requires-python refuses the wheel ($old_python)"
  "$old_python" -m venv "$scratch/old-venv"
  if "$scratch/old-venv/bin/python" -m pip install --no-deps "$wheel" > "$out/old-python.log" 2>&1; then
    fail "$old_python installed the abi3 wheel for >= 3.10"
  fi
  cat "$out/old-python.log"
  grep -q "is not a supported wheel on this platform" "$out/old-python.log" ||
    fail "pip's refusal did not say why (see $out/old-python.log)"
  done_step "refusal on an old Python"
else
  echo "no CPython below 3.10 here: the refusal of the wheel is not exercised (abi3 tag cp310 + requires-python >=3.10)"
fi

step "Python: sdist (maturin sdist) → wheel built by itself in a clean directory"
(cd bindings-python && "$repo/.venv/bin/maturin" sdist --out "$out")
sdist="$out/fuquan-$version.tar.gz"
sdist_list="$(tar tzf "$sdist")"
for f in pyproject.toml Cargo.toml Cargo.lock core/Cargo.toml core/src/lib.rs core/src/embedded.rs office/Cargo.toml office/src/lib.rs \
         core/data/huancui-2024/ruleset.json core/data/huancui-2024/grants.json \
         bindings-python/Cargo.toml bindings-python/src/lib.rs python/fuquan/__init__.py; do
  grep -qx "fuquan-$version/$f" <<< "$sdist_list" || fail "the sdist lacks $f"
done
echo "sdist: $(basename "$sdist"), $(wc -l <<< "$sdist_list") files, $(stat -c %s "$sdist") bytes"
mkdir -p "$scratch/sdist-build"
cp "$sdist" "$scratch/sdist-build/"
# The sdist's files all carry one fixed mtime (2006), so with the kept target dir
# cargo would take our crates as unchanged and reuse a previous run's build of
# them: drop those (the third-party dependencies stay compiled).
cargo clean --quiet --release --target-dir "$repo/target/sdist-check" \
  -p fuquan -p fuquan-office -p fuquan-python 2>/dev/null || true
python3 -m venv "$scratch/sdist-venv"
# A fresh directory holding only the sdist; pip builds it in isolation (maturin from
# PyPI, as a user's pip would). CARGO_TARGET_DIR keeps the compiled dependencies
# between runs when FUQUAN_KEEP_BUILDS=1; every source comes from the sdist.
(cd "$scratch/sdist-build" &&
  CARGO_TARGET_DIR="$repo/target/sdist-check" "$scratch/sdist-venv/bin/python" -m pip wheel --quiet --no-deps \
    "fuquan-$version.tar.gz" -w wheel)
sdist_wheel="$(ls "$scratch"/sdist-build/wheel/fuquan-"$version"-*.whl)"
echo "built from the sdist: $(basename "$sdist_wheel")"
"$scratch/sdist-venv/bin/python" -m pip install --quiet --no-deps "$sdist_wheel"
"$scratch/sdist-venv/bin/python" -m pip install --quiet pytest
(cd "$scratch" && FUQUAN_TEST_INSTALLED=1 "$scratch/sdist-venv/bin/python" -m pytest -q -p no:cacheprovider \
  "$repo/bindings-python/tests")
if [[ -n "$old_python" ]]; then
  if "$scratch/old-venv/bin/python" -m pip install --no-deps "$sdist" > "$out/old-python-sdist.log" 2>&1; then
    fail "$old_python installed the sdist, which requires Python >= 3.10"
  fi
  grep -i "requires a different python" "$out/old-python-sdist.log" ||
    fail "pip's refusal of the sdist on $old_python did not say why (see $out/old-python-sdist.log)"
fi
drop_build "$repo/target/sdist-check"
done_step "Python sdist"

# ---------------------------------------------------------------------------
step "npm: the packed tarball in a scratch project"
(
  cd bindings-wasm
  [[ -x node_modules/.bin/esbuild && -d node_modules/playwright-core ]] || npm ci --no-audit --no-fund
  ./build.sh --if-needed
)
if [[ -z "${CHROMIUM_PATH:-}" && ! -x /usr/bin/chromium ]]; then
  echo "installing Chromium (apt), as bindings-wasm/test.sh does"
  as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
tgz_name="$(cd bindings-wasm && npm pack --silent --pack-destination "$out")"
tgz="$out/$tgz_name"
[[ "$tgz_name" == "fuquan-$version.tgz" ]] || fail "npm pack wrote $tgz_name, expected fuquan-$version.tgz"
tgz_list="$(tar tzf "$tgz")"
for f in package.json README.md index.js node.js index.d.ts js/core.js pkg-web/fuquan_wasm.js pkg-web/fuquan_wasm_bg.wasm \
         pkg-node/fuquan_wasm.js pkg-node/fuquan_wasm_bg.wasm pkg-node/package.json; do
  grep -qx "package/$f" <<< "$tgz_list" || fail "the npm tarball lacks $f"
done
if grep -q "^package/\(src\|test\|release\|portal\|node_modules\)/" <<< "$tgz_list"; then
  fail "the npm tarball carries files a user does not need: $(grep "^package/\(src\|test\|release\|portal\|node_modules\)/" <<< "$tgz_list" | head -3)"
fi
echo "$tgz_name: $(wc -l <<< "$tgz_list") files, $(stat -c %s "$tgz") bytes"

app="$scratch/npm-app"
mkdir -p "$app"
printf '{ "name": "fuquan-scratch", "private": true, "type": "module" }\n' > "$app/package.json"
(cd "$app" && npm install --no-audit --no-fund --silent "$tgz")
cp bindings-wasm/release/{case.json,use-node.mjs,use-require.cjs,use-types.ts,tsconfig.json,bundle-entry.mjs,bundle.html,plain.html} "$app/"
bin="$repo/bindings-wasm/node_modules/.bin"
(
  cd "$app"
  node use-node.mjs
  node use-require.cjs
  "$bin/tsc" -p tsconfig.json && echo "TypeScript: the packed index.d.ts compiles a user's module"
  "$bin/esbuild" bundle-entry.mjs --bundle --format=esm --platform=browser --loader:.wasm=file \
    --outfile=dist/app.js --log-level=warning
  echo "esbuild: $(ls dist | tr '\n' ' ')"
)
timeout --kill-after=30 600 node bindings-wasm/release/browser.mjs "$app" "$version"
done_step "npm pack + Node ESM/CJS, TypeScript, esbuild bundle and plain page in Chromium"

# ---------------------------------------------------------------------------
step "release check passed for $version in $((SECONDS - started)) s"
printf '%s\n' "${timings[@]}"
echo "artifacts in $out:"
ls -l "$out" "$repo/target/package/"*.crate | grep -v '^total'
