#!/usr/bin/env bash
# How long CLI commands take against a local hub, next to curl doing the same GET (the floor), after a fresh build.
# Usage: bench/cli-startup.sh [RUNS]   (default 30). DOBBY_LAUNCHER picks another launcher (default ./dobby),
# MAVEN_BUILD_ARGS adds to the build (e.g. -Ddobby.skipStartUpTraining). Starts its own hub on a free port with a
# throw-away home; the data is made with curl, so the first dobby command of the run is the first one measured.
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
runs=${1:-30}
dobby=${DOBBY_LAUNCHER:-$root/dobby}

# A fresh build: the jar and every start-up cache are made anew.
rm -f "$root/cli/target/dobby-cli.jar" "$root"/cli/target/*.aot "$root"/cli/target/*.aotconf \
  "$root"/cli/target/*.jsa "$root/cli/target/start-up-training.failed"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl cli -am ${MAVEN_BUILD_ARGS:-})

home=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
url="http://127.0.0.1:$port"
(cd "$home" && DOBBY_HOME="$home" exec "$dobby" start --port "$port" >"$home/hub.log" 2>&1) &
hub=$!
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 600); do curl -sf -o /dev/null "$url/health" && break; sleep 0.1; done
mkdir -p "$home/p"
post() { curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$2" "$url$1"; }
post /projects "{\"name\":\"bench\",\"path\":\"$home/p\"}"
for i in $(seq 20); do post /tasks "{\"description\":\"echo $i\",\"project\":\"bench\",\"backend\":\"shell\"}"; done
until curl -sf "$url/tasks/20" | grep -q '"status":"completed"'; do sleep 0.1; done
export DOBBY_URL="$url"

# Wall time, and the CPU time (user + system) of the process and its threads: on a shared machine the load moves
# the first much more than the second.
measure() {  # RUNS COMMAND...: prints "WALL CPU", medians in ms
  python3 - "$@" <<'PY'
import resource, statistics, subprocess, sys, time
runs, command = int(sys.argv[1]), sys.argv[2:]
wall, cpu = [], []
for _ in range(runs):
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall.append((time.perf_counter() - start) * 1000)
    cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
print(f"{statistics.median(wall):.0f} {statistics.median(cpu):.0f}")
PY
}

read -r first_wall first_cpu < <(measure 1 "$dobby" status)
echo "machine: $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg); medians of $runs runs, ms"
echo "first command after the build (dobby status): $first_wall ms (cpu $first_cpu ms)"
printf '%-18s %8s %8s %8s   %s\n' "command" "dobby" "cpu" "curl" "GET"
row() {  # COMMAND... -- PATH
  local args=() path dobby_wall dobby_cpu curl_wall curl_cpu
  while [ "$1" != "--" ]; do args+=("$1"); shift; done
  path=$2
  read -r dobby_wall dobby_cpu < <(measure "$runs" "$dobby" "${args[@]}")
  read -r curl_wall curl_cpu < <(measure "$runs" curl -sf "$url$path")
  printf '%-18s %8s %8s %8s   %s\n' "${args[*]}" "$dobby_wall" "$dobby_cpu" "$curl_wall" "$path"
}
row status -- "/tasks?limit=20"
row results 1 -- /results/1
row detail-status 1 -- /tasks/1/detail-status
row logs 1 -- "/tasks/1/logs?after=0&limit=1000"
row projects -- /projects
row stats -- /stats
