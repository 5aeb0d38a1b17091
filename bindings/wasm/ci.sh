#!/usr/bin/env bash
# CI for the WebAssembly package and the checker page, from a fresh machine:
#   toolchain (wasm32 target, wasm-bindgen-cli 0.2.130, Chromium + chromedriver), npm ci,
#   clippy, build.sh, wasm-bindgen tests under Node and in headless Chromium, and the end-to-end
#   test of the page served locally. Exits non-zero on the first failure.
#
# Environment: E2E_PORT (default 8765).
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH" CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WASM_BINDGEN_VERSION=0.2.130
PORT="${E2E_PORT:-8765}"
TARGET=wasm32-unknown-unknown
cd "$ROOT"

step() { echo; echo "==> [wasm ci] $*"; }
SERVER_PID=""
cleanup() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT

step "toolchain"
rustup target add "$TARGET"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  # Not --locked: its lockfile wants a webpki-roots the registry mirror does not have.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
wasm-bindgen --version
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver
  # Fonts for emoji, Chinese and Thai in the screenshot (not needed for the tests to pass).
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    fonts-noto-color-emoji fonts-thai-tlwg fonts-wqy-zenhei || echo "warning: fonts not installed" >&2
fi
chromium --version 2>/dev/null | tail -1 || true

step "npm ci (playwright-core, binaryen's wasm-opt)"
(cd "$HERE" && npm ci --no-audit --no-fund)

step "clippy"
cargo clippy -p scamsift-wasm --target "$TARGET" --all-targets -- -D warnings

step "build.sh"
"$HERE/build.sh"

step "wasm-bindgen tests: Node"
cargo test -p scamsift-wasm --target "$TARGET" --test node

step "wasm-bindgen tests: headless Chromium"
(cd "$HERE" && WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" \
  cargo test -p scamsift-wasm --target "$TARGET" --test web)

step "end-to-end: checker page on http://127.0.0.1:$PORT/"
python3 -m http.server "$PORT" --bind 127.0.0.1 -d "$HERE/www" >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/')" 2>/dev/null && break
  sleep 0.2
done
node "$HERE/e2e/e2e.mjs" "http://127.0.0.1:$PORT/"

echo
echo "==> [wasm ci] all passed"
