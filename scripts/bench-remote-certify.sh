#!/usr/bin/env bash
# Certifies the reference platform as if it were remote: `hutong serve-reference` behind a local
# proxy (scripts/delay-proxy.py) that delays every read by DELAY_MS each way (default 25 ms, about
# 50 ms per round trip), and prints the wall time and the number of HTTP exchanges (issue 12).
# Also prints the three longest scenarios (the serial chain the wall time cannot go below).
# Usage: scripts/bench-remote-certify.sh [DELAY_MS]   (release build; HUTONG_BIN=path measures
# another build, e.g. an earlier commit's, without building)
set -euo pipefail
cd "$(dirname "$0")/.."
delay=${1:-25}
if [ -n "${HUTONG_BIN:-}" ]; then
  bin=$HUTONG_BIN
else
  cargo build --release -q -p hutong
  bin="${CARGO_TARGET_DIR:-target}/release/hutong"
fi
out=$(mktemp -d)
ref_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
proxy_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve-reference --port "$ref_port" >"$out/ref.log" 2>&1 &
ref=$!
python3 scripts/delay-proxy.py "$proxy_port" "$ref_port" "$delay" >"$out/proxy.log" 2>&1 &
proxy=$!
trap 'kill $ref $proxy 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 1 100); do grep -q listening "$out/proxy.log" 2>/dev/null && grep -q http "$out/ref.log" 2>/dev/null && break; sleep 0.1; done
start=$(date +%s%N)
set +e
"$bin" certify "http://127.0.0.1:$proxy_port" --out "${KEEP_RUN:-$out/run}" -q >/dev/null 2>&1
code=$?
set -e
end=$(date +%s%N)
exchanges=$(python3 - "${KEEP_RUN:-$out/run}" <<'PY'
import json, os, sys
d = os.path.join(sys.argv[1], "evidence")
print(sum(len(json.load(open(os.path.join(d, f)))) for f in os.listdir(d) if f.endswith(".json")))
PY
)
longest=$(python3 - "${KEEP_RUN:-$out/run}" <<'PY'
import json, os, sys
r = json.load(open(os.path.join(sys.argv[1], "report.json")))
rows = sorted(((s["duration_ms"], s["name"], req["id"]) for req in r["requirements"] for s in req.get("scenarios", [])), reverse=True)
seen, out = set(), []
for ms, name, rid in rows:
    if name not in seen:
        seen.add(name); out.append(f"{rid} {ms / 1000:.1f} s")
print("; ".join(out[:3]))
PY
)
echo "certification through a ${delay} ms-each-way proxy: $(( (end - start) / 1000000 )) ms wall time, $exchanges HTTP exchanges, exit $code"
echo "longest scenarios: $longest"
