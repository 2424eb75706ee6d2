#!/usr/bin/env bash
# Fails when dist/ is not exactly what `npm run bundle` makes from the current sources, or when a
# build on another Node major version (this machine's own node beside the Node 24 devDependency)
# would make something else: dist/ must not depend on which Node built it.
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

# the node on PATH without node_modules/.bin (where npm puts the Node 24 devDependency)
system_path=$(tr ':' '\n' <<<"$PATH" | grep -v 'node_modules/\.bin' | paste -sd: -)
other_node=$(PATH=$system_path command -v node || true)
bundled_with=$(node --version)
if [ -n "$other_node" ] && [ "$("$other_node" --version)" != "$bundled_with" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  BUNDLE_OUT="$out/dist" "$other_node" scripts/bundle.mjs
  if ! diff -r dist "$out/dist" >/dev/null; then
    echo "dist/ built with $("$other_node" --version) differs from the one built with $bundled_with:" >&2
    diff -rq dist "$out/dist" >&2 || true
    exit 1
  fi
  echo "dist/ is byte-identical when $("$other_node" --version) builds it."
fi
