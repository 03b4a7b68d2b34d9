#!/usr/bin/env bash
# Runs one benchmark class of dev.dobby.bench: bench/run.sh HubThroughput [args]. Builds what it needs first.
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bin/find-java.sh"
[ $# -ge 1 ] || { echo "usage: bench/run.sh CLASS [args]" >&2; exit 2; }
name=$1; shift
(cd "$root" && ./mvnw -q -B -DskipTests package -pl bench -am)
dobby_find_java
jar=$(ls "$root"/bench/target/dobby-bench-*.jar | head -n 1)
exec "$DOBBY_JAVA_CMD" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$jar:$(cat "$root/bench/target/classpath.txt")" "dev.dobby.bench.$name" "$@"
