#!/usr/bin/env bash
# Submissions per second sustained through POST /tasks, measured from outside the hub's JVM with wrk
# (Debian package `wrk`). Starts its own hub with the local worker off, warms it up, then measures.
# Usage: bench/submissions.sh [SECONDS] [CONNECTIONS]   (defaults 20 and 8)
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
seconds=${1:-20}
connections=${2:-8}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
(cd "$root" && ./mvnw -q -B -DskipTests package -pl cli -am)
home=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
DOBBY_HOME="$home" DOBBY_MAX_CONCURRENT_AGENTS=0 "$root/dobby" start --port "$port" >"$home/hub.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null; rm -rf "$home"' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
mkdir -p "$home/p"
curl -sf -X POST "$url/projects" -d "{\"name\":\"bench\",\"path\":\"$home/p\"}" >/dev/null
cat >"$home/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"description":"echo hello","project":"bench","backend":"shell"}'
wrk.headers["Content-Type"] = "application/json"
LUA
echo "machine: $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$connections" -d10s -s "$home/post.lua" "$url/tasks" >/dev/null   # warm-up (JIT)
wrk -t2 -c"$connections" -d"${seconds}s" -s "$home/post.lua" "$url/tasks" | grep -E "Latency|Requests/sec|Non-2xx"
echo "tasks stored: $(curl -sf "$url/tasks?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
