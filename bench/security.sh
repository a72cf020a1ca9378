# The security rows of bench/compare.sh (sourced by it, not run; its header documents the
# environment): CURVE throughput and latency over tcp, and the handshake rate over CURVE and NULL,
# for the implementations whose perf tools take the security options (zmq4j's and zperf's:
# --curve-server, --curve-secret-key, --curve-public-key, --curve-server-key, --plain-*).
# Needs from compare.sh: py, IMPLS, run_pair (with pair_local_opts/pair_remote_opts), record_run,
# check_lines, THR_SMALL_SIZE, THR_HUGE_SIZE, LAT_SIZE, CROSS_COUNT, and a `failures` counter in
# the calling function.

SECURITY="${SECURITY:-1}"
SEC_REPEATS="${SEC_REPEATS:-3}"
# Read by the summary (compare.sh's python).
export SEC_REPEATS
SEC_THR_SMALL_COUNT="${SEC_THR_SMALL_COUNT:-5000000}"
SEC_THR_HUGE_COUNT="${SEC_THR_HUGE_COUNT:-10000}"
SEC_LAT_ROUNDTRIPS="${SEC_LAT_ROUNDTRIPS:-100000}"
HS_COUNT="${HS_COUNT:-3000}"
HS_CROSS_COUNT="${HS_CROSS_COUNT:-200}"
# The request (and reply) size of the handshake tools, fixed by them.
hs_size=16
# The PLAIN user of the --cross pairings (the server's ZAP handler accepts only it).
plain_user=perf
plain_password=perf-password

# The CURVE key pairs of this run, in Z85; set by curve_keys.
sec_server_public=""
sec_server_secret=""
sec_client_public=""
sec_client_secret=""

# Makes the run's two key pairs with libzmq (pyzmq); 1 without python3-zmq.
curve_keys() {
  [ -n "$sec_server_secret" ] && return 0
  local keys
  keys="$("$py" -c 'import zmq; print(*(k.decode() for k in zmq.curve_keypair() + zmq.curve_keypair()))')" || {
    echo "$bench_name: the security rows need CURVE keys from python3-zmq (apt-get install python3-zmq)" >&2
    return 1
  }
  read -r sec_server_public sec_server_secret sec_client_public sec_client_secret <<<"$keys"
}

# security_opts mechanism (curve|plain|null) side (server|client) → that side's tool options.
security_opts() {
  case "$1 $2" in
    "curve server") echo "--curve-server --curve-secret-key $sec_server_secret" ;;
    "curve client") echo "--curve-public-key $sec_client_public --curve-secret-key $sec_client_secret --curve-server-key $sec_server_public" ;;
    "plain server") echo "--plain-server --plain-user $plain_user --plain-password $plain_password" ;;
    "plain client") echo "--plain-user $plain_user --plain-password $plain_password" ;;
    *) echo "" ;;
  esac
}

# The implementations of IMPLS whose tools take the security options, space-separated.
security_impls() {
  local impl out=""
  for impl in "${IMPLS[@]}"; do
    case "$impl" in
      zmq4j | zmq4j-base | libzmq) out="$out $impl" ;;
    esac
  done
  echo "${out# }"
}

# run_secure_pair mechanism, then run_pair's arguments: the local side is the server.
run_secure_pair() {
  local mechanism="$1" rc
  shift
  pair_local_opts="$(security_opts "$mechanism" server)"
  pair_remote_opts="$(security_opts "$mechanism" client)"
  run_pair "$@"
  rc=$?
  pair_local_opts=""
  pair_remote_opts=""
  return "$rc"
}

# The security rows, interleaved like the others; counts their failures into benchmark's.
security_rows() {
  [ "$SECURITY" = 1 ] || return 0
  local impls
  impls="$(security_impls)"
  if [ -z "$impls" ]; then
    echo "== security rows skipped: none of ${IMPLS[*]} takes the security options"
    return 0
  fi
  curve_keys || { failures=$((failures + 1)); return 0; }
  # A row: CSV test column, tool (thr|lat|hs), size, count, mechanism.
  local rows=("sec-curve-thr thr $THR_SMALL_SIZE $SEC_THR_SMALL_COUNT curve"
              "sec-curve-thr thr $THR_HUGE_SIZE $SEC_THR_HUGE_COUNT curve"
              "sec-curve-lat lat $LAT_SIZE $SEC_LAT_ROUNDTRIPS curve"
              "hs-curve hs $hs_size $HS_COUNT curve"
              "hs-null hs $hs_size $HS_COUNT null")
  local row test tool size count mechanism round impl name status
  for row in "${rows[@]}"; do
    read -r test tool size count mechanism <<<"$row"
    echo "== $test, $size B, count $count: $SEC_REPEATS interleaved rounds of $impls"
    for round in $(seq 1 "$SEC_REPEATS"); do
      for impl in $impls; do
        name="$test-$size-$impl-r$round"
        status=ok
        run_secure_pair "$mechanism" "$impl" "$impl" "$tool" "$size" "$count" "$name" tcp ||
          { status=fail; failures=$((failures + 1)); }
        record_run "$tool" "$test" "$size" "$count" "$impl" "$round" "$status"
      done
    done
  done
}

# --cross: zmq4j paired with libzmq over CURVE and PLAIN, each side the server in turn; counts
# failures into cross's and sets cross_security_pairs to the number of pairings run.
cross_security_pairs=0
cross_security() {
  curve_keys || { failures=$((failures + 1)); return 0; }
  local pairs=("zmq4j libzmq thr 64 $CROSS_COUNT curve" "libzmq zmq4j thr 64 $CROSS_COUNT curve"
               "zmq4j libzmq hs $hs_size $HS_CROSS_COUNT curve" "libzmq zmq4j hs $hs_size $HS_CROSS_COUNT curve"
               "zmq4j libzmq hs $hs_size $HS_CROSS_COUNT plain" "libzmq zmq4j hs $hs_size $HS_CROSS_COUNT plain")
  local p local_impl remote_impl kind size count mechanism name
  cross_security_pairs="${#pairs[@]}"
  for p in "${pairs[@]}"; do
    read -r local_impl remote_impl kind size count mechanism <<<"$p"
    echo "== $mechanism: $kind server on $local_impl  <-  client from $remote_impl, count $count"
    name="cross-$mechanism-$kind-$local_impl-$remote_impl"
    if run_secure_pair "$mechanism" "$local_impl" "$remote_impl" "$kind" "$size" "$count" "$name" tcp &&
      check_lines "$kind" "$pair_out"; then
      sed 's/^/   /' <<<"$pair_out"
      echo "   PASS"
    else
      sed 's/^/   /' <<<"$pair_out"
      echo "   FAIL"
      failures=$((failures + 1))
    fi
  done
}
