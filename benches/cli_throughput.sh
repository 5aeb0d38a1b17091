#!/usr/bin/env bash
# CLI throughput on JSONL of short messages: records/s and MB/s with 1 and 2 threads (median of 3).
# Uses the real SMS corpora when present (../shared/corpora or $SCAMSIFT_CORPORA), else synthetic text.
# Usage: benches/cli_throughput.sh [RECORDS]   (default 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
corpora=${SCAMSIFT_CORPORA:-../shared/corpora}
cargo build --release -q -p scamsift-cli
bin=target/release/scamsift
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$n" "$corpora" > "$tmp/in.jsonl" <<'PY'
import json, os, sys, itertools
n, corpora = int(sys.argv[1]), sys.argv[2]
texts = []
for f in ("super_sms_legacy.jsonl", "super_sms_latest.jsonl", "uci_sms.jsonl", "telecom_fraud_texts_normal.jsonl", "sms_indo.jsonl"):
    p = os.path.join(corpora, f)
    if os.path.exists(p):
        texts += [json.loads(l)["text"] for l in open(p, encoding="utf-8") if l.strip()]
if not texts:
    print("no corpora: synthetic messages", file=sys.stderr)
    texts = [f"Hi, are we still meeting at {h}? I'll bring the documents." for h in range(1, 13)] + \
            ["Part-time job, earn 3000 rupees daily, WhatsApp wa.me/919812345670"]
for i, t in zip(range(n), itertools.cycle(texts)):
    print(json.dumps({"id": i, "text": t}, ensure_ascii=False))
PY
size=$(stat -c %s "$tmp/in.jsonl")
echo "input: $n records, $((size / 1000000)) MB of JSONL"
echo "| threads | records/s | MB/s | flagged |"
echo "|---:|---:|---:|---:|"
for j in 1 2; do
  runs=()
  for _ in 1 2 3; do
    s=$(date +%s.%N)
    "$bin" scan -q -j "$j" --exit-zero "$tmp/in.jsonl" > "$tmp/out.jsonl"
    e=$(date +%s.%N)
    runs+=("$(python3 -c "print($e - $s)")")
  done
  med=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)
  flagged=$(grep -vc '"verdict":"clean"' "$tmp/out.jsonl" || true)
  out=$(wc -l < "$tmp/out.jsonl")
  [ "$out" -eq "$n" ] || { echo "expected $n output records, got $out" >&2; exit 1; }
  printf '| %d | %.0f | %.1f | %d |\n' "$j" "$(python3 -c "print($n / $med)")" "$(python3 -c "print($size / $med / 1e6)")" "$flagged"
done
