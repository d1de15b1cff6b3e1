#!/usr/bin/env bash
# Packs the libraries as NuGet packages into DIR (default artifacts/packages) and checks that each package holds its
# dll, the dll's XML docs and the project's README:
#   BRoute.EchonetLite  ECHONET Lite codec and the 0x0288 meter model
#   BRoute.SkStack      the SKSTACK IP dongle driver
#   BRoute.Client       the meter session client (needs the two above)
#   BRoute.Simulator    the dongle + meter simulator, for a library user's own tests
# Extra arguments go to each 'dotnet pack' (./test.sh passes --no-build: everything is built by then).
# Needs the .NET 10 SDK and unzip.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=${1:-artifacts/packages}
shift || true
mkdir -p "$out"

# project folder, package id (= assembly name)
packages=(
  "BRoute.EchonetLite BRoute.EchonetLite"
  "BRoute.SkStack BRoute.SkStack"
  "BRoute BRoute.Client"
  "BRoute.Simulator BRoute.Simulator"
)
bad=0
for entry in "${packages[@]}"; do
  read -r project id <<<"$entry"
  rm -f "$out/$id".*.nupkg
  dotnet pack "src/$project/$project.csproj" -c Release -o "$out" -nologo -clp:ErrorsOnly "$@"
  nupkg=$(ls "$out/$id".[0-9]*.nupkg)
  listing=$(unzip -Z1 "$nupkg")
  for want in "lib/net10.0/$id.dll" "lib/net10.0/$id.xml" README.md; do
    if ! grep -qx "$want" <<<"$listing"; then
      echo "pack.sh: $nupkg lacks $want" >&2
      bad=1
    fi
  done
  # The README in the package is the project's own, and the docs describe its public types.
  if ! unzip -p "$nupkg" README.md | cmp -s - "src/$project/README.md"; then
    echo "pack.sh: the README in $nupkg is not src/$project/README.md" >&2
    bad=1
  fi
  docs=$(unzip -p "$nupkg" "lib/net10.0/$id.xml")
  if ! grep -q '<member name="T:' <<<"$docs"; then
    echo "pack.sh: the XML docs in $nupkg document no type" >&2
    bad=1
  fi
  echo "$nupkg"
done
exit "$bad"
