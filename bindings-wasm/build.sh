#!/usr/bin/env bash
# Builds the npm package's WebAssembly: pkg-web/ (browsers, bundlers) and
# pkg-node/ (Node.js), each fuquan_wasm.js + fuquan_wasm_bg.wasm.
#
#   ./build.sh              build
#   ./build.sh --if-needed  build only when an input is newer than the outputs
#
# Needs: rustup, cargo, npm packages installed (npm ci) for wasm-opt.
# Honours CARGO_TARGET_DIR; defaults to the workspace's target/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

outputs=(pkg-web/fuquan_wasm_bg.wasm pkg-web/fuquan_wasm.js pkg-node/fuquan_wasm_bg.wasm pkg-node/fuquan_wasm.js)

if [[ "${1:-}" == "--if-needed" ]]; then
  fresh=1
  for o in "${outputs[@]}"; do [[ -f "$o" ]] || fresh=0; done
  if [[ $fresh == 1 ]]; then
    oldest="$(ls -t "${outputs[@]}" | tail -n1)"
    newer="$(find src Cargo.toml build.sh "$root/core/src" "$root/core/Cargo.toml" "$root/core/data/huancui-2024" \
             "$root/Cargo.lock" -newer "$oldest" -print -quit)"
    if [[ -z "$newer" ]]; then
      echo "build.sh: pkg-web/ and pkg-node/ are up to date"
      exit 0
    fi
    echo "build.sh: $newer changed; rebuilding"
  fi
fi

step() { printf '==> %s\n' "$*"; }

step "rust target wasm32-unknown-unknown"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

step "wasm-bindgen CLI at the version in Cargo.lock"
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")"
if [[ -z "$want" ]]; then
  # No lock entry yet (fresh checkout without Cargo.lock): let cargo resolve it first.
  (cd "$root" && cargo generate-lockfile >/dev/null 2>&1 || cargo metadata --format-version 1 >/dev/null)
  want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")"
fi
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$have" != "$want" ]]; then
  echo "installing wasm-bindgen-cli $want (found: ${have:-none}); about 2 minutes"
  # Not --locked: one of the CLI's locked dependencies is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$want"
fi

wasm_opt="$here/node_modules/.bin/wasm-opt"
if [[ ! -x "$wasm_opt" ]]; then
  echo "build.sh: $wasm_opt is missing: run 'npm ci' first (wasm-opt comes from the npm package binaryen;" >&2
  echo "          never use Debian's binaryen, whose wasm-opt breaks wasm-bindgen output)" >&2
  exit 1
fi

step "cargo build --profile wasm-release --target wasm32-unknown-unknown -p fuquan-wasm"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
(cd "$root" && cargo build --profile wasm-release --target wasm32-unknown-unknown -p fuquan-wasm)
raw="$target_dir/wasm32-unknown-unknown/wasm-release/fuquan_wasm.wasm"

for t in web nodejs; do
  out="pkg-web"; [[ $t == nodejs ]] && out="pkg-node"
  step "wasm-bindgen --target $t → $out/ ; wasm-opt -Oz"
  rm -rf "$out.tmp" && mkdir -p "$out.tmp"
  wasm-bindgen --target "$t" --out-dir "$out.tmp" --out-name fuquan_wasm "$raw"
  "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$out.tmp/fuquan_wasm_bg.wasm" "$out.tmp/fuquan_wasm_bg.wasm"
  # pkg-node is CommonJS inside a "type": "module" package.
  if [[ $t == nodejs ]]; then printf '{ "type": "commonjs" }\n' > "$out.tmp/package.json"; fi
  rm -rf "$out" && mv "$out.tmp" "$out"
done

size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
w=pkg-web/fuquan_wasm_bg.wasm
printf 'size: cargo output %s bytes; after wasm-bindgen + wasm-opt -Oz %s bytes raw, %s bytes gzipped (-9)\n' \
  "$(size "$raw")" "$(size "$w")" "$(gz "$w")"
