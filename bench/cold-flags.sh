#!/usr/bin/env bash
# The cold 64 B row (no JIT warm-up) of zmq4j's perf tools under JVM flags of your choice, beside
# libzmq's zperf, rounds interleaved; prints each run and the median per label. zmq4j runs through
# bin/zmq4j (its flags first; JAVA_OPTS after them, so a spec can override them, e.g.
# -XX:-AlwaysPreTouch).
#
#   bench/cold-flags.sh ROUNDS SIZE COUNT "LABEL|JAVA_OPTS" ...     (the label libzmq runs zperf)
#   bench/cold-flags.sh 5 64 2000000 "launcher|" "no-pretouch|-XX:-AlwaysPreTouch" "libzmq|"
#
# Env: ZMQ4J_JAR (default zmq4j-cli/target/zmq4j.jar). Needs bench/c/zperf (see compare.sh).
set -euo pipefail
[ $# -ge 4 ] || { sed -n 2,9p "$0"; exit 2; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
rounds=$1; size=$2; count=$3; shift 3
zperf="$repo/bench/c/zperf"
out=$(mktemp); trap 'rm -f "$out" "$out".*' EXIT
for r in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    label=${spec%%|*}; opts=${spec#*|}
    port=$((20000 + RANDOM % 10000)); ep="tcp://127.0.0.1:$port"
    if [ "$label" = libzmq ]; then
      "$zperf" local-thr "$ep" "$size" "$count" > "$out.recv" 2>&1 &
      for _ in $(seq 1 200); do ss -ltn | grep -q ":$port " && break; sleep 0.05; done
      "$zperf" remote-thr "$ep" "$size" "$count" > /dev/null 2>&1
    else
      PERF_WARMUP_MS=0 JAVA_OPTS="$opts" "$repo/bin/zmq4j" perf local-thr "$ep" "$size" "$count" > "$out.recv" 2>&1 &
      for _ in $(seq 1 200); do ss -ltn | grep -q ":$port " && break; sleep 0.05; done
      PERF_WARMUP_MS=0 JAVA_OPTS="$opts" "$repo/bin/zmq4j" perf remote-thr "$ep" "$size" "$count" > /dev/null 2>&1
    fi
    wait
    rate=$(awk '/mean throughput/ {print $3; exit}' "$out.recv")
    echo "round $r $label ${rate:-failed} msg/s"
    echo "$label ${rate:-0}" >> "$out"
  done
done
python3 "$repo/bench/medians.py" "$out"
