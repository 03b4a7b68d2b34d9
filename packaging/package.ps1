# Builds the Windows installer (.msi) of the desktop app with jpackage. Needs a JDK 25+ (JAVA_HOME) and the WiX
# Toolset on PATH. Run from any folder:   powershell -ExecutionPolicy Bypass -File packaging\package.ps1
# Output: packaging\target\image\Dobby (app image), packaging\target\dist\Dobby-<version>.msi
# It mirrors package.sh: jlink runtime, app image, one training start for the JDK AOT cache, then the installer.
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
Set-Location $root
$jdk = $env:JAVA_HOME
if (-not $jdk -or -not (Test-Path "$jdk\bin\jpackage.exe")) { throw 'package: set JAVA_HOME to a JDK 25 or later' }
$out = 'packaging\target'

Write-Host 'package: building the app jars'
if (Test-Path 'app\target\lib') { Remove-Item -Recurse -Force 'app\target\lib' }
& .\mvnw.cmd -q -B -DskipTests package -pl app -am '-Djavafx.platform=win'
if ($LASTEXITCODE -ne 0) { throw 'package: the build failed' }

if (Test-Path $out) { Remove-Item -Recurse -Force $out }
New-Item -ItemType Directory -Force "$out\input", "$out\javafx", "$out\image", "$out\dist" | Out-Null
Copy-Item 'app\target\dobby-app.jar' "$out\input"
Get-ChildItem 'app\target\lib\*.jar' | ForEach-Object {
    if ($_.Name -like 'javafx-*-win.jar') { Copy-Item $_.FullName "$out\javafx" }
    elseif ($_.Name -notlike 'javafx-*') { Copy-Item $_.FullName "$out\input" }
}
$version = ([xml](Get-Content 'pom.xml')).project.version -replace '-SNAPSHOT', ''

& "$jdk\bin\jlink.exe" '@packaging/jlink.args' --module-path "$out\javafx" --output "$out\runtime"
if ($LASTEXITCODE -ne 0) { throw 'package: jlink failed' }
& "$jdk\bin\jpackage.exe" --type app-image --dest "$out\image" --input "$out\input" --runtime-image "$out\runtime" `
    --app-version $version '@packaging/common.args' --icon 'icons\dobby.ico'
if ($LASTEXITCODE -ne 0) { throw 'package: jpackage (app image) failed' }

$image = "$out\image\Dobby"
$env:DOBBY_HOME = Join-Path $env:TEMP ("dobby-training-" + [guid]::NewGuid())
$env:JAVA_TOOL_OPTIONS = "-XX:AOTCacheOutput=$image\app\dobby.aot"
& "$image\Dobby.exe" --port 0 --exit-after-start | Out-Host
Remove-Item Env:\JAVA_TOOL_OPTIONS
Remove-Item -Recurse -Force $env:DOBBY_HOME
if (Test-Path "$image\app\dobby.aot") {
    Add-Content "$image\app\Dobby.cfg" 'java-options=-XX:AOTCache=$APPDIR\dobby.aot'
} else {
    Write-Warning 'package: the training start wrote no AOT cache; the app starts without it'
}

& "$jdk\bin\jpackage.exe" --app-image $image --dest "$out\dist" --app-version $version --name Dobby `
    '@packaging/windows/windows.args'
if ($LASTEXITCODE -ne 0) { throw 'package: jpackage (msi) failed' }
Get-ChildItem "$out\dist"
