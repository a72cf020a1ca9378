#!/usr/bin/env bash
# Side-by-side perf comparison of zmq4j, libzmq (bench/c/zperf) and JeroMQ 0.6.0 over tcp on
# 127.0.0.1, each implementation paired with itself, using the libzmq-style perf tools that all
# three share (same command line, same output lines).
#
#   bench/compare.sh            run the benchmark, write a Markdown table of medians, a CSV and
#                               two PNG charts (docs/perf-throughput.png, docs/perf-latency.png)
#   bench/compare.sh --cross    smoke test: zmq4j paired with libzmq in both directions
#   bench/compare.sh --help
#
# Rows: PUSH/PULL throughput at 64 B, 1 KiB and 64 KiB, REQ/REP latency at 64 B over tcp; then 64 B
# throughput and latency over ipc (Unix domain sockets; JeroMQ's ipc is tcp on loopback underneath)
# and over inproc (one process: inproc-thr/inproc-lat, libzmq's inproc_thr/inproc_lat); then the
# message-size curve: tcp PUSH/PULL throughput from 16 B to 1 MiB. The 64 KiB row also runs "raw":
# plain TCP sockets on 127.0.0.1 (zperf raw-recv/raw-send, no ØMQ), the loopback ceiling to
# compare each implementation with. Runs are interleaved (round r: zmq4j, libzmq, JeroMQ
# [, raw]; round r+1 in the reverse order, and so on) so that drift in machine load hits all alike
# and none always runs first (the first run of a round measures slower); each run gets a fresh
# port. Every process runs under `timeout` and is killed on exit.
#
# compare.md holds a table of every row (median and min–max over the rounds, ratios of medians),
# each implementation's share of raw TCP at 64 KiB, the curve's table (msg/s and MB/s per size) and
# links to the charts, which the bench jar draws from the CSV (`java -jar zmq4j-bench.jar chart`).
#
# The cold rows run tcp PUSH/PULL 64 B and REQ/REP 64 B with no warm-up (the first seconds of a
# process, JIT included: a user's first run). The PUB -> N SUBs row (pub-thr/sub-thr over tcp) gives
# aggregate delivered throughput and delivered %. The scale rows (bench/scale.sh: one ROUTER, 10,000
# DEALERs, 10 of them active) follow, in a table of their own appended to compare.md.
#
# The security rows (bench/security.sh) run the implementations that take the tools' security
# options (zmq4j and libzmq; JeroMQ's tools do not): tcp PUSH/PULL throughput at THR_SMALL_SIZE and
# THR_HUGE_SIZE and REQ/REP latency at LAT_SIZE over CURVE, then the handshake rate
# (handshake-srv/handshake-cli: a new REQ socket, connect, one 16 B request and reply, close, per
# handshake) over CURVE and, for reference, NULL. The CURVE keys are made once per run by pyzmq
# (python3-zmq). --cross then also pairs zmq4j with libzmq over CURVE and PLAIN.
#
# Environment (defaults in brackets):
#   REPEATS [5]                 rounds per row
#   CURVE_REPEATS [3]           rounds per size of the message-size curve
#   THR_SMALL_SIZE [64]         THR_SMALL_COUNT [30000000]  throughput row 1 (runs of several seconds: on 2
#                               cores the JIT is still compiling 1-2 s into a run; see docs/PERFORMANCE.md)
#   THR_LARGE_SIZE [1024]       THR_LARGE_COUNT [10000000]  throughput row 2
#   THR_HUGE_SIZE [65536]       THR_HUGE_COUNT [100000]     throughput row 3, also run by raw TCP
#   LAT_SIZE [64]               LAT_ROUNDTRIPS [50000]      latency row
#   TCP [1]                     0 = no tcp rows (NULL mechanism), e.g. for a run of the security rows only
#   IPC_INPROC [1]              0 = tcp rows only; the ipc/inproc rows use THR_SMALL_* and LAT_*
#   CURVE [1]                   0 = no message-size curve (it is the longest part of a run)
#   CURVE_SIZES ["16 64 256 1024 4096 16384 65536 262144 1048576"]   message sizes of the curve
#   CURVE_BYTES [2147483648]    CURVE_MAX_COUNT [10000000]  a curve run sends CURVE_BYTES / size
#                               messages, at most CURVE_MAX_COUNT (2 GiB: 2,048 messages at 1 MiB)
#   CHARTS [1]                  0 = no PNG charts; 1 = render them with the bench jar's `chart`
#   CHART_DIR [docs]            where perf-throughput.png and perf-latency.png are written
#   PUBSUB [1]                  0 = no PUB -> N SUBs row (pub-thr/sub-thr over tcp)
#   PUBSUB_SIZE [64]            PUBSUB_COUNT [10000000]     PUBSUB_SUBS [10]   (count per subscriber)
#   COLD [1]                    0 = no cold rows: tcp PUSH/PULL at THR_SMALL_SIZE (COLD_THR_COUNT
#                               [2000000]) and REQ/REP at LAT_SIZE (COLD_LAT_ROUNDTRIPS [50000]) with
#                               no warm-up (PERF_WARMUP_MS=0 for those runs): the perf tools as a user
#                               runs them, JIT compilation included (CSV tests cold-thr, cold-lat)
#   AOT [0]                     bin/zmq4j's class-data archive (JDK 17-24) or AOT cache (JDK 25+) per
#                               perf tool: 0 = none for any zmq4j run (ZMQ4J_AOT=off); 1 = record them
#                               first for each zmq4j jar of the run (bench/aot-train.sh, 64 B tcp) and
#                               use them in every row (docs/PERFORMANCE.md, "Class-data sharing and the
#                               AOT cache"; it is the cold rows they change)
#   SCALE [1]                   0 = no scale rows; 1 = when IMPLS has zmq4j and libzmq, run
#                               bench/scale.sh (one ROUTER, SCALE_CLIENTS [10000] DEALERs of which
#                               SCALE_ACTIVE [10] make round trips, SCALE_REPEATS [3] rounds,
#                               zmq4j:zmq4j and libzmq:libzmq) into OUT's name with -scale
#   SECURITY [1]                0 = no security rows (and no CURVE/PLAIN pairings in --cross)
#   SEC_REPEATS [3]             rounds per security row
#   SEC_THR_SMALL_COUNT [5000000]  SEC_THR_HUGE_COUNT [10000]  CURVE throughput at THR_SMALL_SIZE, THR_HUGE_SIZE
#                               (runs of several seconds, as for the NULL rows: a 1 s run times the JIT)
#   SEC_LAT_ROUNDTRIPS [100000] CURVE latency at LAT_SIZE
#   HS_COUNT [3000]             handshakes per run (CURVE and NULL); --cross uses HS_CROSS_COUNT [200]
#   CROSS_COUNT [200000]        CROSS_ROUNDTRIPS [10000]    --cross sizes
#   RUN_TIMEOUT [300]           seconds before one process is killed
#   OUT [bench/out/compare.md]  CSV [same name, .csv]       LOG_DIR [bench/out/logs]
#   IMPLS ["zmq4j libzmq jeromq"]   the implementations to run, in this order each round
#   BASE_JAR []                 an A/B of two zmq4j builds: the zmq4j.jar of the baseline build (e.g.
#                               built from another commit); adds the implementation zmq4j-base, run
#                               like zmq4j but from that jar, and a table of this build / baseline.
#                               A/B of the tcp rows:
#                               BASE_JAR=/tmp/base/zmq4j.jar IMPLS="zmq4j zmq4j-base" IPC_INPROC=0 \
#                                 CURVE=0 PUBSUB=0 CHARTS=0 bench/compare.sh
#   ZMQ4J_JAR []                run zmq4j from this jar instead of this build's (bin/zmq4j's flags).
#                               An A/B of the core alone, with the same perf tools on both sides:
#                               a jar of this build's classes with the baseline's dev/zmq4j/cli
#                               classes in place of its own (see docs/PERFORMANCE.md, issue 9)
#   SKIP_BUILD [0]              1 = use the jars and zperf already built
#   MVN_ARGS []                 extra Maven arguments, e.g. -o
#   JAVA_OPTS []                extra JVM options for the zmq4j and JeroMQ processes
#   PERF_WARMUP_MS [3000]       JIT warm-up of each zmq4j and JeroMQ process before its timed run
#                               (the same path in-process on a private endpoint; 0 = none: then a
#                               run also measures the JVM compiling the code)
#
# CSV columns: test,size,count,impl,round,msg_per_s,mb_per_s,avg_us,p50_us,p99_us,p999_us,status
# (one line per run; mb_per_s is megabits per second, as the tools print it; status ok or fail).
#   test   thr, lat (tcp); ipc-thr, ipc-lat, inproc-thr, inproc-lat; curve-thr (tcp PUSH/PULL
#          throughput at a CURVE_SIZES size: a row of its own, even at a size the thr rows share);
#          sec-curve-thr, sec-curve-lat (tcp over the CURVE mechanism); hs-curve, hs-null (handshake
#          rate: msg_per_s holds handshakes/s, avg_us the mean µs per handshake, size the request)
#   impl   zmq4j, libzmq, jeromq; raw (plain TCP, in the thr row at THR_HUGE_SIZE only; its msg/s
#          counts size-byte blocks)
set -uo pipefail
# No globbing: the commands are word lists expanded unquoted, and Z85 keys may hold * ? [ ].
set -f

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd -P "$here/.." && pwd)"
py=/usr/bin/python3

REPEATS="${REPEATS:-5}"
CURVE_REPEATS="${CURVE_REPEATS:-3}"
THR_SMALL_SIZE="${THR_SMALL_SIZE:-64}"
THR_SMALL_COUNT="${THR_SMALL_COUNT:-30000000}"
THR_LARGE_SIZE="${THR_LARGE_SIZE:-1024}"
THR_LARGE_COUNT="${THR_LARGE_COUNT:-10000000}"
THR_HUGE_SIZE="${THR_HUGE_SIZE:-65536}"
THR_HUGE_COUNT="${THR_HUGE_COUNT:-100000}"
LAT_SIZE="${LAT_SIZE:-64}"
LAT_ROUNDTRIPS="${LAT_ROUNDTRIPS:-50000}"
TCP="${TCP:-1}"
IPC_INPROC="${IPC_INPROC:-1}"
CURVE="${CURVE:-1}"
CURVE_SIZES="${CURVE_SIZES:-16 64 256 1024 4096 16384 65536 262144 1048576}"
CURVE_BYTES="${CURVE_BYTES:-2147483648}"
CURVE_MAX_COUNT="${CURVE_MAX_COUNT:-10000000}"
CHARTS="${CHARTS:-1}"
CHART_DIR="${CHART_DIR:-$repo/docs}"
PUBSUB="${PUBSUB:-1}"
COLD="${COLD:-1}"
COLD_THR_COUNT="${COLD_THR_COUNT:-2000000}"
COLD_LAT_ROUNDTRIPS="${COLD_LAT_ROUNDTRIPS:-50000}"
SCALE="${SCALE:-1}"
SCALE_CLIENTS="${SCALE_CLIENTS:-10000}"
SCALE_ACTIVE="${SCALE_ACTIVE:-10}"
SCALE_REPEATS="${SCALE_REPEATS:-3}"
PUBSUB_SIZE="${PUBSUB_SIZE:-64}"
PUBSUB_COUNT="${PUBSUB_COUNT:-10000000}"
PUBSUB_SUBS="${PUBSUB_SUBS:-10}"
CROSS_COUNT="${CROSS_COUNT:-200000}"
CROSS_ROUNDTRIPS="${CROSS_ROUNDTRIPS:-10000}"
RUN_TIMEOUT="${RUN_TIMEOUT:-300}"
OUT="${OUT:-$repo/bench/out/compare.md}"
CSV="${CSV:-${OUT%.md}.csv}"
LOG_DIR="${LOG_DIR:-$repo/bench/out/logs}"
SKIP_BUILD="${SKIP_BUILD:-0}"
MVN_ARGS="${MVN_ARGS:-}"
export JAVA_OPTS="${JAVA_OPTS:-}"
# bin/zmq4j's caches: recorded and used only when asked (AOT=1), so that none left from another run
# changes what a row measures.
AOT="${AOT:-0}"
if [ "$AOT" = 1 ]; then export ZMQ4J_AOT=auto; else export ZMQ4J_AOT=off; fi
# Read by the Java perf tools (zmq4j's and JeroPerf) themselves.
export PERF_WARMUP_MS="${PERF_WARMUP_MS:-3000}"

zmq4j_jar="$repo/zmq4j-cli/target/zmq4j.jar"
bench_jar="$repo/zmq4j-bench/target/zmq4j-bench.jar"
zperf="$repo/bench/c/zperf"
read -r -a IMPLS <<<"${IMPLS:-zmq4j libzmq jeromq}"
BASE_JAR="${BASE_JAR:-}"
export BASE_JAR
ZMQ4J_JAR="${ZMQ4J_JAR:-}"

# shellcheck source=bench/lib.sh
source "$here/lib.sh"
# JeroMQ's JVM gets bin/zmq4j's flags (heap, collector, compiler traps): the same JVM set-up for both.
launcher_flags="$(sed -n 's/^jvm_flags="\(.*\)"$/\1/p' "$repo/bin/zmq4j")"
[ -n "$launcher_flags" ] || die "bin/zmq4j: no jvm_flags line"
# shellcheck source=bench/security.sh
source "$here/security.sh"

# ---- building ----

build() {
  if [ "$SKIP_BUILD" = 1 ]; then
    echo "== skipping build (SKIP_BUILD=1)"
  else
    echo "== building: mvn -q -DskipTests package $MVN_ARGS"
    # shellcheck disable=SC2086 # MVN_ARGS is a list of arguments
    (cd "$repo" && mvn -q -DskipTests package $MVN_ARGS) || die "Maven build failed"
    echo "== building: gcc -O2 -pthread -o bench/c/zperf bench/c/zperf.c -lzmq"
    gcc -O2 -pthread -o "$zperf" "$repo/bench/c/zperf.c" -lzmq || die "gcc failed (is libzmq3-dev installed?)"
    if [ "$SCALE" = 1 ]; then
      echo "== building: gcc -O2 -o bench/c/zscale bench/c/zscale.c -lzmq"
      gcc -O2 -o "$repo/bench/c/zscale" "$repo/bench/c/zscale.c" -lzmq || die "gcc failed (is libzmq3-dev installed?)"
    fi
  fi
  # Only what this run uses (--cross: zmq4j and zperf); the bench jar runs JeroMQ and draws the charts.
  if [ "${1:-}" = cross ] || [[ " ${IMPLS[*]} " == *" zmq4j "* ]]; then
    [ -f "$zmq4j_jar" ] || die "missing $zmq4j_jar"
  fi
  if [ "${1:-}" != cross ] && { [[ " ${IMPLS[*]} " == *" jeromq "* ]] || [ "$CHARTS" = 1 ]; }; then
    [ -f "$bench_jar" ] || die "missing $bench_jar"
  fi
  [ -x "$zperf" ] || die "missing $zperf"
}

# The command line of one perf tool: impl tool endpoint size count.
tool_cmd() {
  local impl="$1"
  shift
  case "$impl" in
    # bin/zmq4j sets the JVM flags (and passes JAVA_OPTS on); ZMQ4J_JAR, if set, is the jar it runs.
    zmq4j)
      if [ -n "$ZMQ4J_JAR" ]; then
        echo "env ZMQ4J_JAR=$ZMQ4J_JAR $repo/bin/zmq4j perf $*"
      else
        echo "$repo/bin/zmq4j perf $*"
      fi ;;
    # The baseline of an A/B: the same launcher and flags, the jar of another build.
    zmq4j-base)
      [ -f "$BASE_JAR" ] || die "zmq4j-base needs BASE_JAR (a zmq4j.jar of the baseline build)"
      echo "env ZMQ4J_JAR=$BASE_JAR $repo/bin/zmq4j perf $*" ;;
    libzmq) echo "$zperf $*" ;;
    # shellcheck disable=SC2086
    jeromq) echo "${JAVA_HOME:+$JAVA_HOME/bin/}java $launcher_flags $JAVA_OPTS -jar $bench_jar jeromq $*" ;;
    # Plain TCP, no ØMQ, throughput only: raw-recv in local-thr's place, raw-send in remote-thr's.
    raw)
      case "$1" in
        local-thr) echo "$zperf raw-recv ${*:2}" ;;
        remote-thr) echo "$zperf raw-send ${*:2}" ;;
        *) die "raw TCP has no $1 tool" ;;
      esac ;;
    *) die "unknown implementation: $impl" ;;
  esac
}

# Runs one inproc tool: impl kind (thr|lat) size count name; like run_pair, one process.
run_inproc() {
  local impl="$1" kind="$2" size="$3" count="$4" name="$5" cmd rc
  cmd="$(tool_cmd "$impl" "inproc-$kind" "$size" "$count")"
  local log="$LOG_DIR/$name"
  echo "$cmd" >"$log.cmd"
  # shellcheck disable=SC2086
  timeout -k 5 "$RUN_TIMEOUT" $cmd >"$log.out" 2>"$log.err" &
  running=("$!")
  wait "${running[0]}"
  rc=$?
  running=()
  pair_out="$(cat "$log.out")"
  if [ "$rc" -ne 0 ]; then
    echo "   FAILED: $name (exit $rc; 124 = timed out); see $log.*" >&2
    return 1
  fi
  return 0
}

# Runs one pair: local_impl remote_impl tool (thr|lat|hs) size count name [transport: tcp|ipc].
# hs is handshake-srv/handshake-cli, which take no size. $pair_local_opts and $pair_remote_opts
# (the security options, usually empty) are appended to the two commands.
# Leaves the measuring side's output in $pair_out and returns 0 if both sides succeeded.
pair_out=""
pair_local_opts=""
pair_remote_opts=""
run_pair() {
  local local_impl="$1" remote_impl="$2" kind="$3" size="$4" count="$5" name="$6" transport="${7:-tcp}"
  local port endpoint local_cmd remote_cmd lpid rpid lrc rrc ipc_path=""
  port="$(free_port)"
  endpoint="tcp://127.0.0.1:$port"
  if [ "$transport" = ipc ]; then
    ipc_path="$(mktemp -u "${TMPDIR:-/tmp}/compare-XXXXXX.sock")"
    endpoint="ipc://$ipc_path"
  fi
  if [ "$kind" = hs ]; then
    local_cmd="$(tool_cmd "$local_impl" handshake-srv "$endpoint" "$count")"
    remote_cmd="$(tool_cmd "$remote_impl" handshake-cli "$endpoint" "$count")"
  else
    local_cmd="$(tool_cmd "$local_impl" "local-$kind" "$endpoint" "$size" "$count")"
    remote_cmd="$(tool_cmd "$remote_impl" "remote-$kind" "$endpoint" "$size" "$count")"
  fi
  local_cmd="$local_cmd${pair_local_opts:+ $pair_local_opts}"
  remote_cmd="$remote_cmd${pair_remote_opts:+ $pair_remote_opts}"
  local log="$LOG_DIR/$name"
  echo "$local_cmd" >"$log.local.cmd"
  echo "$remote_cmd" >"$log.remote.cmd"

  # shellcheck disable=SC2086 # the commands are word lists
  timeout -k 5 "$RUN_TIMEOUT" $local_cmd >"$log.local.out" 2>"$log.local.err" &
  lpid=$!
  running=("$lpid")
  # Start the remote side once the local one listens, so that the latency run does not time a
  # reconnect back-off.
  local waited=0
  while { [ -n "$ipc_path" ] && [ ! -S "$ipc_path" ]; } || { [ -z "$ipc_path" ] && ! listening "$port"; }; do
    if ! kill -0 "$lpid" 2>/dev/null || [ "$waited" -ge 1500 ]; then
      break
    fi
    sleep 0.02
    waited=$((waited + 1))
  done
  if ! kill -0 "$lpid" 2>/dev/null; then
    # The local side is gone already (it could not bind, say): there is nothing to pair with.
    wait "$lpid"
    lrc=$?
    running=()
    pair_out=""
    echo "   FAILED: $name (local exited with $lrc before the remote started); see $log.local.err" >&2
    return 1
  fi
  # shellcheck disable=SC2086
  timeout -k 5 "$RUN_TIMEOUT" $remote_cmd >"$log.remote.out" 2>"$log.remote.err" &
  rpid=$!
  running+=("$rpid")
  wait "$rpid"
  rrc=$?
  if [ "$rrc" -ne 0 ]; then
    # Without its peer the local side would wait until RUN_TIMEOUT.
    kill -TERM "$lpid" 2>/dev/null
  fi
  wait "$lpid"
  lrc=$?
  running=()
  if [ "$kind" = thr ]; then
    pair_out="$(cat "$log.local.out")"
  else
    pair_out="$(cat "$log.remote.out")"
  fi
  if [ "$lrc" -ne 0 ] || [ "$rrc" -ne 0 ]; then
    echo "   FAILED: $name (local exit $lrc, remote exit $rrc; 124 = timed out); see $log.*" >&2
    return 1
  fi
  return 0
}

# value_of "label" text → the number after "label: " in text.
value_of() {
  awk -v label="$1" 'index($0, label ": ") == 1 { print $(NF - 1); exit }' <<<"$2"
}

# ---- PUB -> N SUBs ----
# pub-thr binds an XPUB, waits for PUBSUB_SUBS subscriptions and publishes at the default SNDHWM
# (a slow subscriber misses messages); sub-thr runs the N SUBs in one process and prints the
# aggregate delivered throughput and "delivered: X of Y". CSV test "pubsub<N>", with the delivered
# percentage in the last column.

# Runs one pub-thr/sub-thr pair of impl: impl name. Leaves sub-thr's output in $pair_out.
# The implementations of a row in the order of round $2: as given in odd rounds, reversed in even
# ones, so that none always runs first (the first run of a round measures slower, by up to ~15 % on
# the latency row: docs/PERFORMANCE.md, "the latency rows' order bias").
round_order() {
  local -a list=($1)
  local i
  if (( $2 % 2 == 0 )); then
    for (( i = ${#list[@]} - 1; i >= 0; i-- )); do printf '%s ' "${list[i]}"; done
  else
    printf '%s ' "${list[@]}"
  fi
}

run_pubsub() {
  local impl="$1" name="$2" port endpoint pub_cmd sub_cmd ppid spid prc src waited=0
  port="$(free_port)"
  endpoint="tcp://127.0.0.1:$port"
  pub_cmd="$(tool_cmd "$impl" pub-thr "$endpoint" "$PUBSUB_SIZE" "$PUBSUB_COUNT" "$PUBSUB_SUBS")"
  sub_cmd="$(tool_cmd "$impl" sub-thr "$endpoint" "$PUBSUB_SIZE" "$PUBSUB_COUNT" "$PUBSUB_SUBS")"
  local log="$LOG_DIR/$name"
  echo "$pub_cmd" >"$log.pub.cmd"
  echo "$sub_cmd" >"$log.sub.cmd"
  # shellcheck disable=SC2086 # the commands are word lists
  timeout -k 5 "$RUN_TIMEOUT" $pub_cmd >"$log.pub.out" 2>"$log.pub.err" &
  ppid=$!
  running=("$ppid")
  while ! listening "$port" && kill -0 "$ppid" 2>/dev/null && [ "$waited" -lt 1500 ]; do
    sleep 0.02
    waited=$((waited + 1))
  done
  # shellcheck disable=SC2086
  timeout -k 5 "$RUN_TIMEOUT" $sub_cmd >"$log.sub.out" 2>"$log.sub.err" &
  spid=$!
  running+=("$spid")
  wait "$spid"
  src=$?
  # Without its subscribers the publisher would wait until RUN_TIMEOUT.
  [ "$src" -eq 0 ] || kill -TERM "$ppid" 2>/dev/null
  wait "$ppid"
  prc=$?
  running=()
  pair_out="$(cat "$log.sub.out")"
  if [ "$prc" -ne 0 ] || [ "$src" -ne 0 ]; then
    echo "   FAILED: $name (pub-thr exit $prc, sub-thr exit $src; 124 = timed out); see $log.*" >&2
    return 1
  fi
  return 0
}

# The PUB -> N SUBs row, interleaved like the others; counts its failures into benchmark's.
pubsub_row() {
  [ "$PUBSUB" = 1 ] || return 0
  local test="pubsub$PUBSUB_SUBS" round impl name status msgs mbs delivered pct
  echo "== tcp PUB -> $PUBSUB_SUBS SUBs, $PUBSUB_SIZE B, count $PUBSUB_COUNT: $REPEATS interleaved rounds of ${IMPLS[*]}"
  for round in $(seq 1 "$REPEATS"); do
    for impl in $(round_order "${IMPLS[*]}" "$round"); do
      name="$test-$PUBSUB_SIZE-$impl-r$round"
      status=ok
      run_pubsub "$impl" "$name" || { status=fail; failures=$((failures + 1)); }
      msgs="$(value_of "mean throughput" "$(grep '\[msg/s\]' <<<"$pair_out")")"
      mbs="$(value_of "mean throughput" "$(grep '\[Mb/s\]' <<<"$pair_out")")"
      delivered="$(awk '$1 == "delivered:" { print $2, $4; exit }' <<<"$pair_out")"
      pct=""
      [ -n "$delivered" ] && pct="$(awk '{ printf "%.2f", ($2 > 0 ? 100 * $1 / $2 : 0) }' <<<"$delivered")"
      [ -n "$msgs" ] && [ -n "$pct" ] || status=fail
      echo "$test,$PUBSUB_SIZE,$PUBSUB_COUNT,$impl,$round,$msgs,$mbs,,,,,$status,$pct" >>"$CSV"
      printf '   round %d %-7s %12s msg/s %12s Mb/s  delivered %6s %%  %s\n' "$round" "$impl" "${msgs:--}" "${mbs:--}" \
        "${pct:--}" "$status"
    done
  done
}

# ---- the benchmark ----

# The message count of a curve run at size: CURVE_BYTES / size, between 1 and CURVE_MAX_COUNT.
curve_count() {
  local size="$1" count
  [[ "$size" =~ ^[1-9][0-9]*$ ]] || die "CURVE_SIZES: $size (expected: positive integers)"
  count=$((CURVE_BYTES / size))
  [ "$count" -le "$CURVE_MAX_COUNT" ] || count="$CURVE_MAX_COUNT"
  [ "$count" -ge 1 ] || count=1
  echo "$count"
}

# record_run tool (thr|lat|hs) test size count impl round status: parses $pair_out, appends the
# CSV line and prints the round's line (status becomes fail if the figures are missing).
record_run() {
  local tool="$1" test="$2" size="$3" count="$4" impl="$5" round="$6" status="$7"
  if [ "$tool" = thr ]; then
    local msgs mbs
    msgs="$(value_of "mean throughput" "$(grep '\[msg/s\]' <<<"$pair_out")")"
    mbs="$(value_of "mean throughput" "$(grep '\[Mb/s\]' <<<"$pair_out")")"
    [ -n "$msgs" ] || status=fail
    echo "$test,$size,$count,$impl,$round,$msgs,$mbs,,,,,$status," >>"$CSV"
    printf '   round %d %-10s %12s msg/s %12s Mb/s  %s\n' "$round" "$impl" "${msgs:--}" "${mbs:--}" "$status"
  elif [ "$tool" = hs ]; then
    local rate mean
    rate="$(value_of "handshake rate" "$pair_out")"
    mean="$(value_of "mean handshake" "$pair_out")"
    [ -n "$rate" ] || status=fail
    echo "$test,$size,$count,$impl,$round,$rate,,$mean,,,,$status," >>"$CSV"
    printf '   round %d %-10s %12s handshakes/s  mean %9s us  %s\n' "$round" "$impl" "${rate:--}" "${mean:--}" "$status"
  else
    local avg p50 p99 p999
    avg="$(value_of "average latency" "$pair_out")"
    p50="$(value_of "p50 latency" "$pair_out")"
    p99="$(value_of "p99 latency" "$pair_out")"
    p999="$(value_of "p99.9 latency" "$pair_out")"
    [ -n "$avg" ] || status=fail
    echo "$test,$size,$count,$impl,$round,,,$avg,$p50,$p99,$p999,$status," >>"$CSV"
    printf '   round %d %-10s avg %9s us  p50 %9s  p99 %9s  p99.9 %9s  %s\n' "$round" "$impl" \
      "${avg:--}" "${p50:--}" "${p99:--}" "${p999:--}" "$status"
  fi
}

# AOT=1: the perf tools' caches of each zmq4j jar in the run, recorded before the first row.
record_caches() {
  local impl jar
  for impl in "${IMPLS[@]}"; do
    case "$impl" in
      zmq4j) jar="${ZMQ4J_JAR:-$zmq4j_jar}" ;;
      zmq4j-base) jar="$BASE_JAR" ;;
      *) continue ;;
    esac
    echo "== recording the perf tools' caches for $jar (AOT=1)"
    ZMQ4J_JAR="$jar" "$here/aot-train.sh" || die "recording the caches failed"
  done
}

benchmark() {
  mkdir -p "$(dirname "$OUT")" "$(dirname "$CSV")" "$LOG_DIR"
  [ "$AOT" != 1 ] || record_caches
  echo "test,size,count,impl,round,msg_per_s,mb_per_s,avg_us,p50_us,p99_us,p999_us,status,delivered_pct" >"$CSV"
  # A row: CSV test column, transport, tool (thr|lat), size, count, then the implementations to run.
  local rows=()
  if [ "$TCP" = 1 ]; then
    rows+=("thr tcp thr $THR_SMALL_SIZE $THR_SMALL_COUNT ${IMPLS[*]}"
           "thr tcp thr $THR_LARGE_SIZE $THR_LARGE_COUNT ${IMPLS[*]}"
           "thr tcp thr $THR_HUGE_SIZE $THR_HUGE_COUNT ${IMPLS[*]} raw"
           "lat tcp lat $LAT_SIZE $LAT_ROUNDTRIPS ${IMPLS[*]}")
  fi
  if [ "$COLD" = 1 ]; then
    rows+=("cold-thr tcp thr $THR_SMALL_SIZE $COLD_THR_COUNT ${IMPLS[*]}"
           "cold-lat tcp lat $LAT_SIZE $COLD_LAT_ROUNDTRIPS ${IMPLS[*]}")
  fi
  if [ "$IPC_INPROC" = 1 ]; then
    rows+=("ipc-thr ipc thr $THR_SMALL_SIZE $THR_SMALL_COUNT ${IMPLS[*]}"
           "ipc-lat ipc lat $LAT_SIZE $LAT_ROUNDTRIPS ${IMPLS[*]}"
           "inproc-thr inproc thr $THR_SMALL_SIZE $THR_SMALL_COUNT ${IMPLS[*]}"
           "inproc-lat inproc lat $LAT_SIZE $LAT_ROUNDTRIPS ${IMPLS[*]}")
  fi
  if [ "$CURVE" = 1 ]; then
    local curve_size curve_runs
    for curve_size in $CURVE_SIZES; do
      curve_runs="$(curve_count "$curve_size")" || exit 1
      rows+=("curve-thr tcp thr $curve_size $curve_runs ${IMPLS[*]}")
    done
  fi
  local row test transport tool size count impls round impl name status
  local failures=0
  for row in "${rows[@]}"; do
    read -r test transport tool size count impls <<<"$row"
    local rounds="$REPEATS"
    [ "$test" = curve-thr ] && rounds="$CURVE_REPEATS"
    echo "== $test, $size B, count $count: $rounds interleaved rounds of $impls"
    for round in $(seq 1 "$rounds"); do
      for impl in $(round_order "$impls" "$round"); do
        name="$test-$size-$impl-r$round"
        status=ok
        # A cold row's processes get no warm-up; the others keep the run's PERF_WARMUP_MS.
        local warmup="$PERF_WARMUP_MS"
        [[ "$test" == cold-* ]] && export PERF_WARMUP_MS=0
        if [ "$transport" = inproc ]; then
          run_inproc "$impl" "$tool" "$size" "$count" "$name" || { status=fail; failures=$((failures + 1)); }
        else
          run_pair "$impl" "$impl" "$tool" "$size" "$count" "$name" "$transport" || { status=fail; failures=$((failures + 1)); }
        fi
        export PERF_WARMUP_MS="$warmup"
        record_run "$tool" "$test" "$size" "$count" "$impl" "$round" "$status"
      done
    done
  done
  pubsub_row
  security_rows
  scale_rows
  local charted=0
  charts && charted=1
  summarize "$charted"
  if [ -n "$scale_out" ] && [ -f "$scale_out" ]; then
    { echo; echo "## One ROUTER, $SCALE_CLIENTS DEALERs ($SCALE_ACTIVE active), from bench/scale.sh"; echo
      echo "From \`$(basename "$scale_out")\` (its own rounds, after the rows above):"; echo
      sed -n '/^|/p' "$scale_out"; } >>"$OUT"
  fi
  echo
  echo "== table: $OUT"
  echo "== raw results: $CSV"
  [ "$charted" = 0 ] || echo "== charts: $CHART_DIR/perf-throughput.png, $CHART_DIR/perf-latency.png"
  [ "$failures" -eq 0 ] || die "$failures run(s) failed; see $LOG_DIR"
}

# The scale rows: bench/scale.sh's zmq4j and libzmq pairs, SCALE_CLIENTS DEALERs with SCALE_ACTIVE
# of them active, into $scale_out (OUT's name with -scale); counts a failed run into benchmark's.
scale_out=""
scale_rows() {
  [ "$SCALE" = 1 ] || return 0
  [[ " ${IMPLS[*]} " == *" zmq4j "* && " ${IMPLS[*]} " == *" libzmq "* ]] || return 0
  scale_out="${OUT%.md}-scale.md"
  echo "== scale: bench/scale.sh, $SCALE_CLIENTS DEALERs ($SCALE_ACTIVE active), $SCALE_REPEATS rounds -> $scale_out"
  CLIENTS="$SCALE_CLIENTS" ACTIVE="$SCALE_ACTIVE" REPEATS="$SCALE_REPEATS" PAIRS="zmq4j:zmq4j libzmq:libzmq" \
    OUT="$scale_out" CSV="${scale_out%.md}.csv" LOG_DIR="$LOG_DIR" SKIP_BUILD=1 \
    "$here/scale.sh" || { echo "   FAILED: bench/scale.sh; see $LOG_DIR" >&2; failures=$((failures + 1)); }
}

# Renders the PNG charts from the CSV (the bench jar's `chart` command); 0 if they were written.
charts() {
  [ "$CHARTS" = 1 ] || return 1
  mkdir -p "$CHART_DIR"
  echo "== charts: java -jar $bench_jar chart $CSV $CHART_DIR"
  if ! java -Djava.awt.headless=true -jar "$bench_jar" chart "$CSV" "$CHART_DIR"; then
    echo "compare.sh: rendering the charts failed; the table is written without them" >&2
    return 1
  fi
}

# summarize charted: writes $OUT from $CSV (and prints it); charted = 1 links the PNGs.
summarize() {
  local charted="$1" java_version libzmq_version commit
  java_version="$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
  libzmq_version="$(pkg-config --modversion libzmq 2>/dev/null || echo unknown)"
  commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  "$py" - "$CSV" "$OUT" "$REPEATS" "$java_version" "$libzmq_version" "$commit" "$(nproc)" "$(uname -sr)" \
    "$JAVA_OPTS" "$charted" "$CHART_DIR" <<'PYTHON'
import csv, statistics, sys, datetime, os

csv_path, out_path, repeats, java, libzmq, commit, cpus, kernel, java_opts, charted, chart_dir = sys.argv[1:12]
rows = list(csv.DictReader(open(csv_path)))
impls = ["zmq4j", "libzmq", "jeromq"]
names = {"zmq4j": "zmq4j", "libzmq": "libzmq", "jeromq": "JeroMQ", "raw": "raw TCP", "zmq4j-base": "zmq4j baseline"}

def values(test, size, impl, column):
    return [float(r[column]) for r in rows
            if r["test"] == test and r["size"] == size and r["impl"] == impl
            and r["status"] == "ok" and r[column]]

def fmt(v, column):
    return f"{v:,.0f}" if column == "msg_per_s" else f"{v:.3f}" if column == "mb_per_s" else f"{v:.2f}"

def cell(vs, column):
    if not vs:
        return "n/a"
    return f"{fmt(statistics.median(vs), column)} ({fmt(min(vs), column)}–{fmt(max(vs), column)})"

def ratio(a, b):
    return f"{statistics.median(a) / statistics.median(b):.2f}" if a and b else "n/a"

def label_size(size):
    n = int(size)
    if n >= 1 << 20 and n % (1 << 20) == 0:
        return f"{n >> 20} MiB"
    return f"{n >> 10} KiB" if n >= 1024 and n % 1024 == 0 else f"{n} B"

lines = []
lines.append("# zmq4j vs libzmq vs JeroMQ: perf tools over tcp on 127.0.0.1 (and ipc, inproc)")
lines.append("")
lines.append(f"Generated by `bench/compare.sh` on {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}, "
             f"commit {commit}; {cpus} CPUs, {kernel}; {java}; libzmq {libzmq}; JeroMQ 0.6.0"
             + (f"; JAVA_OPTS `{java_opts}`" if java_opts else "")
             + f"; JIT warm-up before each timed run of a Java tool: {os.environ.get('PERF_WARMUP_MS', '0')} ms (PERF_WARMUP_MS).")
lines.append("")
lines.append(f"Each implementation is paired with itself (both processes on this machine), {repeats} rounds "
             "interleaved zmq4j → libzmq → JeroMQ (every other round in the reverse order), a fresh port per run. Cells: median (min–max) over "
             "the rounds. Ratios are of medians; for throughput higher is better, for latency lower is "
             "better. Latency is one way (round trip / 2) in µs: average = elapsed / (2 × round trips), "
             "percentiles from every round trip.")
lines.append("")
if any(r["test"].startswith(("sec-", "hs-")) for r in rows):
    lines.append(f"The tcp CURVE and handshake rows ({os.environ.get('SEC_REPEATS', '?')} rounds each) run the "
                 "implementations whose tools take the security options (not JeroMQ), with CURVE keys made "
                 "once per run by pyzmq; a handshake is a new REQ socket, connect, one request and reply, close.")
    lines.append("")
lines.append("| benchmark | zmq4j | libzmq | JeroMQ | zmq4j / libzmq | zmq4j / JeroMQ |")
lines.append("|---|---:|---:|---:|---:|---:|")
seen = []
for r in rows:
    key = (r["test"], r["size"], r["count"])
    if key not in seen and r["test"] != "curve-thr":
        seen.append(key)
for test, size, count in seen:
    transport = test.split("-")[0] + " " if "-" in test else ""
    if test.startswith("cold-"):
        transport = "tcp, no warm-up: "
    if test.startswith("sec-curve-"):
        transport = "tcp CURVE "
    if test.startswith("hs-"):
        what = f"tcp {test[3:].upper()} handshakes (new REQ, {label_size(size)} request and reply, close)"
        metrics = [("msg_per_s", f"{what}, handshakes/s ({int(count):,} per run)"),
                   ("avg_us", f"{what}, mean µs per handshake")]
    elif test.startswith("pubsub"):
        what = f"tcp PUB → {test[len('pubsub'):]} SUBs {label_size(size)}"
        metrics = [("msg_per_s", f"{what} delivered throughput, msg/s ({int(count):,} msgs each)"),
                   ("mb_per_s", f"{what} delivered throughput, Mb/s"),
                   ("delivered_pct", f"{what} delivered, % of published")]
    elif test.endswith("thr"):
        metrics = [("msg_per_s", f"{transport}PUSH/PULL {label_size(size)} throughput, msg/s ({int(count):,} msgs)"),
                   ("mb_per_s", f"{transport}PUSH/PULL {label_size(size)} throughput, Mb/s")]
    else:
        metrics = [("avg_us", f"{transport}REQ/REP {label_size(size)} latency, average µs ({int(count):,} round trips)"),
                   ("p50_us", f"{transport}REQ/REP {label_size(size)} latency, p50 µs"),
                   ("p99_us", f"{transport}REQ/REP {label_size(size)} latency, p99 µs"),
                   ("p999_us", f"{transport}REQ/REP {label_size(size)} latency, p99.9 µs")]
    for column, label in metrics:
        v = {i: values(test, size, i, column) for i in impls}
        lines.append(f"| {label} | " + " | ".join(cell(v[i], column) for i in impls)
                     + f" | {ratio(v['zmq4j'], v['libzmq'])} | {ratio(v['zmq4j'], v['jeromq'])} |")

raw_keys = [(r["size"], r["count"]) for r in rows if r["test"] == "thr" and r["impl"] == "raw"]
for size, count in dict.fromkeys(raw_keys):
    raw = values("thr", size, "raw", "mb_per_s")
    lines.append("")
    lines.append(f"## PUSH/PULL {label_size(size)} against raw loopback TCP")
    lines.append("")
    lines.append(f"The same row (tcp, {int(count):,} messages) next to plain TCP sockets on 127.0.0.1 run in the "
                 f"same rounds (`zperf raw-send`/`raw-recv`: {label_size(size)} writes, no ØMQ), the ceiling for "
                 "this machine. Share of raw = median / raw's median; issue 4's target is zmq4j ≥ 70 %.")
    lines.append("")
    lines.append("| implementation | Mb/s | share of raw TCP |")
    lines.append("|---|---:|---:|")
    for impl in impls + ["raw"]:
        v = values("thr", size, impl, "mb_per_s")
        share = f"{100 * statistics.median(v) / statistics.median(raw):.0f} %" if v and raw else "n/a"
        lines.append(f"| {names[impl]} | {cell(v, 'mb_per_s')} | {share} |")

curve_sizes = sorted({int(r["size"]) for r in rows if r["test"] == "curve-thr"})
if curve_sizes:
    def curve(size, impl):
        return values("curve-thr", str(size), impl, "msg_per_s")
    def megabytes(vs, size):
        return f"{statistics.median(vs) * size / 1e6:,.1f}" if vs else "n/a"
    lines.append("")
    lines.append("## Message-size curve: tcp PUSH/PULL throughput")
    lines.append("")
    lines.append("Each size is a row of its own (interleaved rounds as above); cells are medians, MB/s is "
                 "10^6 bytes of message body per second. The messages per run shrink with the size so that "
                 "each run moves about the same amount of data.")
    lines.append("")
    lines.append("| size | messages | " + " | ".join(f"{names[i]} msg/s" for i in impls) + " | "
                 + " | ".join(f"{names[i]} MB/s" for i in impls) + " | zmq4j / libzmq |")
    lines.append("|---|---:|" + "---:|" * (2 * len(impls) + 1))
    for size in curve_sizes:
        count = next(r["count"] for r in rows if r["test"] == "curve-thr" and int(r["size"]) == size)
        v = {i: curve(size, i) for i in impls}
        lines.append(f"| {label_size(str(size))} | {int(count):,} | "
                     + " | ".join(f"{statistics.median(v[i]):,.0f}" if v[i] else "n/a" for i in impls) + " | "
                     + " | ".join(megabytes(v[i], size) for i in impls)
                     + f" | {ratio(v['zmq4j'], v['libzmq'])} |")

if any(r["impl"] == "zmq4j-base" for r in rows):
    # An A/B of two builds (BASE_JAR): this build against the baseline, row by row.
    lines.append("")
    lines.append("## A/B: this build against the baseline build (BASE_JAR)")
    lines.append("")
    lines.append(f"Baseline jar: `{os.environ.get('BASE_JAR', '?')}`. Cells: median (min–max) over the rounds, "
                 "both builds interleaved in each round. Change = this build / baseline for throughput, "
                 "baseline / this build for latency, so above 1.00 is better either way; rows more than 5 % "
                 "worse by median are marked.")
    lines.append("")
    lines.append("| benchmark | this build | baseline | change |")
    lines.append("|---|---:|---:|---:|")
    for test, size, count in seen:
        if test.startswith("hs-"):
            cols = [("msg_per_s", f"{test} handshakes/s ({int(count):,})", True)]
        elif test.endswith("thr") or test.startswith("pubsub"):
            cols = [("msg_per_s", f"{test} {label_size(size)} msg/s ({int(count):,})", True)]
        else:
            cols = [("avg_us", f"{test} {label_size(size)} average µs", False),
                    ("p50_us", f"{test} {label_size(size)} p50 µs", False),
                    ("p99_us", f"{test} {label_size(size)} p99 µs", False),
                    ("p999_us", f"{test} {label_size(size)} p99.9 µs", False)]
        for column, label, higher_better in cols:
            a = values(test, size, "zmq4j", column)
            b = values(test, size, "zmq4j-base", column)
            if not a or not b:
                lines.append(f"| {label} | {cell(a, column)} | {cell(b, column)} | n/a |")
                continue
            change = statistics.median(a) / statistics.median(b) if higher_better else statistics.median(b) / statistics.median(a)
            mark = " **(worse > 5 %)**" if change < 0.95 else ""
            lines.append(f"| {label} | {cell(a, column)} | {cell(b, column)} | {change:.2f}{mark} |")

charts = [(name, alt) for name, alt in
          [("perf-throughput.png", "tcp PUSH/PULL throughput against message size"),
           ("perf-latency.png", "REQ/REP one-way latency: average, p50, p99, p99.9")]
          if charted == "1" and os.path.exists(os.path.join(chart_dir, name))]
if charts:
    link = os.path.relpath(chart_dir, os.path.dirname(os.path.abspath(out_path)))
    lines.append("")
    lines.append("## Charts")
    for name, alt in charts:
        lines.append("")
        lines.append(f"![{alt}]({link}/{name})")

failed = [r for r in rows if r["status"] != "ok"]
lines.append("")
if failed:
    lines.append(f"**{len(failed)} run(s) failed** and are left out: "
                 + ", ".join(f"{r['test']} {r['size']} B {names[r['impl']]} round {r['round']}" for r in failed) + ".")
else:
    lines.append(f"All {len(rows)} runs completed.")
text = "\n".join(lines) + "\n"
open(out_path, "w").write(text)
print()
print(text, end="")
PYTHON
}

# ---- cross pairing smoke test ----

check_lines() {
  # kind text → 0 if text has the tool's lines in libzmq's format
  local kind="$1" text="$2"
  if [ "$kind" = hs ]; then
    grep -Eq '^handshake count: [0-9]+$' <<<"$text" &&
      grep -Eq '^handshake rate: [0-9]+ \[handshakes/s\]$' <<<"$text" &&
      grep -Eq '^mean handshake: [0-9]+\.[0-9]{3} \[us\]$' <<<"$text"
  elif [ "$kind" = thr ]; then
    grep -Eq '^message size: [0-9]+ \[B\]$' <<<"$text" &&
      grep -Eq '^message count: [0-9]+$' <<<"$text" &&
      grep -Eq '^mean throughput: [0-9]+ \[msg/s\]$' <<<"$text" &&
      grep -Eq '^mean throughput: [0-9]+\.[0-9]{3} \[Mb/s\]$' <<<"$text"
  else
    grep -Eq '^message size: [0-9]+ \[B\]$' <<<"$text" &&
      grep -Eq '^roundtrip count: [0-9]+$' <<<"$text" &&
      grep -Eq '^average latency: [0-9]+\.[0-9]{3} \[us\]$' <<<"$text" &&
      grep -Eq '^p50 latency: [0-9]+\.[0-9]{3} \[us\]$' <<<"$text" &&
      grep -Eq '^p99 latency: [0-9]+\.[0-9]{3} \[us\]$' <<<"$text" &&
      grep -Eq '^p99\.9 latency: [0-9]+\.[0-9]{3} \[us\]$' <<<"$text"
  fi
}

cross() {
  mkdir -p "$LOG_DIR"
  local pairs=("zmq4j libzmq thr 64 $CROSS_COUNT" "libzmq zmq4j thr 64 $CROSS_COUNT"
               "zmq4j libzmq thr 1024 $CROSS_COUNT" "libzmq zmq4j thr 1024 $CROSS_COUNT"
               "zmq4j libzmq lat 64 $CROSS_ROUNDTRIPS" "libzmq zmq4j lat 64 $CROSS_ROUNDTRIPS")
  local p local_impl remote_impl kind size count failures=0
  for p in "${pairs[@]}"; do
    read -r local_impl remote_impl kind size count <<<"$p"
    echo "== local-$kind on $local_impl  <-  remote-$kind from $remote_impl, $size B x $count"
    if run_pair "$local_impl" "$remote_impl" "$kind" "$size" "$count" "cross-$kind-$size-$local_impl-$remote_impl" &&
      check_lines "$kind" "$pair_out"; then
      sed 's/^/   /' <<<"$pair_out"
      echo "   PASS"
    else
      sed 's/^/   /' <<<"$pair_out"
      echo "   FAIL"
      failures=$((failures + 1))
    fi
  done
  local total="${#pairs[@]}"
  if [ "$SECURITY" = 1 ]; then
    cross_security
    total=$((total + cross_security_pairs))
  fi
  if [ "$failures" -ne 0 ]; then
    die "$failures cross pairing(s) failed; see $LOG_DIR/cross-*"
  fi
  echo "== all $total cross pairings passed"
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  --cross) build cross; cross ;;
  "") build; benchmark ;;
  *) usage >&2; exit 2 ;;
esac
