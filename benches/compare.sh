#!/usr/bin/env bash
# One command, one run, same inputs and patterns for every contender:
#   bare aho-corasick DFA, scamsift classify (1 thread and all threads), per-rule regex loop (Rust),
#   Python `re` loop (time-boxed, extrapolated), Hyperscan/Vectorscan (python-hyperscan).
# Prints a table of MB/s, texts/s and ratios; the LAST line is `ratio classify/bare-ac X.XX` (job ads).
#
#   benches/compare.sh                  # ~3 min
#   BENCH_QUICK=1 benches/compare.sh    # < 1 min (an eighth of each input, 16 MB linearity doc)
#   BENCH_FULL=1 benches/compare.sh     # + CLI peak RSS over a generated 1 GB file in /tmp (deleted after)
#
# Env: SCAMSIFT_CORPORA (default ../shared/corpora from the workspace root), BENCH_OUT (default a temp
# dir), BENCH_VENV (default benches/.venv; hyperscan is pip-installed there when missing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
quick=()
[[ "${BENCH_QUICK:-0}" == 1 ]] && quick=(--quick)
out="${BENCH_OUT:-$(mktemp -d /tmp/scamsift-compare.XXXXXX)}"
mkdir -p "$out"

venv="${BENCH_VENV:-$here/.venv}"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv" >&2
fi
if ! "$venv/bin/python" -c 'import hyperscan' 2>/dev/null; then
  "$venv/bin/pip" install -q hyperscan >&2 || echo "compare.sh: pip install hyperscan failed; its row is skipped" >&2
fi

cargo build -q --release -p scamsift-benches --bin compare >&2
if [[ "${BENCH_FULL:-0}" == 1 ]]; then
  cargo build -q --release -p scamsift-cli >&2
fi

echo "compare.sh: Rust contenders ..." >&2
"$root/target/release/compare" "$out"

if [[ "${BENCH_FULL:-0}" == 1 ]]; then
  big="$(mktemp /tmp/scamsift-1g.XXXXXX.txt)"
  trap 'rm -f "$big"' EXIT
  echo "compare.sh: generating 1 GB of lines in $big ..." >&2
  # The SMS inputs repeated (newlines inside a text become spaces) until 1 GiB.
  "$venv/bin/python" - "$out/inputs/sms.json" "$big" <<'PY'
import json, sys
texts = [t.replace("\n", " ").replace("\r", " ") for t in json.load(open(sys.argv[1]))]
block = ("\n".join(texts) + "\n").encode()
target = 1 << 30
with open(sys.argv[2], "wb") as f:
    n = 0
    while n < target:
        f.write(block)
        n += len(block)
PY
  lines=$(wc -l < "$big")
  bytes=$(stat -c %s "$big")
  echo "compare.sh: scamsift scan over $bytes bytes, $lines lines ..." >&2
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$out/time.txt" "$root/target/release/scamsift" scan --input-format lines \
    --output-format jsonl --quiet --exit-zero "$big" > /dev/null
  end=$(date +%s.%N)
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$out/time.txt")
  python3 -c "import json,sys; b,l,s,r=int(sys.argv[1]),int(sys.argv[2]),float(sys.argv[3]),int(sys.argv[4]); \
json.dump({'max_rss_kb': r, 'bytes': b, 'lines': l, 'secs': s, 'mbps': b/s/1e6, 'lines_per_s': l/s}, open(sys.argv[5],'w'))" \
    "$bytes" "$lines" "$(echo "$end - $start" | bc)" "$rss" "$out/rss.json"
  rm -f "$big"
fi

echo "compare.sh: Python contenders ..." >&2
"$venv/bin/python" "$here/compare.py" "$out" "${quick[@]}"
