#!/bin/bash
# The p99.9 tail of warm REQ/REP over tcp, round trip by round trip (docs/PERFORMANCE.md, issue 14):
# runs `perf local-lat`/`remote-lat` ROUNDS times, both JVMs logging GC and safepoints with
# wall-clock time (and, with JFR=1, recording their compilations), the remote side listing every
# round trip of at least SLOW µs (PERF_SLOW_US). Then: python3 bench/tail-analyse.py OUT/*
#
# usage: bench/tail.sh ROUNDS ROUNDTRIPS [JAR]     env: SLOW [500] µs, WARM [3000] ms, JFR [], OUT [bench/out/tail],
#   OPTS [] more JVM options for both processes (after the launcher's, so they can override them)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export ZMQ4J_AOT="${ZMQ4J_AOT:-off}"   # bin/zmq4j's caches: none unless asked (bench/aot-train.sh)
rounds=$1; n=$2; jar=$(realpath "${3:-$repo/zmq4j-cli/target/zmq4j.jar}")
SLOW=${SLOW:-500}; OUT=${OUT:-bench/out/tail}
jfc="$OUT/compilation.jfc"
mkdir -p "$OUT"
cat > "$jfc" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="compilations">
  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.Deoptimization"><setting name="enabled">true</setting><setting name="stackTrace">false</setting></event>
</configuration>
XML
for r in $(seq 1 "$rounds"); do
  p=$((20000 + RANDOM % 10000)); d="$OUT/$r"; mkdir -p "$d"
  jl=(); jr=()
  if [ -n "${JFR:-}" ]; then
    jl=(-XX:StartFlightRecording:filename="$d/local.jfr",settings="$jfc")
    jr=(-XX:StartFlightRecording:filename="$d/remote.jfr",settings="$jfc")
  fi
  # Through bin/zmq4j (its JVM flags), with the logging added by JAVA_OPTS.
  PERF_WARMUP_MS=${WARM:-3000} ZMQ4J_JAR="$jar" JAVA_OPTS="-Xlog:gc*,safepoint:file=$d/local-gc.log:time,uptime ${jl[*]} ${OPTS:-}" \
    "$repo/bin/zmq4j" perf local-lat "tcp://127.0.0.1:$p" 64 "$n" > "$d/local.out" 2>&1 &
  for i in $(seq 1 200); do ss -ltn | grep -q ":$p " && break; sleep 0.05; done
  PERF_SLOW_US=$SLOW PERF_WARMUP_MS=${WARM:-3000} ZMQ4J_JAR="$jar" JAVA_OPTS="-Xlog:gc*,safepoint:file=$d/remote-gc.log:time,uptime ${jr[*]} ${OPTS:-}" \
    "$repo/bin/zmq4j" perf remote-lat "tcp://127.0.0.1:$p" 64 "$n" > "$d/remote.out" 2> "$d/remote.err"
  wait
  if [ -n "${JFR:-}" ]; then
    for side in local remote; do jfr print --json --events jdk.Compilation,jdk.Deoptimization "$d/$side.jfr" > "$d/$side-comp.json"; done
  fi
  echo "$r $(grep -E 'average|p99' "$d/remote.out" | awk '{printf "%s=%s ", $1, $(NF-1)}') slow=$(grep -c '^slow round trip ' "$d/remote.err" || true)"
done
