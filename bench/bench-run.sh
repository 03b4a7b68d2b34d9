#!/usr/bin/env bash
# Runs one benchmark class: bench/bench-run.sh CLASS [JVM options --] [arguments]. Builds what it needs first.
# Example: bench/bench-run.sh ExportStreaming -Xmx64m -- --tasks 100000
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bin/find-java.sh"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl bench -am)
dobby_find_java
class=$1
shift
jvm=()
if [[ " $* " == *" -- "* ]]; then
  while [[ $1 != "--" ]]; do jvm+=("$1"); shift; done
  shift
fi
jar=$(ls "$root"/bench/target/dobby-bench-*.jar | head -n 1)
exec "$DOBBY_JAVA_CMD" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${jvm[@]}" -cp "$jar:$(cat "$root/bench/target/classpath.txt")" "dev.dobby.bench.$class" "$@"
