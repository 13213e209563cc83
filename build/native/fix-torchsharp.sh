#!/usr/bin/env bash
# Makes TorchSharp 0.107's libLibTorchSharp.so load on a libstdc++ older than GCC 13 (Debian 12).
# Run by the build (build/TorchSharpNativeFix.targets) on the copy in an output folder; never on the
# package cache. Idempotent, and a no-op where the system libstdc++ already has GLIBCXX_3.4.32.
# The three steps and why they are all needed: shared/notes/dependencies.md.
set -euo pipefail
dir=${1:?usage: fix-torchsharp.sh NATIVE_DIR WORK_DIR}
work=${2:?usage: fix-torchsharp.sh NATIVE_DIR WORK_DIR}
lib="$dir/libLibTorchSharp.so"
symbol=_ZSt21ios_base_library_initv
version=GLIBCXX_3.4.32
stub=libscion_iosinit.so
here=$(cd "$(dirname "$0")" && pwd)

[ -f "$lib" ] || exit 0
stdcxx=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
[ -n "$stdcxx" ] || stdcxx=/usr/lib/x86_64-linux-gnu/libstdc++.so.6
if grep -qa "$version" "$stdcxx" 2>/dev/null; then exit 0; fi

if readelf -d "$lib" 2>/dev/null | grep -q "\[$stub\]"; then exit 0; fi   # already patched

if ! command -v patchelf >/dev/null 2>&1; then
  echo "scion: installing patchelf (needed to make TorchSharp load on this libstdc++)"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -q patchelf >/dev/null 2>&1 || { $sudo_cmd apt-get update -q >/dev/null && $sudo_cmd apt-get install -y -q patchelf >/dev/null; }
fi
command -v gcc >/dev/null || { echo "scion: gcc is needed to patch libLibTorchSharp.so (apt-get install gcc)" >&2; exit 1; }

mkdir -p "$work"
[ "$work/elf-weak-version" -nt "$here/elf-weak-version.c" ] || gcc -O2 -o "$work/elf-weak-version" "$here/elf-weak-version.c"
printf 'void %s(void) {}\n' "$symbol" > "$work/iosinit.c"
gcc -shared -fPIC -o "$dir/$stub" "$work/iosinit.c"

# Patch a private copy and rename it over: the output file may be a hard link into the package cache.
tmp="$lib.scion-tmp"
cp "$lib" "$tmp"
patchelf --clear-symbol-version "$symbol" "$tmp"
patchelf --add-needed "$stub" "$tmp"
patchelf --set-rpath '$ORIGIN' "$tmp"
"$work/elf-weak-version" "$tmp" "$version" >/dev/null
mv -f "$tmp" "$lib"
echo "scion: patched $lib for libstdc++ without $version"
