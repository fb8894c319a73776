#!/usr/bin/env bash
# Fuzzes the JSON boundary with cargo-fuzz (libFuzzer, nightly). Not run by CI.
#   scripts/fuzz.sh [seconds-per-target] [target...]
#   FUZZ_RUNS=10000000 scripts/fuzz.sh 0 call   # a fixed number of executions instead of a time
# Targets (fuzz/fuzz_targets/): `ruleset` (Engine::from_json_str, validate_json_str)
# and `call` (api::call_json_str for every operation in api::OPERATIONS; the
# first byte of an input picks the operation). Seeds come from fixtures/: the
# embedded rule set, every conformance case's request and the bad-input corpus.
# A crash leaves its input in fuzz/artifacts/<target>/; turn it into a
# fixtures/bad-input/ case and fix the core.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
(( ${#targets[@]} )) || targets=(ruleset call)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
if ! cargo fuzz --version 2>/dev/null | grep -q '0.13'; then
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

echo "==> seed corpora"
# The operations in registry order (api::OPERATIONS; the fuzz target picks one by the first byte).
cargo run -q -p fuquan-cli -- operations --json > fuzz/operations.json
python3 - <<'PY'
import json, os, glob, hashlib

ops = [e["operation"] for e in json.load(open("fuzz/operations.json", encoding="utf-8"))]

def put(target, data):
    d = os.path.join("fuzz", "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)

# The embedded rule set as one document.
root = "core/data/huancui-2024"
doc = json.load(open(os.path.join(root, "ruleset.json"), encoding="utf-8"))
for name in ["departments", "towns", "items", "grants"]:
    doc.setdefault(name, json.load(open(os.path.join(root, name + ".json"), encoding="utf-8")))
put("ruleset", json.dumps(doc, ensure_ascii=False).encode())

for path in sorted(glob.glob("fixtures/cases/*/*.json")):
    case = json.load(open(path, encoding="utf-8"))
    op = case["operation"]
    body = case["ruleset"] if op == "validate" else case["request"]
    text = json.dumps(body, ensure_ascii=False).encode()
    put("call", bytes([ops.index(op)]) + text)
    if op == "validate":
        put("ruleset", text)

for path in sorted(glob.glob("fixtures/bad-input/*.json")):
    case = json.load(open(path, encoding="utf-8"))
    if "input" not in case:
        continue
    text = case["input"].encode("utf-8", "surrogatepass")
    if case["operation"] in ops:
        put("call", bytes([ops.index(case["operation"])]) + text)
    if case["operation"] == "validate":
        put("ruleset", text)
PY

cd fuzz
status=0
for t in "${targets[@]}"; do
  echo "==> fuzz $t for ${seconds}s"
  # -rss_limit_mb: a 64 MiB document plus its parse must fit; -max_len keeps inputs reasonable.
  if [ -n "${FUZZ_RUNS:-}" ]; then budget=(-runs="$FUZZ_RUNS"); else budget=(-max_total_time="$seconds"); fi
  if ! cargo +nightly fuzz run "$t" -- "${budget[@]}" -max_len=65536 \
       -timeout=10 -rss_limit_mb=2048 -print_final_stats=1; then
    echo "!! $t found a crash: see fuzz/artifacts/$t/" >&2
    status=1
  fi
done
exit $status
