#!/usr/bin/env bash
# Fails when dist/ is not exactly what `npm run bundle` makes from the current sources.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s bundle
# changed (against the index) or new files under dist/
changes=$(git diff --name-only -- dist; git ls-files --others --exclude-standard -- dist)
if [ -n "$changes" ]; then
  echo "dist/ is stale: it differs from a fresh 'npm run bundle':" >&2
  echo "$changes" >&2
  git --no-pager diff --stat -- dist >&2 || true
  echo "Run 'npm run bundle' and commit dist/." >&2
  exit 1
fi
echo "dist/ is up to date."
