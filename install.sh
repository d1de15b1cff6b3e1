#!/usr/bin/env bash
# Makes 'broute' a command: builds only the CLI (and the libraries it uses; not the tests or the
# benchmarks), packs it as a .NET tool into ./artifacts and installs that package with
# 'dotnet tool' (global: ~/.dotnet/tools; or --tool-path DIR). Run it again after a 'git pull'.
# Needs only the .NET 10 SDK.
#   ./install.sh                     # global tool: ~/.dotnet/tools/broute
#   ./install.sh --tool-path DIR     # DIR/broute instead (e.g. ~/.local/bin)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

where=(--global)
if [[ ${1:-} == --tool-path ]]; then
  [[ -n ${2:-} ]] || { echo "install.sh: --tool-path needs a folder" >&2; exit 2; }
  where=(--tool-path "$2")
elif [[ -n ${1:-} ]]; then
  echo "usage: ./install.sh [--tool-path DIR]" >&2
  exit 2
fi

# A new version each time: NuGet caches a package by id and version, so reinstalling an unchanged
# version would install the cached (old) build.
version="0.1.0-dev.$(date -u +%Y%m%d%H%M%S)"
rm -f artifacts/BRoute.Cli.*.nupkg
dotnet pack src/BRoute.Cli/BRoute.Cli.csproj -c Release -o artifacts -p:Version="$version" -nologo -clp:ErrorsOnly
# 'update' installs the tool when it is not installed yet, and replaces it when it is.
dotnet tool update "${where[@]}" --add-source artifacts BRoute.Cli --version "$version"

if [[ ${where[0]} == --global ]]; then
  tools="${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools"
  case ":$PATH:" in
    *":$tools:"*) ;;
    *) echo "install.sh: add $tools to PATH, e.g. echo 'export PATH=\"\$PATH:$tools\"' >> ~/.bashrc, then open a new shell" ;;
  esac
fi
