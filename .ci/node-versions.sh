#!/usr/bin/env bash
# The scenarios on other Node versions (the full suite runs on the machine's Node in .ci/run). For each version:
# the per-scenario tests (test/<id>.test.ts for every id in the catalogue) under that Node, then the built CLI's
# `demo --all --json` under that Node, checking that every scenario's `done` event is ok.
# Usage: bash .ci/node-versions.sh 22 24     (needs a build: npm test or npm run build first)
set -euo pipefail
cd "$(dirname "$0")/.."
ids=$(node dist/cli/main.js list --json | node -e 'let s="";process.stdin.on("data",(d)=>{s+=d}).on("end",()=>console.log(JSON.parse(s).map((x)=>x.id).join(" ")))')
files=()
for id in $ids; do
  if [[ -f "test/$id.test.ts" ]]; then files+=("test/$id.test.ts"); fi
done
for v in "$@"; do
  bin=$(npx -y -p "node@$v" node -p process.execPath)
  echo "== Node $("$bin" --version): scenario tests (${files[*]})"
  "$bin" node_modules/tap/dist/esm/run.mjs "${files[@]}"
  echo "== Node $("$bin" --version): demo --all --json"
  "$bin" dist/cli/bin.cjs demo --all --json | "$bin" .ci/check-done.mjs $ids
done
