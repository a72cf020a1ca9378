#!/usr/bin/env bash
# A cold row (no JIT warm-up) of zmq4j's perf tools under JVM flags and environments of your
# choice, beside libzmq's zperf, rounds interleaved; prints each run and the median per label.
# zmq4j runs through bin/zmq4j (its flags first; JAVA_OPTS after them, so a spec can override them,
# e.g. -XX:-AlwaysPreTouch), with its class-data/AOT caches off unless a spec's ENV turns them on.
#
#   bench/cold-flags.sh ROUNDS SIZE COUNT "LABEL|JAVA_OPTS[|ENV ...]" ...   (the label libzmq runs zperf)
#   bench/cold-flags.sh 5 64 2000000 "launcher|" "no-pretouch|-XX:-AlwaysPreTouch" "libzmq|"
#   KIND=lat bench/cold-flags.sh 5 64 50000 "off|" "cached||ZMQ4J_AOT=auto" "libzmq|"
#
# Env: KIND (thr: PUSH/PULL msg/s, the default; lat: REQ/REP round trips, average and p99 µs),
# ZMQ4J_JAR (default zmq4j-cli/target/zmq4j.jar). Needs bench/c/zperf (see compare.sh).
set -euo pipefail
[ $# -ge 4 ] || { sed -n 2,13p "$0"; exit 2; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
kind="${KIND:-thr}"
rounds=$1; size=$2; count=$3; shift 3
zperf="$repo/bench/c/zperf"
out=$(mktemp); trap 'rm -f "$out" "$out".*' EXIT
for r in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    IFS='|' read -r label opts envs <<<"$spec"
    port=$((20000 + RANDOM % 10000)); ep="tcp://127.0.0.1:$port"
    if [ "$label" = libzmq ]; then
      run=("$zperf")
    else
      # shellcheck disable=SC2206 # ENV is a list of assignments, split on purpose
      run=(env ZMQ4J_AOT=off PERF_WARMUP_MS=0 JAVA_OPTS="$opts" ${envs:-} "$repo/bin/zmq4j" perf)
    fi
    "${run[@]}" "local-$kind" "$ep" "$size" "$count" > "$out.local" 2>&1 &
    for _ in $(seq 1 200); do ss -ltn | grep -q ":$port " && break; sleep 0.05; done
    "${run[@]}" "remote-$kind" "$ep" "$size" "$count" > "$out.remote" 2>&1
    wait
    if [ "$kind" = lat ]; then
      avg=$(awk '/^average latency/ {print $3; exit}' "$out.remote")
      p99=$(awk '/^p99 latency/ {print $3; exit}' "$out.remote")
      echo "round $r $label average ${avg:-failed} p99 ${p99:-failed} µs"
      echo "$label:avg ${avg:-0}" >> "$out"
      echo "$label:p99 ${p99:-0}" >> "$out"
    else
      rate=$(awk '/mean throughput/ {print $3; exit}' "$out.local")
      echo "round $r $label ${rate:-failed} msg/s"
      echo "$label ${rate:-0}" >> "$out"
    fi
  done
done
if [ "$kind" = lat ]; then
  python3 "$repo/bench/medians.py" "$out" µs
else
  python3 "$repo/bench/medians.py" "$out"
fi
