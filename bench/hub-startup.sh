#!/usr/bin/env bash
# How long `dobby start` takes until the hub answers GET /health, and its resident memory once idle.
# Usage: bench/hub-startup.sh [RUNS] [--no-build]   (default 10 runs). Each run starts a hub on a free port with
# a throw-away home, polls /health every 10 ms, waits IDLE_S (default 10) seconds, reads VmRSS, and stops it.
# DOBBY_LAUNCHER picks another launcher (default ./dobby).
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
runs=${1:-10}
[ "${2:-}" = "--no-build" ] || (cd "$root" && ./mvnw -q -B -DskipTests package -pl cli -am)
idle=${IDLE_S:-10}
dobby=${DOBBY_LAUNCHER:-$root/dobby}

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "median %.0f (min %.0f, max %.0f)", m, a[1], a[NR]}'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

starts=(); cpus=(); rss=()
tick=$(getconf CLK_TCK)
for _ in $(seq "$runs"); do
  home=$(mktemp -d); port=$(free_port)
  s=$(date +%s%N)
  # The launcher execs java, so $! is the hub's JVM.
  (cd "$home" && DOBBY_HOME="$home" exec "$dobby" start --port "$port" >"$home/hub.log" 2>&1) &
  hub=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
    kill -0 "$hub" 2>/dev/null || { echo "the hub exited:"; cat "$home/hub.log"; exit 1; }
    sleep 0.01
  done
  e=$(date +%s%N)
  starts+=($(( (e - s) / 1000000 )))
  # CPU time (user + system, all threads) spent by then: on a shared machine it moves much less than wall time.
  cpus+=($(awk -v t="$tick" '{print int(($14 + $15) * 1000 / t)}' "/proc/$hub/stat"))
  sleep "$idle"
  rss+=($(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$hub/status"))
  kill "$hub"; wait "$hub" 2>/dev/null || true
  rm -rf "$home"
done
echo "machine: $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dobby start -> /health answers: $(printf '%s\n' "${starts[@]}" | median) ms over $runs runs"
echo "CPU time by then: $(printf '%s\n' "${cpus[@]}" | median) ms"
echo "idle resident memory after ${idle} s: $(printf '%s\n' "${rss[@]}" | median) MB"
