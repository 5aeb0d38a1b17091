#!/usr/bin/env bash
# Runs each cargo-fuzz target in fuzz/ for SECONDS (default 60) from its seed corpus.
# Needs a nightly toolchain and cargo-fuzz (`rustup toolchain install nightly; cargo install cargo-fuzz`).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET…]     Crashes are left in fuzz/artifacts/TARGET/.
# Every target runs even when an earlier one crashes; the exit status is non-zero if any did.
set -uo pipefail
cd "$(dirname "$0")/../fuzz" || exit 1
secs=${1:-60}; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(classify pack readers entities)
failed=()
for t in "${targets[@]}"; do
  corpus=corpus/$t
  mkdir -p "$corpus"
  cp -n seeds/"$t"/* "$corpus"/ 2>/dev/null || true
  echo "--- fuzz $t for $secs s"
  if ! cargo +nightly fuzz run "$t" "$corpus" -- -max_total_time="$secs" -rss_limit_mb=2048 -print_final_stats=1; then
    failed+=("$t")
    ls artifacts/"$t"/ 2>/dev/null
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in fuzz/artifacts/; reproduce with cargo +nightly fuzz run TARGET FILE)"
  exit 1
fi
