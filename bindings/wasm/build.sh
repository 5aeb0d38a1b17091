#!/usr/bin/env bash
# Builds the scamsift WebAssembly package:
#   www/pkg/   ES module (--target web) used by the checker page in www/
#   pkg/       the same ES module with package.json + README, ready for `npm publish`
#   pkg-node/  CommonJS build for Node (--target nodejs)
# and prints the sizes. Needs: the wasm32-unknown-unknown target, wasm-bindgen 0.2.130 on PATH,
# and (optional, for size) `npm ci` in this directory for binaryen's wasm-opt.
#
# Environment:
#   SCAMSIFT_WASM_OPT=0         skip wasm-opt (faster local builds; ~15 % bigger .wasm)
#   SCAMSIFT_WASM_MAX_BYTES=N   fail if the optimised .wasm is larger than N bytes (default: warn over 1.2 MB)
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$HERE"

WASM_BINDGEN_VERSION=0.2.130
PROFILE=wasm-release
TARGET=wasm32-unknown-unknown
NAME=scamsift_wasm
BUDGET=1200000

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  echo "error: wasm-bindgen $WASM_BINDGEN_VERSION is required (found: $(wasm-bindgen --version 2>&1 || true))." >&2
  echo "       cargo install wasm-bindgen-cli --version $WASM_BINDGEN_VERSION" >&2
  exit 1
fi

step() { echo "==> $*"; }
now() { date +%s%N; }
secs() { local d=$(( $(now) - $1 )); printf '%d.%01d' $((d / 1000000000)) $(((d / 100000000) % 10)); }

step "cargo build -p scamsift-wasm --target $TARGET --profile $PROFILE"
t0=$(now)
cargo build -p scamsift-wasm --target "$TARGET" --profile "$PROFILE"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WASM="$TARGET_DIR/$TARGET/$PROFILE/$NAME.wasm"
[[ -f "$WASM" ]] || { echo "error: $WASM not found" >&2; exit 1; }
echo "    built in $(secs "$t0") s"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

bindgen() { # target out-dir
  wasm-bindgen --target "$1" --out-dir "$2" --out-name "$NAME" \
    --remove-name-section --remove-producers-section "$WASM"
}

step "wasm-bindgen --target web / nodejs"
bindgen web "$TMP/web"
bindgen nodejs "$TMP/node"
RAW_BINDGEN=$(stat -c %s "$TMP/web/${NAME}_bg.wasm")

WASM_OPT="$HERE/node_modules/.bin/wasm-opt"
OPTIMISED=no
if [[ "${SCAMSIFT_WASM_OPT:-1}" == "0" ]]; then
  echo "    SCAMSIFT_WASM_OPT=0: skipping wasm-opt"
elif [[ -x "$WASM_OPT" ]]; then
  # npm binaryen@132 only: Debian's binaryen (108) produces modules that fail to load.
  step "wasm-opt -Oz ($("$WASM_OPT" --version))"
  t0=$(now)
  "$WASM_OPT" -Oz --strip-debug --strip-producers "$TMP/web/${NAME}_bg.wasm" -o "$TMP/opt.wasm"
  echo "    optimised in $(secs "$t0") s"
  if cmp -s "$TMP/node/${NAME}_bg.wasm" "$TMP/web/${NAME}_bg.wasm"; then
    cp "$TMP/opt.wasm" "$TMP/node/${NAME}_bg.wasm" # the same module for both targets: optimise once
  else
    "$WASM_OPT" -Oz --strip-debug --strip-producers "$TMP/node/${NAME}_bg.wasm" -o "$TMP/node/${NAME}_bg.wasm"
  fi
  cp "$TMP/opt.wasm" "$TMP/web/${NAME}_bg.wasm"
  OPTIMISED=yes
else
  echo "    warning: $WASM_OPT not found (run \`npm ci\` in $HERE): the .wasm is not optimised" >&2
fi

VERSION="$(cargo pkgid -p scamsift-wasm | sed 's/.*[#@]//')"

step "www/pkg (checker page), pkg (npm, ES module), pkg-node (Node, CommonJS)"
rm -rf www/pkg pkg pkg-node
mkdir -p www/pkg pkg pkg-node
cp "$TMP"/web/* www/pkg/
cp "$TMP"/web/* pkg/
cp "$TMP"/node/* pkg-node/
cat > pkg/README.md <<'MD'
# scamsift-wasm

Explainable scam-text classifier (recruitment lures, task scams, pig-butchering) compiled to
WebAssembly. Everything runs locally: no text leaves the page or process.

```js
import init, { Classifier } from "scamsift-wasm";
await init();                                  // fetches scamsift_wasm_bg.wasm next to the module
const classifier = new Classifier();           // built-in indicator pack
const v = classifier.classify(text);
v.verdict;                                     // "clean" | "suspicious" | "scam"
for (const h of v.hits) console.log(h.category, text.slice(h.start, h.end), h.why); // UTF-16 indices
const custom = Classifier.fromPack(tomlText);  // built-in + your pack; throws Error("error[E005]: custom.toml:6:12: ...")
```

Types: see `scamsift_wasm.d.ts` (`Verdict`, `Hit`, `CombinationHit`, `RuleInfo`, ...).
MD

cat > pkg/package.json <<EOF
{
  "name": "scamsift-wasm",
  "version": "$VERSION",
  "description": "Explainable scam-text classifier (recruitment lures, task scams, pig-butchering) compiled to WebAssembly. Runs fully offline in the browser.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./$NAME.js",
  "module": "./$NAME.js",
  "types": "./$NAME.d.ts",
  "exports": {
    ".": {
      "types": "./$NAME.d.ts",
      "import": "./$NAME.js",
      "default": "./$NAME.js"
    },
    "./${NAME}_bg.wasm": "./${NAME}_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": [
    "$NAME.js",
    "$NAME.d.ts",
    "${NAME}_bg.wasm",
    "${NAME}_bg.wasm.d.ts",
    "README.md"
  ],
  "sideEffects": false,
  "keywords": ["scam", "fraud", "classifier", "job-scam", "pig-butchering", "webassembly", "wasm"]
}
EOF

cat > pkg-node/package.json <<EOF
{
  "name": "scamsift-wasm-node",
  "version": "$VERSION",
  "description": "scamsift compiled to WebAssembly, CommonJS build for Node.js: const { Classifier } = require('scamsift-wasm-node').",
  "license": "MIT OR Apache-2.0",
  "main": "./$NAME.js",
  "types": "./$NAME.d.ts",
  "files": ["$NAME.js", "$NAME.d.ts", "${NAME}_bg.wasm", "${NAME}_bg.wasm.d.ts"]
}
EOF

step "smoke test of the Node build"
node -e "
const { Classifier } = require('./pkg-node/$NAME.js');
const c = new Classifier();
const t = 'Earn \$300 per day from home, no experience! Free visa and flight. Contact HR on Telegram @hr_amy88';
const v = c.classify(t);
if (v.verdict === 'clean') { console.error('smoke test: lure classified clean'); process.exit(1); }
for (const h of v.hits) if (t.slice(h.start, h.end) !== h.text) { console.error('smoke test: bad span', h); process.exit(1); }
console.log('    ok: ' + v.verdict + ', ' + v.hits.length + ' hits, ' + c.ruleCount + ' rules');
"

FINAL=$(stat -c %s "www/pkg/${NAME}_bg.wasm")
GZ=$(gzip -9c "www/pkg/${NAME}_bg.wasm" | wc -c)
JS=$(stat -c %s "www/pkg/$NAME.js")
step "sizes"
printf '    %-44s %10s B\n' "cargo output ($PROFILE, before wasm-bindgen)" "$(stat -c %s "$WASM")"
printf '    %-44s %10s B\n' "after wasm-bindgen (names stripped)" "$RAW_BINDGEN"
printf '    %-44s %10s B   (gzip -9: %s B, wasm-opt: %s)\n' "${NAME}_bg.wasm shipped" "$FINAL" "$GZ" "$OPTIMISED"
printf '    %-44s %10s B   (gzip -9: %s B)\n' "$NAME.js glue" "$JS" "$(gzip -9c "www/pkg/$NAME.js" | wc -c)"

MAX="${SCAMSIFT_WASM_MAX_BYTES:-}"
if [[ -n "$MAX" && "$FINAL" -gt "$MAX" ]]; then
  echo "error: ${NAME}_bg.wasm is $FINAL B, over SCAMSIFT_WASM_MAX_BYTES=$MAX" >&2
  exit 1
elif [[ "$FINAL" -gt "$BUDGET" ]]; then
  echo "    warning: ${NAME}_bg.wasm is $FINAL B, over the 1.2 MB budget ($BUDGET B)" >&2
fi
echo "==> done: open the checker with: python3 -m http.server 8000 --bind 127.0.0.1 -d $HERE/www"
