#!/usr/bin/env bash
# The hub's submissions/s and submit → agent-started latency on SQLite and on PostgreSQL, on this machine.
# Starts a throw-away PostgreSQL from Debian's binaries (package `postgresql`; as `nobody` when run as root).
# Usage: bench/team-store.sh [TASKS] [LATENCY_RUNS]   (defaults 20000 and 300)
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
tasks=${1:-20000}
runs=${2:-300}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "needs PostgreSQL (apt-get install postgresql)" >&2; exit 2; }
dir=$(mktemp -d)
as=()
if [ "$(id -u)" -eq 0 ]; then chown nobody:nogroup "$dir"; as=(setpriv --reuid=nobody --regid=nogroup --clear-groups --); fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"${as[@]}" "$bin/initdb" -D "$dir/data" -U dobby --auth=trust -E UTF8 --locale=C >/dev/null
# Durable commits, as a production server would run (unlike the tests' fsync=off).
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
trap '"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; rm -rf "$dir"' EXIT
for db in bench_submit bench_latency; do "$bin/psql" -h 127.0.0.1 -p "$port" -U dobby -d postgres -qc "CREATE DATABASE $db"; done
echo "machine: $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $("$bin/postgres" --version | awk '{print $3}')"
"$root/bench/bench-run.sh" HubThroughput --tasks "$tasks" --latency-runs "$runs" || echo "(the SQLite run failed)"
"$root/bench/bench-run.sh" HubThroughput --tasks "$tasks" --latency-runs "$runs" \
  --submit-db "postgresql://dobby@127.0.0.1:$port/bench_submit" --latency-db "postgresql://dobby@127.0.0.1:$port/bench_latency"
