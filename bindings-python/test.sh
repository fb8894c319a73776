#!/usr/bin/env bash
# Build the Python package from source and run its tests, on a fresh machine.
#
#   bindings-python/test.sh            # from anywhere
#   FUQUAN_WITH_PANDAS=1 bindings-python/test.sh   # also install pandas and run the CSV example test
#
# Creates .venv at the repository root if missing, installs maturin and pytest
# into it, builds and installs ./bindings-python with pip (maturin, release
# profile), then runs pytest over bindings-python/tests. Exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
venv="$repo/.venv"
py="$venv/bin/python"
# maturin's PEP 517 hook runs the `maturin` executable: the venv's must be on PATH.
export PATH="$venv/bin:$PATH"

if [ ! -x "$py" ]; then
    echo "==> creating $venv"
    python3 -m venv "$venv"
fi

echo "==> installing build and test tools"
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet "maturin>=1.5,<2.0" pytest
if [ "${FUQUAN_WITH_PANDAS:-0}" = "1" ]; then
    "$py" -m pip install --quiet pandas
fi

echo "==> building and installing fuquan (pip install ./bindings-python)"
cd "$repo"
"$py" -m pip install --no-build-isolation --force-reinstall --no-deps ./bindings-python

echo "==> running pytest"
cd "$here"
"$py" -m pytest tests -q "$@"
