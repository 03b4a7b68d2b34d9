#!/usr/bin/env bash
# Measures how long `dobby status` takes against a local hub, next to curl doing the same GET (the floor).
# Usage: bench/cli-startup.sh [RUNS]   (default 30). Starts its own hub on a free port with a throw-away home.
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
runs=${1:-30}
(cd "$root" && ./mvnw -q -B -DskipTests package -pl cli -am)
home=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
DOBBY_HOME="$home" "$root/dobby" start --port "$port" >"$home/hub.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null; rm -rf "$home"' EXIT
export DOBBY_URL="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -sf "$DOBBY_URL/health" >/dev/null && break; sleep 0.2; done
mkdir -p "$home/p"
"$root/dobby" register "$home/p" --name bench >/dev/null
for i in $(seq 20); do "$root/dobby" add "echo $i" -p bench --backend shell >/dev/null; done
"$root/dobby" status >/dev/null   # the first run records the start-up cache; it is built in the background
sleep 1
while pgrep -f 'AOTMode=create' >/dev/null; do sleep 0.5; done
"$root/dobby" status >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f ms (min %.0f, max %.0f)\n", m, a[1], a[NR]}'; }
time_runs() {
  for _ in $(seq "$runs"); do
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
  done
}
echo "machine: $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo -n "dobby status: median "; time_runs "$root/dobby" status | median
echo -n "curl GET /tasks: median "; time_runs curl -sf "$DOBBY_URL/tasks?limit=20" | median
