#!/usr/bin/env bash
# Runs each cargo-fuzz target in fuzz/ for SECONDS (default 60) from its seed corpus.
# Needs a nightly toolchain and cargo-fuzz (`rustup toolchain install nightly; cargo install cargo-fuzz`).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET…]     Crashes are left in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(classify pack readers entities)
for t in "${targets[@]}"; do
  corpus=corpus/$t
  mkdir -p "$corpus"
  cp -n seeds/"$t"/* "$corpus"/ 2>/dev/null || true
  echo "--- fuzz $t for $secs s"
  cargo +nightly fuzz run "$t" "$corpus" -- -max_total_time="$secs" -rss_limit_mb=2048 -print_final_stats=1
done
