#!/usr/bin/env bash
# The desktop app's task list with 100,000 tasks: pulse (CSS + layout) times while scrolling a page row by row,
# pulse-to-pulse intervals, and page turns, measured in the real app on an embedded hub (TestFX, headless Monocle).
#   bench/app-task-list.sh [TASKS] [PAGES]     # defaults 100000 and 12
# Prints the figures (also in app/target/bench/task-list.txt). Asserts nothing.
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
./mvnw -o -q -pl app -am verify -Dtest=TaskListScrollBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.tasks="${1:-100000}" -Dbench.pages="${2:-12}" \
  -Dsurefire.printSummary=false >/dev/null 2>&1 || true
cat app/target/bench/task-list.txt
