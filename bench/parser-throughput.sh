#!/usr/bin/env bash
# Measures ClaudeStreamParser's throughput in MB/s. Builds what it needs first; arguments go to the benchmark.
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bin/find-java.sh"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl bench -am)
dobby_find_java
jar=$(ls "$root"/bench/target/dobby-bench-*.jar | head -n 1)
exec "$DOBBY_JAVA_CMD" -cp "$jar:$(cat "$root/bench/target/classpath.txt")" \
  dev.dobby.bench.ParserThroughput "$@"
