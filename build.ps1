# Scion bootstrap for PowerShell: builds the host when its sources changed, then runs it with the arguments given.
#   ./build.ps1 --target=GraftDiT      the main job
#   ./build.ps1 --target=Test          the tests
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
Set-Location $root

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error "scion: 'dotnet' was not found on PATH. Scion needs the .NET 10 SDK (global.json): see https://dotnet.microsoft.com/download, then run ./build.ps1 again."
    exit 127
}

$out = Join-Path $root 'build/bin/Release/net10.0'
$stamp = Join-Path $root '.scion/host.stamp'
$buildArgs = if ($env:SCION_BUILD_ARGS) { $env:SCION_BUILD_ARGS } else { '' }

function Test-NeedsBuild {
    if (-not (Test-Path $stamp) -or -not (Test-Path (Join-Path $out 'scion.dll'))) { return $true }
    if ((Get-Content $stamp -Raw) -ne $buildArgs) { return $true }
    $since = (Get-Item $stamp).LastWriteTimeUtc
    $patterns = '*.cs', '*.csproj', '*.props', '*.targets', '*.json', '*.c', '*.sh'
    $newer = Get-ChildItem -Path 'src', 'build', 'pipelines' -Recurse -File -Include $patterns -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $since } | Select-Object -First 1
    $roots = Get-ChildItem -Path 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'global.json' |
        Where-Object { $_.LastWriteTimeUtc -gt $since } | Select-Object -First 1
    return ($null -ne $newer) -or ($null -ne $roots)
}

if (Test-NeedsBuild) {
    Write-Host 'scion: building the host...'
    New-Item -ItemType Directory -Force -Path (Join-Path $root '.scion') | Out-Null
    $extra = if ($buildArgs) { $buildArgs.Split(' ') } else { @() }
    dotnet build (Join-Path $root 'build/Scion.Host.csproj') -c Release -nologo -v:q -clp:ErrorsOnly @extra
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    Set-Content -Path $stamp -Value $buildArgs -NoNewline
}

$env:SCION_ROOT = $root
# W^X double-maps generated code and slows a cached rerun by ~30 ms; off unless the caller chose (see build.sh).
if (-not $env:DOTNET_EnableWriteXorExecute) { $env:DOTNET_EnableWriteXorExecute = '0' }
# A 64 MB gen-0 budget for allocation-heavy table reads (see build.sh).
if (-not $env:DOTNET_GCgen0size) { $env:DOTNET_GCgen0size = '0x4000000' }
& dotnet (Join-Path $out 'scion.dll') @args
exit $LASTEXITCODE
