#!/usr/bin/env bash
# The one test command: restore, build (warnings are errors), run every test,
# and end with the line "N passed, M failed". Exits non-zero on any failure.
# Needs only the .NET SDK on a fresh Debian machine.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Real parts the tests run against, from Debian's packages, installed when absent (as root; otherwise the run stops
# and says what to install). One line per package: the file the tests use, then the package.
need=()
while read -r file package; do
  [[ -e $file ]] || need+=("$package")
done <<'PACKAGES'
/usr/bin/promtool prometheus
/usr/sbin/mosquitto mosquitto
/usr/bin/chromium chromium
/usr/bin/unzip unzip
/usr/bin/clang clang
/usr/bin/aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
/usr/aarch64-linux-gnu/lib/crt1.o libc6-dev-arm64-cross
PACKAGES
if ((${#need[@]})); then
  if ((EUID == 0)); then
    echo "installing ${need[*]} (Debian packages the tests run against)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; } \
      || { echo "installing ${need[*]} failed"; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "missing ${need[*]} and this is not root: run 'sudo apt-get install -y ${need[*]}' (the tests start real ones)"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

if ! dotnet build BRoute.slnx -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# A hung test is a failure, not a stuck CI run.
dotnet test BRoute.slnx -c Release --no-build -nologo \
  --logger trx --results-directory "$results" \
  --blame-hang --blame-hang-timeout 5m
rc=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [[ -f $trx ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if ((rc != 0 && failed == 0)); then
  # The runner failed without a failed test (crash, hang, no results): count it.
  failed=1
fi
# What ships, built after the tests (a publish rebuilds the libraries with other global properties), one test each:
# broute as one native binary for linux-x64 and for linux-arm64 (cross-compiled: build only), and the library
# packages with their dll, XML docs and README.
shipped() {
  local name=$1
  shift
  if "$@" >"$results/$name.log" 2>&1; then
    passed=$((passed + 1))
    echo "passed: $name"
  else
    failed=$((failed + 1))
    echo "failed: $name"
    tail -n 40 "$results/$name.log"
  fi
}
shipped publish-linux-x64 ./publish.sh linux-x64 -o "$results/publish/linux-x64"
shipped publish-linux-arm64 ./publish.sh linux-arm64 -o "$results/publish/linux-arm64"
shipped pack-libraries ./pack.sh "$results/packages" --no-build

if ((passed == 0 && failed == 0)); then
  echo "no test ran"
  failed=1
fi

echo "$passed passed, $failed failed"
((failed == 0))
