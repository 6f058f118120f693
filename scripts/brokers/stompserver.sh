#!/usr/bin/env bash
# stompserver 0.9.9 (Ruby, STOMP 1.0 only, no authentication) for the conformance suite.
#
#   scripts/brokers/stompserver.sh install|start|wait|stop|status
#
# STOMP on 127.0.0.1:61633, in-memory queues. The packaged /usr/bin/stompserver dies on the
# first connection under Ruby 3.1 ("class variable access from toplevel"), so `install`
# writes a patched copy and `start` runs that copy in the foreground under nohup; its pid is
# recorded in /var/run/stompserver/stompcheck.pid and `stop` sends it SIGINT (its own
# shutdown handler). Facts checked on Debian 12 (lib.sh). Run as root.
set -euo pipefail

BROKER_NAME=stompserver
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STOMP_PORT=61633
PATCHED=/usr/local/lib/stompcheck-brokers/stompserver
CONF=/etc/stompserver/stompcheck.conf
RUNDIR=/var/run/stompserver
PIDFILE=$RUNDIR/stompcheck.pid       # written by this script ($!)
SERVER_PIDFILE=$RUNDIR/stompserver.pid # written by the server itself (as user stompserver)
OUT=/var/log/stompserver/stompcheck.out

server_pid() { read_pidfile "$PIDFILE"; }
server_alive() {
  local pid
  pid=$(server_pid)
  [[ -n $pid ]] && pid_cmdline_has "$pid" "$PATCHED"
}

do_install() {
  need_root
  apt_install stompserver
  [[ -r /usr/bin/stompserver ]] || die "/usr/bin/stompserver missing"
  # `@@x=stomp.x` at top level (inside instance_eval) -> an explicit class_variable_set.
  sed -E 's/^([[:space:]]*)@@([a-z_]+)[[:space:]]*=[[:space:]]*stomp\.([a-z_]+)[[:space:]]*$/\1StompServer::Protocols::Stomp.class_variable_set(:@@\2, stomp.\3)/' \
    /usr/bin/stompserver | write_file "$PATCHED" 0755
  if grep -qE '^[[:space:]]*@@[a-z_]+[[:space:]]*=' "$PATCHED"; then
    die "patch incomplete: top-level @@ assignments remain in $PATCHED"
  fi
  write_file "$CONF" <<EOF
---
# Written by stompcheck scripts/brokers/stompserver.sh: foreground, loopback only.
:daemon: false
:host: 127.0.0.1
:port: $STOMP_PORT
:working_dir: /var/lib/stompserver
:logdir: /var/log/stompserver
:pidfile: $SERVER_PIDFILE
:storage: /var/lib/stompserver/storage
:etcdir: /etc/stompserver
:queue: memory
:auth: false
:debug: false
:user: stompserver
:group: stompserver
EOF
  mkdir -p "$RUNDIR" /var/lib/stompserver /var/log/stompserver
  chown stompserver:stompserver "$RUNDIR" /var/lib/stompserver /var/log/stompserver
  log "installed; start with: $0 start"
}

do_start() {
  need_root
  [[ -x $PATCHED && -r $CONF ]] || die "not installed; run: $0 install"
  if server_alive; then
    log "already running (pid $(server_pid))"
    return 0
  fi
  # /var/run may be a tmpfs: recreate the run directory every time.
  mkdir -p "$RUNDIR"
  chown stompserver:stompserver "$RUNDIR"
  rm -f "$PIDFILE" "$SERVER_PIDFILE"
  log "starting $PATCHED -C $CONF (STOMP 1.0 on 127.0.0.1:$STOMP_PORT)"
  (
    cd /var/lib/stompserver
    nohup ruby "$PATCHED" -C "$CONF" </dev/null >>"$OUT" 2>&1 &
    echo $! >"$PIDFILE"
  )
  local pid
  pid=$(server_pid)
  [[ -n $pid ]] || die "could not record the pid"
  sleep 0.2
  pid_alive "$pid" || die "exited at once; see $OUT"
  log "started (pid $pid); log: $OUT; wait with: $0 wait"
}

do_wait() {
  wait_stomp "$STOMP_PORT" server_alive
}

do_stop() {
  need_root
  if ! server_alive; then
    log "not running"
    rm -f "$PIDFILE"
    return 0
  fi
  local pid
  pid=$(server_pid)
  log "sending INT to pid $pid (from $PIDFILE)"
  kill -INT "$pid"
  for _ in $(seq 100); do pid_alive "$pid" || break; sleep 0.1; done
  if pid_alive "$pid"; then
    warn "still running after 10 s: sending TERM to pid $pid"
    kill -TERM "$pid"
    for _ in $(seq 50); do pid_alive "$pid" || break; sleep 0.1; done
  fi
  pid_alive "$pid" && die "still running (pid $pid)"
  rm -f "$PIDFILE"
  log "stopped"
}

do_status() {
  local pid=''
  if server_alive; then pid=$(server_pid); fi
  print_status "$pid" stompserver
}

dispatch "$@"
