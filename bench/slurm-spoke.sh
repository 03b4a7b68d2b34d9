#!/usr/bin/env bash
# A Slurm spoke under load: claim -> job running p50/p99, and the spoke's CPU and memory per job. Starts a
# throw-away single-node Slurm (munged, slurmctld, slurmd; Debian's slurm-wlm and munge) in a temp folder, with
# the node configured for 64 CPUs so that 50 jobs run at once on a small machine, then runs SlurmSpokeLoad
# against it. Arguments go to the benchmark (--tasks 200 --max-jobs 50 --seconds-per-task 2).
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bin/find-java.sh"
(cd "$root" && ./mvnw -q -B -DskipTests package -pl bench -am)
dobby_find_java

dir=$(mktemp -d /tmp/dobby-slurm-bench.XXXXXX)
chmod 755 "$dir"
mkdir -p "$dir/munge" "$dir/key" "$dir/state" "$dir/spool" "$dir/log"
chmod 755 "$dir/munge"; chmod 700 "$dir/key"
mungekey --create --keyfile="$dir/key/munge.key"
node=$(slurmd -C | head -n 1 | sed 's/^NodeName=\([^ ]*\).*/\1/')
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cat > "$dir/slurm.conf" <<CONF
ClusterName=dobbybench
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$(port)
SlurmdPort=$(port)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
SlurmUser=$(id -un)
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
MailProg=/bin/true
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
EnforcePartLimits=ALL
SchedulerParameters=batch_sched_delay=0
SlurmdParameters=config_overrides
MinJobAge=3600
KillWait=5
ReturnToService=2
NodeName=$node NodeAddr=127.0.0.1 CPUs=64 RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
pids=()
cleanup() {
  scancel --user="$(id -un)" 2>/dev/null || true
  sleep 1
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
setsid munged --foreground --socket="$dir/munge/munge.socket" --key-file="$dir/key/munge.key" \
  --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge.seed" \
  >"$dir/log/munged.out" 2>&1 & pids+=($!)
for _ in $(seq 100); do [ -S "$dir/munge/munge.socket" ] && break; sleep 0.05; done
setsid slurmctld -D -f "$SLURM_CONF" >"$dir/log/slurmctld.out" 2>&1 & pids+=($!)
setsid slurmd -D -f "$SLURM_CONF" >"$dir/log/slurmd.out" 2>&1 & pids+=($!)
for _ in $(seq 200); do [ "$(sinfo -h -o %t 2>/dev/null)" = idle ] && break; sleep 0.1; done
jar=$(ls "$root"/bench/target/dobby-bench-*.jar | head -n 1)
"$DOBBY_JAVA_CMD" -cp "$jar:$(cat "$root/bench/target/classpath.txt")" dev.dobby.bench.SlurmSpokeLoad "$@"
