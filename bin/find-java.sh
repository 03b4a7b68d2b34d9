# Sourced by Dobby's launchers: sets DOBBY_JAVA_CMD to a `java` of version 21 or later, and DOBBY_JAVA_VERSION
# to its feature version.
# Looks at DOBBY_JAVA, JAVA_HOME, the java on PATH, then the usual install places on Linux and macOS.
# It reads each JDK's `release` file instead of starting a JVM, so it costs a few milliseconds.

dobby_java_version() {  # prints the feature version of the JDK home $1, or nothing
  [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
}

dobby_home_of() {  # the JDK home of a java binary $1
  bin=$(readlink -f "$1" 2>/dev/null || echo "$1")
  dirname "$(dirname "$bin")"
}

dobby_find_java() {
  min=21
  for candidate in "${DOBBY_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    v=$(dobby_java_version "$(dobby_home_of "$candidate")")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then DOBBY_JAVA_CMD=$candidate; DOBBY_JAVA_VERSION=$v; return 0; fi
  done
  best=""; best_v=0
  for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
              "$HOME"/Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* \
              /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home "$HOME"/.jdks/*; do
    [ -x "$home/bin/java" ] || continue
    v=$(dobby_java_version "$home")
    if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best=$home/bin/java; best_v=$v; fi
  done
  if [ -n "$best" ]; then DOBBY_JAVA_CMD=$best; DOBBY_JAVA_VERSION=$best_v; return 0; fi
  echo "dobby: needs Java $min or later; none found (set JAVA_HOME or DOBBY_JAVA to one)" >&2
  return 1
}
