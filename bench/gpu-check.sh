#!/usr/bin/env bash
# On a machine with NVIDIA GPUs: what nvidia-smi prints, what Dobby reads of it, and one GPU task placed on it.
# Usage: bench/gpu-check.sh [--no-build]
# Starts a hub on a free loopback port with a throw-away DOBBY_HOME (its own worker samples the GPUs), prints the
# raw output of both queries Dobby makes, Dobby's parsed view (dobby gpus, and as JSON), then runs one
# `--gpus 1` shell task that prints CUDA_VISIBLE_DEVICES and NVIDIA_VISIBLE_DEVICES, and stops and removes it all.
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
dobby=${DOBBY_LAUNCHER:-$root/dobby}

command -v nvidia-smi >/dev/null || { echo "nvidia-smi is not on the PATH: this check needs a machine with NVIDIA GPUs"; exit 2; }
if [ "${1:-}" != "--no-build" ] && ! ls "$root"/cli/target/dobby-cli-*.jar >/dev/null 2>&1; then
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl cli -am -Ddobby.skipStartUpTraining)
fi

echo "== machine: $(uname -sr), $(nproc) cpus"
echo "== nvidia-smi --query-gpu (raw)"
nvidia-smi --query-gpu=index,name,uuid,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,power.limit \
  --format=csv,noheader,nounits || echo "(failed with status $?)"
echo "== nvidia-smi --query-compute-apps (raw)"
nvidia-smi --query-compute-apps=gpu_uuid,pid,process_name,used_memory --format=csv,noheader,nounits \
  || echo "(failed with status $?)"

home=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
export DOBBY_HOME="$home" DOBBY_URL="http://127.0.0.1:$port"
(cd "$home" && exec "$dobby" start --port "$port" >"$home/hub.log" 2>&1) &
hub=$!
cleanup() { kill "$hub" 2>/dev/null; wait "$hub" 2>/dev/null || true; rm -rf "$home"; }
trap cleanup EXIT
until curl -sf -o /dev/null "$DOBBY_URL/health"; do
  kill -0 "$hub" 2>/dev/null || { echo "the hub exited:"; cat "$home/hub.log"; exit 1; }
  sleep 0.2
done
# The hub's own worker samples at start, then every 10 s.
sleep 3
echo "== dobby gpus"
"$dobby" gpus
echo "== GET /gpus"
curl -s "$DOBBY_URL/gpus"; echo

mkdir -p "$home/project"
"$dobby" register "$home/project" --name gpu-check >/dev/null
echo "== dobby add --gpus 1 (shell)"
"$dobby" add 'echo "CUDA_VISIBLE_DEVICES=$CUDA_VISIBLE_DEVICES NVIDIA_VISIBLE_DEVICES=$NVIDIA_VISIBLE_DEVICES"; nvidia-smi -L' \
  --project gpu-check --backend shell --gpus 1 --timeout 2m --wait || echo "(the task did not complete: status $?)"
"$dobby" logs 1 || true
"$dobby" status
