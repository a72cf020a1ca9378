# Shared by bench/compare.sh and bench/scale.sh (sourced, not run): usage from the calling script's
# header, failing, the bookkeeping of the tool processes now running, and free ports.
# Needs: py (a python3) set by the caller.

# The calling script's name, for messages.
bench_name="$(basename "$0")"

usage() {
  sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

die() {
  echo "$bench_name: $*" >&2
  exit 1
}

# ---- process bookkeeping ----
# The `timeout` processes of the run in progress (and only those: the caller empties the list once
# it has waited for them, so a recycled pid is never signalled). Killing `timeout` with TERM makes
# it pass the signal on to the tool it runs.

running=()

cleanup() {
  local pid
  for pid in "${running[@]}"; do
    kill -TERM "$pid" 2>/dev/null
  done
  for pid in "${running[@]}"; do
    wait "$pid" 2>/dev/null
  done
  running=()
}
trap cleanup EXIT
trap 'echo "$bench_name: interrupted" >&2; exit 130' INT TERM

# ---- ports ----

free_port() {
  "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Whether something listens on 127.0.0.1:port (ss, or /proc/net/tcp without it).
listening() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]
  else
    local hex
    hex="$(printf ':%04X' "$port")"
    awk -v p="$hex" '$2 ~ p"$" && $4 == "0A" { found = 1 } END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
  fi
}
