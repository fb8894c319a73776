#!/usr/bin/env bash
# Reproduces every figure in BENCHMARKS.md: ./bench/run.sh
# Builds what it needs (release benches, the zen-engine peer — ~5 min cold —,
# the Python wheel in .venv, the WASM package) and prints JSON lines + criterion output.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(rustc --version)"

echo "==> native workload (bench/manifest.json) and province-scale load"
cargo bench -p fuquan --bench workload
cargo bench -p fuquan --bench workload -- province

echo "==> zen-engine peer (own workspace: bench/peer)"
(cd bench/peer && cargo run --release --quiet)

echo "==> Python: zen-engine (PyPI) and a pure-Python model vs route_many / route_columns / route_arrow"
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/pip install -q maturin ./bindings-python pyarrow pandas polars zen-engine
.venv/bin/python bench/python/bench.py

echo "==> WASM in Node"
(cd bindings-wasm && { [[ -d node_modules ]] || npm ci; } && ./build.sh)
node bench/node/bench.mjs

echo "==> criterion (route typed/traced/JSON, staffing, dispute, province)"
cargo bench -p fuquan --bench engine

echo "==> criterion: intake (a 50-character sentence; embedded default and 5,000 items)"
cargo bench -p fuquan --bench intake
