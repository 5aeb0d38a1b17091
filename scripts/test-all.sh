#!/usr/bin/env bash
# Runs every test of the project on a fresh machine of this kind (Debian, Rust, Python 3, Node),
# installing what the tests need: the wasm target, wasm-bindgen-cli, Chromium, pip and npm packages.
# Usage: scripts/test-all.sh            (from anywhere; ~15 min on 2 cores from a clean clone)
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never PATH="$HOME/.cargo/bin:$PATH"

passed=0; failed=0; failures=()
stage() {
  local name=$1; shift
  echo "::: $name"
  local t0=$SECONDS
  if "$@"; then passed=$((passed+1)); echo "::: $name: ok ($((SECONDS-t0)) s)"
  else failed=$((failed+1)); failures+=("$name"); echo "::: $name: FAILED ($((SECONDS-t0)) s)"; fi
}

corpora=${SCAMSIFT_CORPORA:-../shared/corpora}

stage "format" cargo fmt --all --check
stage "clippy" cargo clippy --workspace --all-targets --quiet -- -D warnings
stage "rust tests (core, CLI, pack examples, golden errors, properties, doctests)" cargo test --workspace --quiet
if [ -d benches ]; then
  stage "benchmarks compile and run once" cargo test -p scamsift-benches --benches --quiet
fi
stage "peak memory under hostile input (scripts/check-memory.sh, < 150 MB each)" scripts/check-memory.sh
if command -v rustup >/dev/null 2>&1 && rustup toolchain list 2>/dev/null | grep -q '^nightly' &&
   cargo +nightly fuzz --version >/dev/null 2>&1; then
  stage "fuzzing (scripts/fuzz.sh, 60 s per target)" scripts/fuzz.sh 60
else
  echo "::: fuzzing: SKIPPED (needs a nightly toolchain and cargo-fuzz: rustup toolchain install nightly && cargo install cargo-fuzz)"
fi
if [ -d "$corpora" ]; then
  stage "detection evaluation vs baseline ($corpora)" cargo run --release --quiet -p scamsift-cli -- \
    eval --corpus "$corpora" --perturb --baseline tests/eval-baseline.json --report target/eval-report.md
else
  echo "::: detection evaluation: SKIPPED ($corpora not found; set SCAMSIFT_CORPORA)"
fi
validate=${SCAMSIFT_VALIDATE:-../shared/tools/validate}
if [ -x "$validate" ] && [ -f tests/validation-baseline.json ]; then
  # Aggregate figures on the encrypted validation set (never read by anyone here): no figure may drop.
  validation() { cargo build --release --quiet -p scamsift-cli &&
    "$validate" target/release/scamsift --baseline tests/validation-baseline.json > target/validation.txt 2>&1;
    local rc=$?; tail -n 3 target/validation.txt; return $rc; }
  stage "validation set vs tests/validation-baseline.json" validation
else
  echo "::: validation: SKIPPED ($validate or tests/validation-baseline.json not found)"
fi
if [ -x bindings/python/ci.sh ]; then stage "python package" bindings/python/ci.sh; fi
if [ -x bindings/wasm/ci.sh ]; then stage "webassembly package and checker page" bindings/wasm/ci.sh; fi

echo
if [ "$failed" -gt 0 ]; then echo "failed stages: ${failures[*]}"; fi
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
