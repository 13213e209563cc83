#!/usr/bin/env bash
# Scion bootstrap: builds the host when its sources changed, then runs it with the arguments given.
#   ./build.sh --target=GraftDiT      the main job
#   ./build.sh --target=Test          the tests
# Extra MSBuild properties for the host build go in SCION_BUILD_ARGS (e.g. "-p:ScionGpu=true").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "scion: 'dotnet' was not found on PATH. Scion needs the .NET 10 SDK (global.json):" >&2
  echo "  Debian/Ubuntu: install the dotnet-sdk-10.0 package from Microsoft's package feed," >&2
  echo "  or see https://dotnet.microsoft.com/download, then run ./build.sh again." >&2
  exit 127
fi

out="$root/.scion/host"
stamp="$root/.scion/host.stamp"
needs_build() {
  [ -f "$stamp" ] && [ -f "$out/scion.dll" ] || return 0
  [ "${SCION_BUILD_ARGS:-}" = "$(cat "$stamp")" ] || return 0
  # Any source or build file newer than the last build means a rebuild (bin/obj excluded).
  [ -n "$(find src build pipelines Directory.Build.props Directory.Build.targets Directory.Packages.props global.json \
      \( -name bin -o -name obj \) -prune -o -type f -newer "$stamp" \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' -o -name '*.c' -o -name '*.sh' \) \
      -print -quit 2>/dev/null)" ]
}

if needs_build; then
  echo "scion: building the host..." >&2
  mkdir -p "$root/.scion"
  # ReadyToRun: the host's assemblies are compiled ahead of time, so a fully cached rerun is not spent in the JIT.
  # shellcheck disable=SC2086
  dotnet publish "$root/build/Scion.Host.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -p:CreateHardLinksForPublishFilesIfPossible=true -o "$out" -nologo -v:q -clp:ErrorsOnly ${SCION_BUILD_ARGS:-} >&2
  printf '%s' "${SCION_BUILD_ARGS:-}" > "$stamp"
fi

export SCION_ROOT="$root"
exec dotnet "$out/scion.dll" "$@"
