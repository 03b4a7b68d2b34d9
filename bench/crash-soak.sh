#!/usr/bin/env bash
# Kill-and-restart soaks with real processes, at full size; each prints its figures and fails if a guarantee broke.
#   bench/crash-soak.sh hub   [TASKS KILLS]   the hub's JVM killed -9 at random moments (default 60 tasks, 20 kills)
#   bench/crash-soak.sh spoke [TASKS]         spokes killed -9, frozen and cut off from the hub (default 30 tasks)
# A seed can be replayed with DOBBY_SOAK_SEED=N.
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
kind=${1:-hub}
props=()
[ -n "${DOBBY_SOAK_SEED:-}" ] && props+=("-Ddobby.soak.seed=$DOBBY_SOAK_SEED")
case "$kind" in
  hub) test=HubCrashLoopTest; props+=("-Ddobby.soak.tasks=${2:-60}" "-Ddobby.soak.kills=${3:-20}") ;;
  spoke) test=SpokeLeaseLoopTest; props+=("-Ddobby.soak.tasks=${2:-30}") ;;
  *) echo "usage: bench/crash-soak.sh hub|spoke [sizes]" >&2; exit 2 ;;
esac
cd "$root"
status=0
# Surefire hands these -D properties on to the test JVM.
./mvnw -B -ntp -q -pl hub-embedded -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false "${props[@]}" \
  || status=$?
grep -hE "^(crash loop|lease loop)" "hub-embedded/target/surefire-reports/"*"$test"-output.txt || true
exit $status
