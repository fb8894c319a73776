#!/usr/bin/env bash
# Build the Python package as a user receives it — one abi3 wheel — and test the
# installed wheel, on a fresh machine.
#
#   bindings-python/test.sh                                   # from anywhere
#   FUQUAN_PYTHONS="python3 /path/to/python3.12" bindings-python/test.sh   # several interpreters
#
# 1. A tools venv (.venv at the repository root) with maturin.
# 2. `maturin build --release`: the abi3 wheel, into target/wheels/.
# 3. For each interpreter in FUQUAN_PYTHONS (default: python3): a fresh venv under
#    target/py-test/ (removed once its tests pass; FUQUAN_KEEP_BUILDS=1 keeps it),
#    created and filled with a PATH that holds no Rust toolchain;
#    the built wheel installed into it (never built from source), with the test
#    requirements (tests/requirements.txt: pytest, pandas, pyarrow, polars, duckdb,
#    dask, distributed); then pytest over bindings-python/tests, run from a scratch
#    directory so that `import fuquan` can only find the installed package
#    (FUQUAN_TEST_INSTALLED=1: conftest.py checks exactly that, and that the test
#    requirements are there, so the Arrow, Polars, DuckDB and Dask tests run
#    instead of being skipped). The differential test of the pure-Python model
#    runs 20,000 generated cases; FUQUAN_MODEL_CASES=100000 runs the full set, and
#    FUQUAN_BIG_TESTS=1 adds route_arrow on one 10,000,000-row batch (~0.5 GB).
# Exits non-zero on any failure. Extra arguments go to pytest.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
venv="$repo/.venv"
wheels="$repo/target/wheels"

# LibreOffice (Debian's writer without a GUI, ~50 s to install) converts a drafted
# .docx to PDF in test_draft.py: the one check that an office suite opens it.
# FUQUAN_TEST_SOFFICE=1 makes that test fail rather than skip without it.
if ! command -v soffice >/dev/null 2>&1; then
    as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }
    echo "==> apt-get install libreoffice-writer-nogui"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-writer-nogui
fi
export FUQUAN_TEST_SOFFICE=1

if [ ! -x "$venv/bin/python" ]; then
    echo "==> creating $venv"
    python3 -m venv "$venv"
fi
echo "==> build tools (maturin) in $venv"
"$venv/bin/python" -m pip install --quiet "maturin>=1.5,<2.0"

echo "==> maturin build --release (abi3 wheel)"
mkdir -p "$wheels"
rm -f "$wheels"/fuquan-*.whl
(cd "$here" && "$venv/bin/maturin" build --release --out "$wheels")
wheel="$(ls "$wheels"/fuquan-*.whl)"
echo "wheel: $wheel ($(stat -c %s "$wheel") bytes)"
case "$(basename "$wheel")" in
    *-cp310-abi3-*) ;;
    *) echo "test.sh: expected one abi3 wheel for CPython >= 3.10, got $(basename "$wheel")" >&2; exit 1 ;;
esac

# PATH without any directory that holds cargo or rustc: the wheel must install and
# run where no Rust toolchain exists.
no_rust_path=""
IFS=: read -r -a dirs <<< "$PATH"
for d in "${dirs[@]}"; do
    [ -z "$d" ] && continue
    if [ -e "$d/cargo" ] || [ -e "$d/rustc" ]; then continue; fi
    no_rust_path="${no_rust_path:+$no_rust_path:}$d"
done
if env PATH="$no_rust_path" sh -c 'command -v cargo || command -v rustc' >/dev/null; then
    echo "test.sh: could not hide the Rust toolchain from PATH" >&2
    exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

for py in ${FUQUAN_PYTHONS:-python3}; do
    version="$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    test_venv="$repo/target/py-test/$version"
    echo "==> Python $version ($py): fresh venv $test_venv, no Rust on PATH"
    rm -rf "$test_venv"
    env PATH="$no_rust_path" "$py" -m venv "$test_venv"
    env PATH="$no_rust_path" "$test_venv/bin/python" -m pip install --quiet --no-deps "$wheel"
    env PATH="$no_rust_path" "$test_venv/bin/python" -m pip install --quiet -r "$here/tests/requirements.txt"
    echo "==> pytest against the installed wheel (Python $version)"
    (cd "$scratch" && env PATH="$no_rust_path" FUQUAN_TEST_INSTALLED=1 FUQUAN_TEST_REQUIRE=pandas,numpy,pyarrow,polars,duckdb,dask.dataframe,distributed,docx \
        timeout --kill-after=30 1200 "$test_venv/bin/python" -m pytest -q -p no:cacheprovider "$here/tests" "$@")
    # ~650 MB each (pyarrow, polars, duckdb, dask): gone once passed, so four
    # interpreters never hold the disk at once. A failed run keeps its venv.
    [ -n "${FUQUAN_KEEP_BUILDS:-}" ] || rm -rf "$test_venv"
done
