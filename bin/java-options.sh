# Sourced by ./dobby and bin/train-start-up.sh: the JVM options of the hub and of short CLI commands. A start-up
# cache only serves a JVM started with the options it was recorded with, so both scripts take them from here.
dobby_common_opts=(-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED)
# The hub idles most of its life: a small initial heap keeps its resident memory low (it grows when busy), and the
# cap keeps a leak from taking the machine. C1 only: C2 compiling what start-up ran took over half of the CPU time
# of a start on two cores (bench/hub-startup.sh), while a hub's work is mostly waiting on SQLite and sockets.
# DOBBY_JAVA_OPTS=-XX:TieredStopAtLevel=4 brings C2 back.
dobby_hub_opts=("${dobby_common_opts[@]}" -Xms8m -Xmx512m -XX:TieredStopAtLevel=1)
# Short commands: C1 only, and late (a command is over before most compilations would pay off); core reflection
# through native accessors, because Jackson reading a record would otherwise spin method-handle classes that the
# cache cannot hold (~30 ms of a `dobby status`).
dobby_cli_opts=("${dobby_common_opts[@]}" -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=3
  -Djdk.reflect.useNativeAccessorOnly=true -XX:-UsePerfData)
# With a start-up cache (JDK 25+), when it is recorded, created and used. It holds classes, no method profiles: with
# both JVMs on C1 only, profiles from the training run only made the next run compile early what the training had
# found hot (a fifth of the CPU time of a `dobby status`). Quiet: a JVM of another build ignores the cache silently
# instead of warning on every command.
dobby_aot_opts=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -XX:-AOTReplayTraining -Xlog:aot=off
  -Xlog:cds=off)
