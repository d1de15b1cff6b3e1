#!/usr/bin/env bash
# The service's footprint, measured on this machine against 'broute simulate --tcp' (realistic radio latency):
#   start to first serial byte: from the exec of 'broute read' to the simulator receiving its first command line
#                               (the simulator's --log stamps each line with its clock, the wall clock at --time-scale 1)
#   RSS of 'broute run':        VmRSS every 10 s once the first reading is in (steady state), min/max/last
#   CPU per hour of 'broute run': utime+stime over the measured period, extrapolated to an hour
# Usage: bench/footprint.sh [--seconds N] [--runs N] [COMMAND...]
#   COMMAND defaults to artifacts/publish/linux-x64/broute (./publish.sh linux-x64); for the JIT build give e.g.
#   'dotnet src/BRoute.Cli/bin/Release/net10.0/broute.dll'. Extra environment reaches 'broute run' as it is, e.g.
#   DOTNET_GCgen0size=200000 (what deploy/systemd/broute.service sets). GC sizes are hex WITHOUT 0x: the NativeAOT
#   runtime silently ignores DOTNET_GCgen0size=0x200000 (the JIT runtime takes both).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=300
runs=5
while [[ ${1:-} == --* ]]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: bench/footprint.sh [--seconds N] [--runs N] [COMMAND...]" >&2; exit 2 ;;
  esac
done
broute=("$@")
((${#broute[@]})) || broute=(artifacts/publish/linux-x64/broute)

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The simulator's demo-free credentials: any 32 + 12 characters the simulated meter is told to accept.
id=0123456789ABCDEF0123456789ABCDEF
password=BENCHPASS123
"${broute[@]}" simulate --tcp 127.0.0.1:0 --id "$id" --password "$password" --log "$work/serial.log" >"$work/sim.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  port=$(sed -n 's/^tcp: listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/sim.out")
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n ${port:-} ]] || { echo "the simulator did not start:"; cat "$work/sim.out"; exit 1; }
device=tcp://127.0.0.1:$port

ms_of_day() { # HH:MM:SS.fff -> milliseconds since midnight
  IFS=:. read -r h m s f <<<"$1"
  echo $(((10#$h * 3600 + 10#$m * 60 + 10#$s) * 1000 + 10#$f))
}

echo "command: ${broute[*]}"
echo "start to first serial byte ('broute read E7', $runs runs):"
for run in $(seq "$runs"); do
  lines_before=$(wc -l <"$work/serial.log")
  start_ns=$(date -u +%s%N)
  "${broute[@]}" read E7 --device "$device" --id "$id" --password "$password" --state-dir "$work/read-state" \
    >/dev/null 2>"$work/read.err" || { echo "broute read failed:"; cat "$work/read.err"; exit 1; }
  first=$(tail -n +"$((lines_before + 1))" "$work/serial.log" | grep -m1 ' < ' | cut -d' ' -f1)
  start_ms=$(((start_ns / 1000000) % 86400000))
  echo "  run $run: $(($(ms_of_day "$first") - start_ms)) ms"
done

echo "broute run: steady state over $seconds s"
BROUTE_DEVICE=$device BROUTE_ID=$id BROUTE_PASSWORD=$password \
  "${broute[@]}" run --state-dir "$work/run-state" --listen 127.0.0.1:0 >"$work/run.log" 2>&1 &
run_pid=$!
pids+=("$run_pid")
for _ in $(seq 600); do
  web=$(grep -o 'web http://127\.0\.0\.1:[0-9]*/' "$work/run.log" | head -n 1 | cut -d' ' -f2 || true)
  [[ -n $web ]] && curl -fs "${web}api/now" 2>/dev/null | grep -q '"power' && break
  sleep 0.5
done
[[ -n ${web:-} ]] && curl -fs "${web}api/now" | grep -q '"power' || { echo "no reading from broute run:"; tail -n 20 "$work/run.log"; exit 1; }
# A pid's own user+system time, in clock ticks (fields 14 and 15 of /proc/PID/stat).
ticks() { awk '{print $14 + $15}' "/proc/$run_pid/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$run_pid/status"; }
hz=$(getconf CLK_TCK)
t0=$(ticks)
min=; max=0
for _ in $(seq $((seconds / 10))); do
  sleep 10
  rss=$(rss_kb)
  ((rss > max)) && max=$rss
  [[ -z $min ]] || ((rss < min)) && min=$rss
done
t1=$(ticks)
cpu_s=$(awk -v d=$((t1 - t0)) -v hz="$hz" 'BEGIN {printf "%.2f", d / hz}')
echo "  RSS: min $((min / 1024)) MB, max $((max / 1024)) MB, last $((rss / 1024)) MB (VmHWM $(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$run_pid/status") MB)"
echo "  CPU: ${cpu_s} s in $seconds s = $(awk -v c="$cpu_s" -v s="$seconds" 'BEGIN {printf "%.1f", c * 3600 / s}') CPU-s per hour (extrapolated)"
