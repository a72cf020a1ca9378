#!/bin/bash
# 10,000 slowloris connections from a process of their own against a zmq4j REP (issue 13,
# docs/RELIABILITY.md): the server's heap after GC, RSS, threads and descriptors before and with
# the connections open, a libzmq REQ (pyzmq) making round trips throughout.
# usage: bench/slowloris-run.sh [CONNECTIONS [SECONDS [JAR]]]   (defaults 10000, 60, this build's jar)
set -euo pipefail
n=${1:-10000}; secs=${2:-60}; jar=${3:-zmq4j-cli/target/zmq4j.jar}
here=$(cd "$(dirname "$0")" && pwd)
port=$((20000 + RANDOM % 10000))
ulimit -n 20000
java -XX:+UseParallelGC -jar "$jar" rep --bind "tcp://127.0.0.1:$port" --echo > /dev/null 2> /tmp/slowloris-server.err &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for i in $(seq 1 200); do ss -ltn | grep -q ":$port " && break; sleep 0.05; done
sample() {  # heap used after a full GC (KiB), RSS (KiB), threads, descriptors of the server
  jcmd "$server" GC.run > /dev/null
  local heap; heap=$(jcmd "$server" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); s += v } } END { print s }')
  echo "$1: heap after GC ${heap} KiB, RSS $(awk '/VmRSS/ {print $2}' /proc/$server/status) KiB, threads $(awk '/Threads/ {print $2}' /proc/$server/status), fds $(ls /proc/$server/fd | wc -l)"
}
sample "before"
/usr/bin/python3 "$here/good-peer.py" "tcp://127.0.0.1:$port" $((secs + 5)) &
good=$!
python3 "$here/slowloris.py" 127.0.0.1 "$port" "$n" "$secs" > /tmp/slowloris-client.log &
loris=$!
sleep $((secs * 2 / 3))
sample "with the connections open ($(tail -1 /tmp/slowloris-client.log))"
wait $loris
tail -1 /tmp/slowloris-client.log
wait $good
sample "after they went"
echo "server log lines: $(wc -l < /tmp/slowloris-server.err) ($(grep -c WARN /tmp/slowloris-server.err || true) WARN)"
