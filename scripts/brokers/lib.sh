# shellcheck shell=bash
# Shared helpers for scripts/brokers/*.sh (sourced, not run).
#
# The facts each script relies on (package, configuration files, ports, how it starts and
# stops) were checked on Debian 12 machines of this project's kind: no systemd, run as root,
# loopback only; README.md, "Real brokers on this machine", says how to use them. Every
# broker listens on 127.0.0.1 only and is stopped by its pidfile or its own control command,
# never by name.

BROKER_NAME=${BROKER_NAME:-broker}
# Health-check deadline and poll interval: poll every 0.2 s, give up after 60 s.
WAIT_SECONDS=${WAIT_SECONDS:-60}
WAIT_INTERVAL=${WAIT_INTERVAL:-0.2}

log() { printf '%s: %s\n' "$BROKER_NAME" "$*"; }
warn() { printf '%s: warning: %s\n' "$BROKER_NAME" "$*" >&2; }
die() {
  printf '%s: error: %s\n' "$BROKER_NAME" "$*" >&2
  exit 1
}

need_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (apt-get, /etc, service users)"
}

# apt_install PACKAGE: install it unless dpkg already has it.
apt_install() {
  local pkg=$1
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    log "package $pkg already installed ($(dpkg-query -W -f='${Version}' "$pkg"))"
    return 0
  fi
  log "installing $pkg"
  if ! apt-get install -y --no-install-recommends "$pkg"; then
    log "apt-get install failed; running apt-get update once and retrying"
    apt-get update
    apt-get install -y --no-install-recommends "$pkg"
  fi
}

# write_file PATH [MODE]: write stdin to PATH only if the content differs (idempotent).
write_file() {
  local path=$1 mode=${2:-0644} tmp
  tmp=$(mktemp)
  cat >"$tmp"
  if [[ -f $path ]] && cmp -s "$tmp" "$path"; then
    rm -f "$tmp"
    log "unchanged $path"
    return 0
  fi
  install -D -m "$mode" "$tmp" "$path"
  rm -f "$tmp"
  log "wrote $path"
}

# pid_alive PID: the process exists (and is not a zombie).
pid_alive() {
  local pid=$1 state
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/stat ]] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $state != Z ]]
}

# pid_cmdline_has PID TEXT: the process's command line contains TEXT (guards against a
# stale pidfile naming a recycled pid).
pid_cmdline_has() {
  local pid=$1 text=$2
  pid_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$text"
}

# read_pidfile FILE: print the pid in FILE, or nothing.
read_pidfile() {
  local f=$1 pid=
  if [[ -r $f ]]; then read -r pid <"$f" || true; fi
  [[ $pid =~ ^[0-9]+$ ]] && printf '%s\n' "$pid"
  return 0
}

# stomp_probe PORT [HEADER...]: one real STOMP handshake on 127.0.0.1:PORT. Sends CONNECT
# (accept-version 1.0,1.1,1.2 plus the given "name:value" headers), succeeds only if the
# first frame back is CONNECTED, then sends DISCONNECT. Bounded by `timeout 5`.
stomp_probe() {
  local port=$1
  shift
  local headers='accept-version:1.0,1.1,1.2\n' h
  for h in "$@"; do headers+="$h\\n"; done
  # shellcheck disable=SC2016 # the script is expanded by the inner bash
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "CONNECT\n${2}\n\0" >&3
    line=
    IFS= read -r -t 3 line <&3 || true
    printf "DISCONNECT\n\n\0" >&3 2>/dev/null || true
    exec 3>&- 3<&-
    [[ ${line%$'"'"'\r'"'"'} == CONNECTED ]]
  ' _ "$port" "$headers" 2>/dev/null
}

# wait_stomp PORT ALIVE_FN [HEADER...]: poll stomp_probe every WAIT_INTERVAL s until it
# succeeds or WAIT_SECONDS pass. ALIVE_FN (a function name, or "true") is called each round;
# if it fails the broker process is gone and waiting is pointless.
wait_stomp() {
  local port=$1 alive=$2
  shift 2
  local start now
  start=$(date +%s.%N)
  while :; do
    if stomp_probe "$port" "$@"; then
      now=$(date +%s.%N)
      log "STOMP CONNECT -> CONNECTED on 127.0.0.1:$port after $(awk -v a="$start" -v b="$now" 'BEGIN{printf "%.1f", b-a}') s"
      return 0
    fi
    if ! "$alive"; then
      printf '%s: error: the broker process is not running (no CONNECTED on 127.0.0.1:%s)\n' \
        "$BROKER_NAME" "$port" >&2
      return 1
    fi
    now=$(date +%s.%N)
    if awk -v a="$start" -v b="$now" -v w="$WAIT_SECONDS" 'BEGIN{exit !(b-a >= w)}'; then
      printf '%s: error: no STOMP CONNECTED on 127.0.0.1:%s within %s s\n' \
        "$BROKER_NAME" "$port" "$WAIT_SECONDS" >&2
      return 1
    fi
    sleep "$WAIT_INTERVAL"
  done
}

usage() {
  printf 'usage: %s install|start|wait|stop|status\n' "$0" >&2
  exit 64
}

# print_status PID PACKAGE [HEADER...]: the status verb of every broker. PID is empty when the
# broker is not running (then "stopped", exit 3); otherwise says whether STOMP answers.
print_status() {
  local pid=$1 package=$2 version answer='not answering'
  shift 2
  if [[ -z $pid ]]; then
    log "stopped"
    return 3
  fi
  version=$(dpkg-query -W -f='${Version}' "$package" 2>/dev/null || echo '?')
  stomp_probe "$STOMP_PORT" "$@" && answer='answers CONNECTED'
  log "running (pid $pid, $package $version), STOMP 127.0.0.1:$STOMP_PORT $answer"
}

# dispatch VERB: runs the script's do_VERB.
dispatch() {
  case ${1:-} in
  install) do_install ;;
  start) do_start ;;
  wait) do_wait ;;
  stop) do_stop ;;
  status) do_status ;;
  *) usage ;;
  esac
}
