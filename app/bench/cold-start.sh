#!/usr/bin/env bash
# Cold start of the desktop app, to its first frame and to a working main window, measured by the app itself
# (--exit-after-start prints the times since the process started). Each run uses a fresh DOBBY_HOME (new
# database) and a free port; on Linux without a display it runs under Xvfb with the real GTK window system.
#
#   app/bench/cold-start.sh [RUNS]     # default 5 runs of each: the jars (bin/dobby-app) and, if built,
#                                      # the packaged app image (packaging/package.sh)
# Prints every run and the medians. Run it on a quiet machine: other load on two cores moves these a lot.
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$root"
runs=${1:-5}
wrap=()
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ]; then wrap=(xvfb-run -a); fi

measure() {  # label, command...
  local label=$1; shift
  local frames=() windows=()
  "${wrap[@]}" env DOBBY_HOME="$(mktemp -d)" "$@" --port 0 --exit-after-start >/dev/null 2>&1 || true  # warm-up (CDS)
  for _ in $(seq "$runs"); do
    home=$(mktemp -d)
    line=$("${wrap[@]}" env DOBBY_HOME="$home" "$@" --port 0 --exit-after-start 2>/dev/null | grep '^dobby-app: ready' || true)
    rm -rf "$home"
    [ -n "$line" ] || { echo "$label: a run failed" >&2; continue; }
    echo "$label: ${line#*; }"
    frames+=("$(sed -n 's/.*first frame \([0-9]*\) ms.*/\1/p' <<<"$line")")
    windows+=("$(sed -n 's/.*main window \([0-9]*\) ms.*/\1/p' <<<"$line")")
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
  echo "$label: median first frame $(median "${frames[@]}") ms, median main window with the hub up $(median "${windows[@]}") ms ($runs runs)"
}

[ -f app/target/dobby-app.jar ] || ./mvnw -q -B -DskipTests package -pl app -am
measure jars bin/dobby-app
if [ -x packaging/target/image/Dobby/bin/Dobby ]; then
  measure image packaging/target/image/Dobby/bin/Dobby
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
