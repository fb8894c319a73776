#!/usr/bin/env bash
# Builds and tests the npm package from a fresh machine:
#   Chromium (apt, only if /usr/bin/chromium is missing) and a CJK font for
#   readable screenshots, npm packages (npm ci), the WebAssembly (./build.sh:
#   wasm target, wasm-bindgen-cli, cargo, wasm-opt), then npm test.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

apt_packages=()
[[ -x /usr/bin/chromium ]] || apt_packages+=(chromium)
# Without a CJK font the portal screenshot shows boxes (the tests pass either way).
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then apt_packages+=(fonts-wqy-zenhei); fi
if (( ${#apt_packages[@]} )); then
  echo "==> apt-get install ${apt_packages[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${apt_packages[@]}"
fi

echo "==> npm packages"
if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

echo "==> build"
./build.sh

# Size budget (issue #7): the gzipped module must stay under 300 KB. A change
# that crosses it fails here, where it is cheapest to rethink.
budget=300000
gz=$(gzip -9 -c pkg-web/fuquan_wasm_bg.wasm | wc -c)
if (( gz >= budget )); then
  echo "test.sh: pkg-web/fuquan_wasm_bg.wasm is $gz bytes gzipped; the budget is under $budget" >&2
  exit 1
fi
echo "==> size budget: $gz bytes gzipped (under $budget)"

echo "==> npm test"
# A hung browser or server must fail this step, not eat the CI budget.
timeout --kill-after=30 1800 npm test
