#!/usr/bin/env bash
# Failover at full size with real processes: two team hubs on one PostgreSQL, two spokes, shell tasks; the leader
# killed -9 at random moments (and started again as a standby), then cut off from the database once. Prints
# takeover times (leader killed → the other hub leads) p50/p99 and fails if a command ran twice or a task was lost.
#   bench/team-failover.sh [TASKS KILLS]   (default 200 tasks, 20 kills; a seed replays with DOBBY_SOAK_SEED=N)
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
props=("-Ddobby.team.tasks=${1:-200}" "-Ddobby.team.kills=${2:-20}")
[ -n "${DOBBY_SOAK_SEED:-}" ] && props+=("-Ddobby.soak.seed=$DOBBY_SOAK_SEED")
cd "$root"
status=0
./mvnw -B -ntp -q -pl hub-embedded -am test -Dtest=TeamFailoverTest -Dsurefire.failIfNoSpecifiedTests=false \
  "${props[@]}" || status=$?
grep -h "^team failover" hub-embedded/target/surefire-reports/*TeamFailoverTest-output.txt || true
exit $status
