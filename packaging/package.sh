#!/usr/bin/env bash
# Builds the desktop app with jpackage: on Linux an app image (plus a .deb where dpkg-deb and fakeroot exist), on
# macOS a .dmg. The runtime inside is trimmed by jlink to the modules in common.args, and carries a JDK AOT cache
# made by one training start, so the packaged app starts faster than the jars do.
#
#   packaging/package.sh            # from the repository root or anywhere
#   JPACKAGE=/path/to/jdk/bin/jpackage packaging/package.sh
#
# Output: packaging/target/image/Dobby (app image), packaging/target/dist/*.deb | *.dmg
# Windows: packaging/package.ps1.
set -euo pipefail
root=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"
out=packaging/target
. bin/find-java.sh

find_jdk_tool() {  # a JDK 25+ tool (jpackage's AOT cache and --sun-misc-unsafe-memory-access need it)
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/*25* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$home" ] && [ -x "$home/bin/$1" ] || continue
    v=$(dobby_java_version "$home")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$home/bin/$1"; return 0; fi
  done
  return 1
}
jpackage=${JPACKAGE:-$(find_jdk_tool jpackage)} || { echo "package: needs a JDK 25+ jpackage (set JPACKAGE)" >&2; exit 1; }

case "$(uname -s)" in
  Linux) os=linux; platform=linux; [ "$(uname -m)" = aarch64 ] && platform=linux-aarch64 ;;
  Darwin) os=macos; platform=mac; [ "$(uname -m)" = arm64 ] && platform=mac-aarch64 ;;
  *) echo "package: on Windows run packaging/package.ps1" >&2; exit 1 ;;
esac

echo "package: building the app jars"
rm -rf app/target/lib
./mvnw -q -B -DskipTests package -pl app -am "-Djavafx.platform=$platform"

rm -rf "$out"
mkdir -p "$out/input" "$out/javafx" "$out/image" "$out/dist"
cp app/target/dobby-app.jar "$out/input/"
for jar in app/target/lib/*.jar; do
  case "$(basename "$jar")" in
    javafx-*-"$platform".jar) cp "$jar" "$out/javafx/" ;;
    javafx-*) ;;  # the classifier-less JavaFX jars are empty placeholders
    *) cp "$jar" "$out/input/" ;;
  esac
done
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -n 1)

echo "package: jlink runtime"
"$(dirname "$jpackage")/jlink" @packaging/jlink.args --module-path "$out/javafx" --output "$out/runtime"

echo "package: jpackage app image"
"$jpackage" --type app-image --dest "$out/image" --input "$out/input" --runtime-image "$out/runtime" \
  --app-version "$version" @packaging/common.args \
  $( [ "$os" = linux ] && echo @packaging/linux/linux.args ) \
  $( [ "$os" = macos ] && echo --icon icons/dobby.icns --mac-package-identifier dev.dobby.app )

if [ "$os" = linux ]; then
  image="$out/image/Dobby"; launcher="$image/bin/Dobby"; appdir="$image/lib/app"
else
  image="$out/image/Dobby.app"; launcher="$image/Contents/MacOS/Dobby"; appdir="$image/Contents/app"
fi

echo "package: training start for the AOT cache"
training=$(mktemp -d)
start=("$launcher" --port 0 --exit-after-start)
if [ "$os" = linux ] && [ -z "${DISPLAY:-}" ]; then start=(xvfb-run -a "${start[@]}"); fi
DOBBY_HOME="$training" JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$appdir/dobby.aot" \
  timeout 180 "${start[@]}" >"$out/training.log" 2>&1 \
  || { echo "package: the training start failed; see $out/training.log" >&2; exit 1; }
rm -rf "$training"
[ -f "$appdir/dobby.aot" ] || { echo "package: the training start wrote no AOT cache" >&2; exit 1; }
# Only now does the launcher use the cache: with it set during training the JVM would refuse to write a new one.
printf 'java-options=-XX:AOTCache=$APPDIR/dobby.aot\n' >>"$appdir/Dobby.cfg"

if [ "$os" = linux ] && command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
  echo "package: .deb"
  "$jpackage" --type deb --app-image "$image" --dest "$out/dist" --app-version "$version" --name Dobby \
    --icon icons/dobby.png @packaging/linux/deb.args
elif [ "$os" = macos ]; then
  echo "package: .dmg"
  "$jpackage" --app-image "$image" --dest "$out/dist" --app-version "$version" --name Dobby @packaging/macos/macos.args
fi
du -sh "$image" | sed 's/^/package: app image /'
ls -1 "$out/dist" 2>/dev/null | sed 's/^/package: /'
