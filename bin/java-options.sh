# Sourced by ./dobby and bin/train-start-up.sh: the JVM options of the hub and of short CLI commands. A start-up
# cache only serves a JVM started with the options it was recorded with, so both scripts take them from here.
dobby_common_opts=(-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED)
# The hub idles most of its life: a small initial heap keeps its resident memory low (it grows when busy), and the
# cap keeps a leak from taking the machine.
dobby_hub_opts=("${dobby_common_opts[@]}" -Xms8m -Xmx512m)
# Short commands: C1 only, and late (a command is over before most compilations would pay off); core reflection
# through native accessors, because Jackson reading a record would otherwise spin method-handle classes that the
# cache cannot hold (~30 ms of a `dobby status`). The cache holds classes only, no method profiles: profiles from a
# training run of every command made the next command compile what that run found hot, a fifth of its CPU time.
dobby_cli_opts=("${dobby_common_opts[@]}" -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=3
  -Djdk.reflect.useNativeAccessorOnly=true -XX:-UsePerfData
  -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -XX:-AOTReplayTraining)
# Quiet about the cache: a JVM of another build ignores it silently instead of warning on every command.
dobby_aot_quiet=(-Xlog:aot=off -Xlog:cds=off)
