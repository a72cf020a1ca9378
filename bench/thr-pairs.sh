#!/usr/bin/env bash
# Throughput of zmq4j builds paired as you choose: the receiver (perf local-thr) from one jar and the
# sender (perf remote-thr) from another, each pairing once per round, rounds interleaved; then the
# median per pairing. For an A/B that compare.sh cannot make: a cross pairing (which side of a
# change costs), or one row at several run lengths.
#
#   bench/thr-pairs.sh ROUNDS SIZE COUNT LABEL=RECV_JAR,SEND_JAR ...
#   bench/thr-pairs.sh 4 65536 100000 new=a.jar,a.jar old=b.jar,b.jar newRecv=a.jar,b.jar
#
# Env: PERF_WARMUP_MS (default 3000), JAVA_OPTS (added to both JVMs, after bin/zmq4j's flags).
# Both run through bin/zmq4j (its JVM flags), each with its own jar.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export ZMQ4J_AOT="${ZMQ4J_AOT:-off}"   # bin/zmq4j's caches: none unless asked (bench/aot-train.sh)
[ $# -ge 4 ] || { sed -n 2,9p "$0"; exit 2; }
rounds=$1; size=$2; count=$3; shift 3
warm="${PERF_WARMUP_MS:-3000}"
out=$(mktemp); trap 'rm -f "$out" "$out".*' EXIT

for r in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    label=${spec%%=*}; jars=${spec#*=}; recv=${jars%%,*}; send=${jars#*,}
    port=$((20000 + RANDOM % 10000))
    PERF_WARMUP_MS=$warm ZMQ4J_JAR="$recv" "$repo/bin/zmq4j" perf local-thr \
      "tcp://127.0.0.1:$port" "$size" "$count" > "$out.recv" 2>&1 &
    for _ in $(seq 1 200); do ss -ltn | grep -q ":$port " && break; sleep 0.05; done
    PERF_WARMUP_MS=$warm ZMQ4J_JAR="$send" "$repo/bin/zmq4j" perf remote-thr \
      "tcp://127.0.0.1:$port" "$size" "$count" > /dev/null 2>&1
    wait
    rate=$(awk '/mean throughput/ {print $3; exit}' "$out.recv")
    echo "round $r $label ${rate:-failed} msg/s"
    echo "$label ${rate:-0}" >> "$out"
  done
done
python3 "$repo/bench/medians.py" "$out"
