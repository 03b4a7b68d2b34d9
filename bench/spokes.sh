#!/usr/bin/env bash
# Spoke benchmarks: dispatch latency to a waiting spoke, and the hub's memory with many idle spokes.
#   bench/spokes.sh latency [--samples N] [--warmup N] [--spokes N]
#   bench/spokes.sh memory  [--spokes N] [--settle SECONDS]
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bin/find-java.sh"
case "${1:-}" in
  latency) main=dev.dobby.bench.DispatchLatency ;;
  memory) main=dev.dobby.bench.IdleSpokesMemory ;;
  *) echo "usage: bench/spokes.sh latency|memory [options]" >&2; exit 2 ;;
esac
shift
(cd "$root" && ./mvnw -q -B -DskipTests package -pl bench -am)
dobby_find_java
jar=$(ls "$root"/bench/target/dobby-bench-*.jar | head -n 1)
exec "$DOBBY_JAVA_CMD" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar:$(cat "$root/bench/target/classpath.txt")" \
  "$main" "$@"
