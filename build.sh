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
  # Published into a new folder that replaces the old one by renames, and the project's own assemblies copied
  # rather than hard-linked: a run still going from the old host keeps intact files (rewriting a file that a
  # running process has mapped crashes it).
  next="$out.next.$$"
  rm -rf "$next"
  dotnet publish "$root/build/Scion.Host.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -p:CreateHardLinksForPublishFilesIfPossible=true -o "$next" -nologo -v:q -clp:ErrorsOnly ${SCION_BUILD_ARGS:-} >&2
  for own in "$next"/scion.dll "$next"/Scion.*.dll; do cp "$own" "$own.copy" && mv -f "$own.copy" "$own"; done
  if [ -d "$out" ]; then mv "$out" "$out.old.$$"; fi
  mv "$next" "$out"
  # Old hosts stay a day for runs that may still load an assembly from them (the files are mostly hard links).
  find "$root/.scion" -maxdepth 1 \( -name 'host.old.*' -o -name 'host.next.*' \) -mmin +1440 -exec rm -rf {} + 2>/dev/null || true
  printf '%s' "${SCION_BUILD_ARGS:-}" > "$stamp"
fi

export SCION_ROOT="$root"
# W^X (writable-or-executable JIT pages, on by default since .NET 7) double-maps every page of generated code; it costs
# a cached rerun ~30 ms of its ~250 (Scion's own benchmark). Scion runs the user's own code, so it is off unless the
# caller sets DOTNET_EnableWriteXorExecute itself.
export DOTNET_EnableWriteXorExecute="${DOTNET_EnableWriteXorExecute:-0}"
# A 64 MB gen-0 budget (the default follows the CPU cache size): reading a million-row table allocates a million row
# objects, and a small budget collects many times on the way (Bench, side by side: Parquet read 119-155 -> 183-241
# MB/s, cached-rerun ratio unchanged or better). Unless the caller set DOTNET_GCgen0size.
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x4000000}"
exec dotnet "$out/scion.dll" "$@"
