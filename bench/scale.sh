#!/usr/bin/env bash
# Scale and cost: one ROUTER serving many tcp DEALERs on 127.0.0.1 (default 10,000), zmq4j next to
# libzmq (bench/c/zscale). Measures the time to connect them all, memory per connection on both
# sides (RSS and heap), and request/reply throughput across all of them.
#
#   bench/scale.sh          run the pairs, write a Markdown table of medians and a CSV
#   bench/scale.sh --help
#
# Each run starts one server (`router-srv`) and then the client process(es) (`dealer-clients`),
# which open their DEALERs in one context each. A pair is written server:clients, e.g. zmq4j:libzmq
# is a zmq4j ROUTER serving libzmq DEALERs (which isolates the server). Rounds are interleaved
# (round r: every pair, then round r+1 ...) so that drift in machine load hits all pairs alike;
# each run gets a fresh port. See bench/README.md for what each figure means.
#
# Open files: the script raises its soft limit to the hard limit (`ulimit -n`). A libzmq DEALER
# needs two descriptors (its tcp connection and its mailbox's eventfd), a zmq4j one needs one, so
# when one client process cannot hold CLIENTS DEALERs under the limit the clients are split over
# CLIENT_PROCS processes, started together; the same split is used for every pair so that they
# stay comparable. The server's figures do not depend on the split; the connect time is that of
# the slowest client process; round trips/s are counted by the server over all clients.
#
# Environment (defaults in brackets):
#   CLIENTS [10000]        DEALERs in all (one server connection each)
#   REQUESTS [50]          round trips per active DEALER in the throughput phase
#   SIZE [64]              bytes per request and reply
#   WINDOW [1]             requests each DEALER keeps in flight
#   ACTIVE [CLIENTS]       DEALERs that make round trips; the others stay connected and idle (what
#                          idle peers cost the ROUTER per message: e.g. CLIENTS=10000 ACTIVE=10)
#   REPEATS [3]            rounds
#   PAIRS [zmq4j:zmq4j libzmq:libzmq zmq4j:libzmq libzmq:zmq4j]   server:clients pairs to run
#   CLIENT_PROCS [auto]    client processes per run (auto: 1, or as many as the open-file limit needs)
#   RUN_TIMEOUT [900]      seconds before a process is killed
#   OUT [bench/out/scale.md]  CSV [same name, .csv]  LOG_DIR [bench/out/logs]
#   SKIP_BUILD [0]         1 = use the jar and zscale already built
#   MVN_ARGS []            extra Maven arguments, e.g. -o
#   JAVA_OPTS []           extra JVM options for the zmq4j processes (bin/zmq4j passes them on)
set -uo pipefail

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd -P "$here/.." && pwd)"
py=/usr/bin/python3
export ZMQ4J_AOT="${ZMQ4J_AOT:-off}"   # bin/zmq4j's caches: none unless asked (bench/aot-train.sh)

CLIENTS="${CLIENTS:-10000}"
REQUESTS="${REQUESTS:-50}"
SIZE="${SIZE:-64}"
WINDOW="${WINDOW:-1}"
ACTIVE="${ACTIVE:-$CLIENTS}"
REPEATS="${REPEATS:-3}"
PAIRS="${PAIRS:-zmq4j:zmq4j libzmq:libzmq zmq4j:libzmq libzmq:zmq4j}"
CLIENT_PROCS="${CLIENT_PROCS:-auto}"
RUN_TIMEOUT="${RUN_TIMEOUT:-900}"
OUT="${OUT:-$repo/bench/out/scale.md}"
CSV="${CSV:-${OUT%.md}.csv}"
LOG_DIR="${LOG_DIR:-$repo/bench/out/logs}"
SKIP_BUILD="${SKIP_BUILD:-0}"
MVN_ARGS="${MVN_ARGS:-}"
export JAVA_OPTS="${JAVA_OPTS:-}"

zmq4j_jar="$repo/zmq4j-cli/target/zmq4j.jar"
zscale="$repo/bench/c/zscale"

# shellcheck source=bench/lib.sh
source "$here/lib.sh"

# ---- the machine ----

# Descriptors one process needs beyond its connections (standard streams, jars, epoll, ...).
FD_SLACK=128
open_files=0
procs=1

check_limits() {
  local hard
  hard="$(ulimit -Hn)"
  if [ "$hard" = unlimited ]; then
    hard=1048576
  fi
  ulimit -n "$hard" 2>/dev/null || echo "scale.sh: warning: could not raise the open-file limit to $hard" >&2
  open_files="$(ulimit -n)"
  echo "== open-file limit: $open_files per process (hard limit $hard)"
  if [ "$((CLIENTS + FD_SLACK))" -gt "$open_files" ]; then
    die "the server needs about $((CLIENTS + FD_SLACK)) descriptors for $CLIENTS connections; the limit is $open_files (raise the hard limit: ulimit -Hn, or /etc/security/limits.conf)"
  fi
  # Descriptors per DEALER of the client implementations in use: libzmq 2 (connection + mailbox eventfd), zmq4j 1.
  local per=1 pair
  for pair in $PAIRS; do
    [ "${pair#*:}" = libzmq ] && per=2
  done
  if [ "$CLIENT_PROCS" = auto ]; then
    procs=1
    while [ "$((per * ((CLIENTS + procs - 1) / procs) + FD_SLACK))" -gt "$open_files" ]; do
      procs=$((procs + 1))
    done
  else
    procs="$CLIENT_PROCS"
  fi
  local each=$(((CLIENTS + procs - 1) / procs))
  echo "== client processes per run: $procs (up to $each DEALERs each, $per descriptor(s) per DEALER)"
  if [ "$((per * each + FD_SLACK))" -gt "$open_files" ]; then
    echo "scale.sh: warning: $each DEALERs per process may exceed the open-file limit $open_files" >&2
  fi

  local file_max nr_open
  file_max="$(cat /proc/sys/fs/file-max 2>/dev/null || echo 0)"
  nr_open="$(cat /proc/sys/fs/nr_open 2>/dev/null || echo 0)"
  echo "== fs.file-max $file_max, fs.nr_open $nr_open"
  # Server and clients together: up to three descriptors per connection (libzmq clients).
  if [ "$file_max" -gt 0 ] && [ "$file_max" -lt "$((3 * CLIENTS + 1024))" ]; then
    echo "scale.sh: warning: fs.file-max ($file_max) is below the $((3 * CLIENTS)) descriptors a run may hold" >&2
  fi

  local low high
  read -r low high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || { low=0; high=0; }
  echo "== ephemeral ports $low-$high ($((high - low + 1)))"
  if [ "$high" -gt 0 ] && [ "$((high - low + 1))" -lt "$CLIENTS" ]; then
    die "the ephemeral port range $low-$high has fewer than $CLIENTS ports for the client connections (widen net.ipv4.ip_local_port_range)"
  fi
  local somaxconn
  somaxconn="$(cat /proc/sys/net/core/somaxconn 2>/dev/null || echo 0)"
  if [ "$somaxconn" -gt 0 ] && [ "$somaxconn" -lt 1024 ]; then
    echo "scale.sh: warning: net.core.somaxconn ($somaxconn) caps the listen backlog below 1024: connects may be retried" >&2
  fi
}

# ---- building ----

build() {
  if [ "$SKIP_BUILD" = 1 ]; then
    echo "== skipping build (SKIP_BUILD=1)"
  else
    echo "== building: mvn -q -DskipTests package $MVN_ARGS"
    # shellcheck disable=SC2086 # MVN_ARGS is a list of arguments
    (cd "$repo" && mvn -q -DskipTests package $MVN_ARGS) || die "Maven build failed"
    echo "== building: gcc -O2 -o bench/c/zscale bench/c/zscale.c -lzmq"
    gcc -O2 -o "$zscale" "$repo/bench/c/zscale.c" -lzmq || die "gcc failed (is libzmq3-dev installed?)"
  fi
  [ -f "$zmq4j_jar" ] || die "missing $zmq4j_jar"
  [ -x "$zscale" ] || die "missing $zscale"
}

# The command line of one tool: impl tool args...
tool_cmd() {
  local impl="$1"
  shift
  case "$impl" in
    # bin/zmq4j sets the JVM flags (and passes JAVA_OPTS on).
    zmq4j) echo "$repo/bin/zmq4j perf $*" ;;
    libzmq) echo "$zscale $*" ;;
    *) die "unknown implementation: $impl (expected: zmq4j or libzmq)" ;;
  esac
}

# The kernel's count of connections dropped because a listen queue was full (all of the machine's
# sockets; nothing else on it should be overflowing one), or nothing without nstat.
listen_overflows() {
  if command -v nstat >/dev/null 2>&1; then
    nstat -az TcpExtListenOverflows 2>/dev/null | awk '$1 == "TcpExtListenOverflows" { print $2 }'
  fi
}

# value_of "label" text → the first word after "label: " on the first line that starts so.
value_of() {
  awk -v label="$1: " 'index($0, label) == 1 { print substr($0, length(label) + 1); exit }' <<<"$2" | awk '{ print $1 }'
}

# Runs one pair: server_impl client_impl name. Leaves the server's output in $server_out and the
# client processes' outputs in $client_outs (concatenated); returns 0 if every process succeeded.
server_out=""
client_outs=""
overflows=""
run_pair() {
  local server_impl="$1" client_impl="$2" name="$3"
  local port endpoint server_cmd spid src crc i n each rest failed=0
  port="$(free_port)"
  endpoint="tcp://127.0.0.1:$port"
  local log="$LOG_DIR/$name"
  rm -f "$log".client*.cmd "$log".client*.out "$log".client*.err
  server_cmd="$(tool_cmd "$server_impl" router-srv "$endpoint" "$CLIENTS" "$REQUESTS")"
  echo "$server_cmd" >"$log.server.cmd"
  # shellcheck disable=SC2086 # the commands are word lists
  timeout -k 5 "$RUN_TIMEOUT" $server_cmd >"$log.server.out" 2>"$log.server.err" &
  spid=$!
  running=("$spid")
  local waited=0
  while ! listening "$port"; do
    if ! kill -0 "$spid" 2>/dev/null || [ "$waited" -ge 1500 ]; then
      break
    fi
    sleep 0.02
    waited=$((waited + 1))
  done
  if ! kill -0 "$spid" 2>/dev/null; then
    wait "$spid"
    src=$?
    running=()
    server_out=""
    client_outs=""
    echo "   FAILED: $name (server exited with $src before the clients started); see $log.server.err" >&2
    return 1
  fi

  # The clients, CLIENTS split as evenly as possible over $procs processes, started together; the
  # active ones go to the first processes.
  local cpids=() overflows_before active_left=$ACTIVE a
  overflows_before="$(listen_overflows)"
  overflows=
  each=$((CLIENTS / procs))
  rest=$((CLIENTS % procs))
  for i in $(seq 1 "$procs"); do
    n=$each
    [ "$i" -le "$rest" ] && n=$((n + 1))
    a=$((active_left < n ? active_left : n))
    active_left=$((active_left - a))
    local client_cmd
    client_cmd="$(tool_cmd "$client_impl" dealer-clients "$endpoint" "$n" "$SIZE" "$REQUESTS" "$WINDOW" "$a")"
    echo "$client_cmd" >"$log.client$i.cmd"
    # shellcheck disable=SC2086
    timeout -k 5 "$RUN_TIMEOUT" $client_cmd >"$log.client$i.out" 2>"$log.client$i.err" &
    cpids+=("$!")
    running+=("$!")
  done
  for i in "${!cpids[@]}"; do
    wait "${cpids[$i]}"
    crc=$?
    if [ "$crc" -ne 0 ]; then
      failed=1
      echo "   client process $((i + 1)) exited with $crc (124 = timed out); see $log.client$((i + 1)).err" >&2
    fi
  done
  local overflows_after
  overflows_after="$(listen_overflows)"
  if [ -n "$overflows_before" ] && [ -n "$overflows_after" ]; then
    overflows=$((overflows_after - overflows_before))
  fi
  if [ "$failed" -ne 0 ]; then
    # Without all its clients the server would wait until RUN_TIMEOUT.
    kill -TERM "$spid" 2>/dev/null
  fi
  wait "$spid"
  src=$?
  running=()
  server_out="$(cat "$log.server.out")"
  client_outs="$(cat "$log".client*.out)"
  if [ "$src" -ne 0 ] || [ "$failed" -ne 0 ]; then
    echo "   FAILED: $name (server exit $src; 124 = timed out); see $log.*" >&2
    return 1
  fi
  return 0
}

# Over the client processes' outputs: max|mean|mean3 (three decimals)|sum of the values after "label: ".
aggregate() {
  local how="$1" label="$2"
  awk -v label="$label: " -v how="$how" '
    index($0, label) == 1 { split(substr($0, length(label) + 1), w, " "); v = w[1] + 0; n++; s += v; if (n == 1 || v > m) m = v }
    END { if (n == 0) exit; if (how == "max") print m; else if (how == "sum") print s; else if (how == "mean3") printf "%.3f\n", s / n; else printf "%.0f\n", s / n }' <<<"$client_outs"
}

# ---- the benchmark ----

benchmark() {
  mkdir -p "$(dirname "$OUT")" "$(dirname "$CSV")" "$LOG_DIR"
  echo "pair,server,clients_impl,round,clients,active,client_procs,requests,size,window,connect_ms,first_connect_ms,server_rss_b,server_heap_b,client_rss_b,client_heap_b,roundtrips_per_s,server_cpu_us,client_cpu_us,server_threads,server_files,client_threads,client_files,listen_overflows,status" >"$CSV"
  local round pair server_impl client_impl name status failures=0
  echo "== $CLIENTS DEALERs ($ACTIVE active), $REQUESTS round trips each ($SIZE B, window $WINDOW): $REPEATS interleaved rounds of $PAIRS"
  for round in $(seq 1 "$REPEATS"); do
    for pair in $PAIRS; do
      server_impl="${pair%%:*}"
      client_impl="${pair#*:}"
      name="scale-$server_impl-$client_impl-r$round"
      status=ok
      run_pair "$server_impl" "$client_impl" "$name" || { status=fail; failures=$((failures + 1)); }
      local connect first srss sheap crss cheap rts scpu ccpu sthreads sfiles cthreads cfiles
      connect="$(aggregate max "connect time")"
      first="$(aggregate max "first connect time")"
      crss="$(aggregate mean "rss per connection")"
      cheap="$(aggregate mean "heap per connection")"
      cthreads="$(aggregate max "threads")"
      cfiles="$(aggregate sum "open files")"
      srss="$(value_of "rss per connection" "$server_out")"
      sheap="$(value_of "heap per connection" "$server_out")"
      rts="$(value_of "throughput" "$server_out")"
      scpu="$(value_of "cpu per roundtrip" "$server_out")"
      ccpu="$(aggregate mean3 "cpu per roundtrip")"
      sthreads="$(value_of "threads" "$server_out")"
      sfiles="$(value_of "open files" "$server_out")"
      [ -n "$rts" ] && [ -n "$connect" ] || status=fail
      echo "$pair,$server_impl,$client_impl,$round,$CLIENTS,$ACTIVE,$procs,$REQUESTS,$SIZE,$WINDOW,$connect,$first,$srss,$sheap,$crss,$cheap,$rts,$scpu,$ccpu,$sthreads,$sfiles,$cthreads,$cfiles,$overflows,$status" >>"$CSV"
      printf '   round %d %-14s connect %10s ms (%s listen overflows)  server %8s B/conn  clients %8s B/conn  %9s round trips/s (cpu us/rt: server %s, clients %s)  %s\n' \
        "$round" "$pair" "${connect:--}" "${overflows:-?}" "${srss:--}" "${crss:--}" "${rts:--}" "${scpu:--}" "${ccpu:--}" "$status"
    done
  done
  summarize
  echo
  echo "== table: $OUT"
  echo "== raw results: $CSV"
  [ "$failures" -eq 0 ] || die "$failures run(s) failed; see $LOG_DIR/scale-*"
}

summarize() {
  local java_version libzmq_version commit
  java_version="$(java -version 2>&1 | head -1)"
  libzmq_version="$(pkg-config --modversion libzmq 2>/dev/null || echo unknown)"
  commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  "$py" - "$CSV" "$OUT" "$REPEATS" "$java_version" "$libzmq_version" "$commit" "$(nproc)" "$(uname -sr)" \
    "$JAVA_OPTS" "$open_files" <<'PYTHON'
import csv, statistics, sys, datetime

csv_path, out_path, repeats, java, libzmq, commit, cpus, kernel, java_opts, open_files = sys.argv[1:11]
rows = list(csv.DictReader(open(csv_path)))
names = {"zmq4j": "zmq4j", "libzmq": "libzmq"}

def values(pair, column):
    return [float(r[column]) for r in rows if r["pair"] == pair and r["status"] == "ok" and r[column]]

def fmt(v, column):
    return f"{v:,.1f}" if column.endswith("_ms") or column.endswith("_us") else f"{v:,.0f}"

def cell(vs, column):
    if not vs:
        return "n/a"
    if len(vs) == 1 or min(vs) == max(vs):
        return fmt(statistics.median(vs), column)
    return f"{fmt(statistics.median(vs), column)} ({fmt(min(vs), column)}–{fmt(max(vs), column)})"

def last(pair, column):
    vs = [r[column] for r in rows if r["pair"] == pair and r["status"] == "ok" and r[column]]
    return f"{int(float(vs[-1])):,}" if vs else "n/a"

pairs = []
for r in rows:
    if r["pair"] not in pairs:
        pairs.append(r["pair"])
first = rows[0]
procs = first["client_procs"]

lines = []
lines.append(f"# One ROUTER, {int(first['clients']):,} tcp DEALERs"
             + (f" ({int(first['active']):,} active)" if first["active"] != first["clients"] else "") + ": zmq4j vs libzmq")
lines.append("")
lines.append(f"Generated by `bench/scale.sh` on {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}, "
             f"commit {commit}; {cpus} CPUs, {kernel}; {java}; libzmq {libzmq}"
             + (f"; JAVA_OPTS `{java_opts}`" if java_opts else "") + ".")
lines.append("")
active = int(first["active"])
clients = int(first["clients"])
who = "each" if active == clients else f"{active:,} of them (the others stay connected and idle)"
verb = "sends" if active == clients else "send"
lines.append(f"{clients:,} DEALERs on 127.0.0.1 connect to one ROUTER; each sends a hello, then {who} {verb} "
             f"{int(first['requests']):,} requests of {first['size']} B with {first['window']} in flight, each echoed. "
             f"Clients in {procs} process(es) (open-file limit {open_files} per process), one context each; "
             "a pair is server ← clients. "
             f"{repeats} interleaved rounds; cells: median (min–max). Connect time: from the first socket until every "
             "hello is answered (slowest client process); the first DEALER connects alone, and first connect is its "
             "hello's round trip (cold processes: start-up costs show here). Listen overflows: connections the kernel "
             "dropped during the run because the server's accept queue (backlog 1024) was full; each costs the client "
             "a SYN retransmission (1 s, then 2 s, 4 s ...), so they dominate the connect time when there are any. "
             "Memory per connection: "
             "(after all connected − before) / connections; RSS from /proc/self/status, heap = JVM heap used after "
             "a full GC, or malloc's bytes in use (mallinfo2) for libzmq. Round trips/s: counted by the server, "
             "from the go to the last reply; CPU / round trip: the process's CPU time (all threads) over that phase "
             "divided by its round trips, in µs, which depends less than the rate on what else runs on the machine.")
lines.append("")
lines.append("| server ← clients | connect time, ms | first connect, ms | listen overflows | server RSS / conn, B "
             "| server heap / conn, B | client RSS / conn, B | client heap / conn, B | round trips/s "
             "| server CPU / round trip, µs | client CPU / round trip, µs |")
lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for p in pairs:
    s, c = p.split(":")
    cols = ["connect_ms", "first_connect_ms", "listen_overflows", "server_rss_b", "server_heap_b", "client_rss_b", "client_heap_b",
            "roundtrips_per_s", "server_cpu_us", "client_cpu_us"]
    lines.append(f"| {names[s]} ← {names[c]} | " + " | ".join(cell(values(p, col), col) for col in cols) + " |")
lines.append("")
lines.append("Threads and open files with every client connected (last run):")
lines.append("")
lines.append("| server ← clients | server threads | server open files | client threads (per process) | client open files (all processes) |")
lines.append("|---|---:|---:|---:|---:|")
for p in pairs:
    s, c = p.split(":")
    lines.append(f"| {names[s]} ← {names[c]} | {last(p, 'server_threads')} | {last(p, 'server_files')} "
                 f"| {last(p, 'client_threads')} | {last(p, 'client_files')} |")
failed = [r for r in rows if r["status"] != "ok"]
lines.append("")
if failed:
    lines.append(f"**{len(failed)} run(s) failed** and are left out: "
                 + ", ".join(f"{r['pair']} round {r['round']}" for r in failed) + ".")
else:
    lines.append(f"All {len(rows)} runs completed.")
text = "\n".join(lines) + "\n"
open(out_path, "w").write(text)
print()
print(text, end="")
PYTHON
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") check_limits; build; benchmark ;;
  *) usage >&2; exit 2 ;;
esac
