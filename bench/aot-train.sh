#!/usr/bin/env bash
# Records the perf tools' class-data archives (JDK 17-24) or AOT caches (JDK 25+) for bin/zmq4j:
# one training pair of each kind over tcp, with the tools' usual warm-up, each process recording
# its own command's cache (ZMQ4J_AOT=record). From then on bin/zmq4j uses them for the same
# command, jar and JDK (ZMQ4J_AOT=auto, its default); bench scripts that compare builds turn them
# off unless asked (compare.sh AOT=1). docs/PERFORMANCE.md, "Class-data sharing and the AOT cache".
#
#   bench/aot-train.sh [SIZE [THR_COUNT [LAT_ROUNDTRIPS]]]     defaults: 64 2000000 50000
#
# Env: ZMQ4J_JAR (the jar to train; default zmq4j-cli/target/zmq4j.jar), JAVA_HOME (the JDK).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
size="${1:-64}"; thr_count="${2:-2000000}"; lat_count="${3:-50000}"
export ZMQ4J_AOT=record
export PERF_WARMUP_MS="${PERF_WARMUP_MS:-0}"   # the training is the timed run itself: one role per process
log="$(mktemp)"; trap 'rm -f "$log"' EXIT

# pair LOCAL REMOTE COUNT: the two tools over a free port, both recording.
pair() {
  local port ep
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  ep="tcp://127.0.0.1:$port"
  "$repo/bin/zmq4j" perf "$1" "$ep" "$size" "$3" > "$log" 2>&1 &
  local local_pid=$!
  for _ in $(seq 1 400); do ss -ltn | grep -q ":$port " && break; sleep 0.05; done
  "$repo/bin/zmq4j" perf "$2" "$ep" "$size" "$3" > "$log.remote" 2>&1 || { cat "$log.remote" >&2; exit 1; }
  wait "$local_pid" || { cat "$log" >&2; exit 1; }
  echo "recorded perf $1 and perf $2 ($3 x $size B)"
}

pair local-thr remote-thr "$thr_count"
pair local-lat remote-lat "$lat_count"
rm -f "$log.remote"
