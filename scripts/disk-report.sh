#!/usr/bin/env bash
# Prints the free space on the disk that holds target/ and what target/ holds,
# biggest parts first. test-all.sh and release-check.sh call it between steps, so
# a CI run that runs out of disk shows which step filled it.
#   scripts/disk-report.sh [LABEL]
set -uo pipefail
cd "$(dirname "$0")/.."
label="${1:-}"
free="$(df -Ph . | awk 'NR == 2 { print $4 }')"
if [[ -d target ]]; then
  total="$(du -sh target 2>/dev/null | cut -f1)"
  parts="$(du -sh target/* 2>/dev/null | sort -rh | head -n 4 | awk '{ sub("^target/", "", $2); printf "%s%s %s", sep, $2, $1; sep = ", " }')"
  echo "disk${label:+ after $label}: $free free; target/ $total (${parts})"
else
  echo "disk${label:+ after $label}: $free free; no target/ yet"
fi
