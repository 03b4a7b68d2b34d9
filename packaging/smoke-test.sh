#!/usr/bin/env bash
# Starts the packaged app once, headless, and checks that it comes up: the window draws, the embedded hub
# starts on a free port with a fresh data folder and answers /health over HTTP, and the app quits cleanly.
# On Linux without a display it runs under Xvfb (xvfb-run). Prints the start-up timings.
#
#   packaging/smoke-test.sh                # builds the image first when it is missing
#   packaging/smoke-test.sh --no-build     # only checks an image packaging/package.sh already built
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
case "$(uname -s)" in
  Darwin) launcher=packaging/target/image/Dobby.app/Contents/MacOS/Dobby ;;
  *) launcher=packaging/target/image/Dobby/bin/Dobby ;;
esac
if [ ! -x "$launcher" ]; then
  if [ "${1:-}" = --no-build ]; then echo "smoke: no app image at $launcher" >&2; exit 1; fi
  packaging/package.sh
fi

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
run=("$launcher" --port 0 --exit-after-start)
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "smoke: needs xvfb-run (apt-get install xvfb)" >&2; exit 1; }
  run=(xvfb-run -a "${run[@]}")
fi
set +e
output=$(DOBBY_HOME="$home" timeout 120 "${run[@]}" 2>&1)
status=$?
set -e
if [ $status -ne 0 ] || ! grep -q '^dobby-app: ready at http://127.0.0.1:[0-9]* (health: ok)' <<<"$output"; then
  echo "$output" >&2
  echo "smoke: FAILED (exit $status)" >&2
  exit 1
fi
grep '^dobby-app: ready' <<<"$output"
[ -f "$home/dobby.db" ] || { echo "smoke: FAILED: the hub wrote no database in DOBBY_HOME" >&2; exit 1; }
echo "smoke: the packaged app started, its hub answered, and it quit cleanly"
