#!/bin/bash
# An A/B of the latency row in the order given (run it both ways: the first run of a round is slower).
# usage: bench/lat-ab.sh rounds jar...  (interleaved, in the order given) prints avg and p50 of remote-lat
rounds=$1; shift
repo="$(cd "$(dirname "$0")/.." && pwd)"   # each jar runs through bin/zmq4j (its JVM flags)
export ZMQ4J_AOT="${ZMQ4J_AOT:-off}"        # bin/zmq4j's caches: none unless asked (bench/aot-train.sh)
for r in $(seq 1 $rounds); do
 for jar in "$@"; do
  p=$((20000+RANDOM%10000))
  PERF_WARMUP_MS=3000 ZMQ4J_JAR=$jar "$repo/bin/zmq4j" perf local-lat tcp://127.0.0.1:$p 64 50000 > /dev/null 2>&1 &
  for i in $(seq 1 200); do ss -ltn | grep -q ":$p " && break; sleep 0.05; done
  PERF_WARMUP_MS=3000 ZMQ4J_JAR=$jar "$repo/bin/zmq4j" perf remote-lat tcp://127.0.0.1:$p 64 50000 > /tmp/rl.$$ 2>&1
  wait
  echo "$r $(basename $(dirname $jar)) $(grep -i -m1 'average latency' /tmp/rl.$$ | awk '{print $3}') $(grep -i -m1 'p50' /tmp/rl.$$ | tr -s ' ' | cut -c1-60)"
 done
done
