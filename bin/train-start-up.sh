#!/usr/bin/env bash
# Makes the start-up caches (JDK 25+ AOT caches) of the CLI and of the hub, next to the jar in cli/target.
# A throw-away hub starts on a free port, recording what it loads, and every client command runs once against it
# in one recording JVM (dev.dobby.cli.StartUpTraining); the hub is stopped and both caches are created.
# Run by the build after packaging, and by ./dobby when the cache is missing or older than the jars. Quiet unless
# something fails; it exits 0 even then, because the caches only make things faster.
set -uo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
target="$root/cli/target"
jar="$target/dobby-cli.jar"
. "$root/bin/find-java.sh"
. "$root/bin/java-options.sh"

[ -f "$jar" ] || exit 0
[ -n "${DOBBY_JAVA_CMD:-}" ] || dobby_find_java || exit 0
[ "${DOBBY_JAVA_VERSION:-0}" -ge 25 ] || exit 0
# Nothing to do when both caches are newer than every jar (a build that changed nothing).
newer_jar() { [ -n "$(find "$target" -maxdepth 2 -name '*.jar' -newer "$1" -print -quit 2>/dev/null)" ]; }
fresh() { [ -f "$1" ] && ! newer_jar "$1"; }
fresh "$target/dobby-cli.aot" && fresh "$target/dobby-hub.aot" && exit 0

# One training at a time (the build and a command, or two commands); a lock left by a killed one expires.
lock="$target/start-up-training.lock"
if ! mkdir "$lock" 2>/dev/null; then
  [ -n "$(find "$lock" -maxdepth 0 -mmin -10 2>/dev/null)" ] && exit 0
  rm -rf "$lock"; mkdir "$lock" 2>/dev/null || exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dobby-start-up.XXXXXX")
hub=""
cleanup() {
  if [ -n "$hub" ]; then kill "$hub" 2>/dev/null; wait "$hub" 2>/dev/null; fi
  rm -rf "$work" "$lock"
}
trap cleanup EXIT

failed() {
  echo "dobby: could not prepare the start-up cache ($1); commands work, only slower to start" >&2
  [ -f "$work/$2" ] && tail -n 20 "$work/$2" >&2
  touch "$target/start-up-training.failed"   # ./dobby does not try again until the next build
  exit 0
}

# Neither the user's settings (DOBBY_* variables, a .env in the working directory) nor their hub take part.
clean=(env -i PATH="$PATH" HOME="$HOME" TMPDIR="${TMPDIR:-/tmp}" DOBBY_HOME="$work/home")
record=(-XX:AOTMode=record -XX:+DisplayVMOutputToStderr "${dobby_aot_opts[@]}")

# The subshell execs the JVM, so $! is the JVM's process id and the TERM below reaches it.
(cd "$work" && exec "${clean[@]}" "$DOBBY_JAVA_CMD" "${dobby_hub_opts[@]}" "${record[@]}" \
  -XX:AOTConfiguration="$work/hub.aotconf" -jar "$jar" start --port 0 >"$work/hub.out" 2>"$work/hub.err") &
hub=$!
url=""
for _ in $(seq 600); do
  url=$(sed -n 's/^Dobby hub running at \([^ ]*\).*/\1/p' "$work/hub.out")
  [ -n "$url" ] || ! kill -0 "$hub" 2>/dev/null && break
  sleep 0.1
done
[ -n "$url" ] || failed "the stand-in hub did not start" hub.err

(cd "$work" && exec "${clean[@]}" "$DOBBY_JAVA_CMD" "${dobby_cli_opts[@]}" "${record[@]}" \
  -XX:AOTConfiguration="$work/cli.aotconf" -cp "$jar" dev.dobby.cli.StartUpTraining "$url" "$work/scratch" \
  >/dev/null 2>"$work/cli.err") || failed "a command failed against the stand-in hub" cli.err

kill -TERM "$hub"; wait "$hub" 2>/dev/null; hub=""
[ -f "$work/hub.aotconf" ] || failed "the stand-in hub recorded nothing" hub.err

create() {  # NAME CONFIGURATION OPTIONS...: the cache is moved into place whole, for runs that start meanwhile
  local name=$1 conf=$2; shift 2
  local partial="$target/$name.$$.partial"
  "$DOBBY_JAVA_CMD" "$@" -XX:AOTMode=create -XX:AOTConfiguration="$conf" -XX:AOTCache="$partial" \
    "${dobby_aot_opts[@]}" -cp "$jar" >"$work/$name.log" 2>&1 || { rm -f "$partial"; failed "creating $name failed" "$name.log"; }
  mv -f "$partial" "$target/$name"
}
create dobby-cli.aot "$work/cli.aotconf" "${dobby_cli_opts[@]}"
create dobby-hub.aot "$work/hub.aotconf" "${dobby_hub_opts[@]}"
rm -f "$target/start-up-training.failed"
