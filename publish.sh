#!/usr/bin/env bash
# Publishes 'broute' as one native executable (NativeAOT: self-contained, trimmed, no .NET needed on the target)
# for linux-x64 or linux-arm64 (Raspberry Pi OS 64-bit), into artifacts/publish/RID/.
#   ./publish.sh linux-x64
#   ./publish.sh linux-arm64          # on an x64 host: cross-compiled (needs the Debian packages below)
#   ./publish.sh linux-arm64 --jit    # no native compiler at hand: self-contained, trimmed, single-file (JIT)
# What to copy to the target: broute and the two native libraries beside it (libe_sqlite3.so for the store,
# libSystem.IO.Ports.Native.so for the serial port): the folder holds nothing else.
# Needs the .NET 10 SDK and a C toolchain: clang or gcc for linux-x64 on x64; for linux-arm64 on an x64 Debian host
# clang, gcc-aarch64-linux-gnu and libc6-dev-arm64-cross (apt-get install -y clang gcc-aarch64-linux-gnu libc6-dev-arm64-cross).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() { echo "usage: ./publish.sh linux-x64|linux-arm64 [--jit] [-o DIR]" >&2; exit 2; }
rid=${1:-}
[[ $rid == linux-x64 || $rid == linux-arm64 ]] || usage
shift
mode=aot
out=artifacts/publish/$rid
while (($#)); do
  case $1 in
    --jit) mode=jit ;;
    -o) [[ -n ${2:-} ]] || usage; out=$2; shift ;;
    *) usage ;;
  esac
  shift
done

args=(-c Release -r "$rid" -o "$out" -nologo -clp:ErrorsOnly)
if [[ $mode == aot ]]; then
  args+=(-p:PublishAot=true)
  host=$(uname -m)
  if [[ $rid == linux-arm64 && $host != aarch64 ]]; then
    # Cross-compiling: clang targets aarch64-linux-gnu and finds Debian's cross libc and libgcc by itself; the
    # aarch64 objcopy splits off the debug symbols (the host's objcopy knows only x86).
    for tool in clang aarch64-linux-gnu-gcc aarch64-linux-gnu-objcopy; do
      command -v "$tool" >/dev/null || {
        echo "publish.sh: $tool not found: apt-get install -y clang gcc-aarch64-linux-gnu libc6-dev-arm64-cross (or use --jit)" >&2
        exit 1
      }
    done
    args+=(-p:CppCompilerAndLinker=clang -p:ObjCopyName=aarch64-linux-gnu-objcopy)
  fi
else
  args+=(-p:SelfContained=true -p:PublishTrimmed=true -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true)
fi

rm -rf "$out"
dotnet publish src/BRoute.Cli/BRoute.Cli.csproj "${args[@]}"
ls -l "$out"
