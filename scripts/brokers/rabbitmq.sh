#!/usr/bin/env bash
# RabbitMQ 3.10.8 + rabbitmq_stomp for the conformance suite, on 127.0.0.1 only.
#
#   scripts/brokers/rabbitmq.sh install|start|wait|stop|status
#
# STOMP on 127.0.0.1:61613 (guest/guest, vhost "/"); AMQP 127.0.0.1:5672, Erlang
# distribution 127.0.0.1:25672, epmd 127.0.0.1:4369. No systemd: the node runs detached and
# is stopped with `rabbitmqctl shutdown` (its own control command), then `epmd -kill`.
# Facts checked on Debian 12 (lib.sh). Run as root.
set -euo pipefail

BROKER_NAME=rabbitmq
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STOMP_PORT=61613
ENV_CONF=/etc/rabbitmq/rabbitmq-env.conf
CONF=/etc/rabbitmq/rabbitmq.conf
PIDFILE=/var/lib/rabbitmq/mnesia/rabbit@localhost.pid
LOG=/var/log/rabbitmq/rabbit@localhost.log
PROBE_HEADERS=(login:guest passcode:guest host:/)
PIDFILE_SECONDS=${PIDFILE_SECONDS:-30} # how long start waits for the node's pidfile

export ERL_EPMD_ADDRESS=127.0.0.1

node_pid() { read_pidfile "$PIDFILE"; }
node_alive() {
  local pid
  pid=$(node_pid)
  [[ -n $pid ]] && pid_cmdline_has "$pid" beam
}

do_install() {
  need_root
  apt_install rabbitmq-server
  write_file "$ENV_CONF" <<'EOF'
# Written by stompcheck scripts/brokers/rabbitmq.sh: loopback only, fixed node name.
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=5672
DIST_PORT=25672
PID_FILE=/var/lib/rabbitmq/mnesia/rabbit@localhost.pid
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export ERL_EPMD_ADDRESS=127.0.0.1
EOF
  write_file "$CONF" <<EOF
# Written by stompcheck scripts/brokers/rabbitmq.sh: loopback only.
listeners.tcp.default = 127.0.0.1:5672
stomp.listeners.tcp.1 = 127.0.0.1:$STOMP_PORT
stomp.default_user = guest
stomp.default_pass = guest
loopback_users.guest = true
EOF
  chown rabbitmq:rabbitmq "$ENV_CONF" "$CONF"
  rabbitmq-plugins enable --offline rabbitmq_stomp
  log "installed; start with: $0 start"
}

do_start() {
  need_root
  command -v rabbitmq-server >/dev/null || die "not installed; run: $0 install"
  if node_alive; then
    log "already running (pid $(node_pid))"
    return 0
  fi
  [[ -f $CONF ]] || die "$CONF missing; run: $0 install"
  rm -f "$PIDFILE"
  log "starting rabbitmq-server -detached (STOMP 127.0.0.1:$STOMP_PORT)"
  (cd /var/lib/rabbitmq && rabbitmq-server -detached)
  # The node writes its pidfile a second or two after -detached returns (1.4 s measured): start
  # returns once it has, so that `wait` can take a missing or dead pid for a stopped node.
  local waited=0
  until node_alive; do
    ((waited < PIDFILE_SECONDS * 10)) || die "no live node in $PIDFILE after ${PIDFILE_SECONDS} s; see $LOG"
    sleep 0.1
    waited=$((waited + 1))
  done
  log "started (pid $(node_pid)); log: $LOG; wait with: $0 wait"
}

# The pidfile names a live node (start returns only once it does): when it does not, the node
# is stopped or died, and wait fails at once instead of polling for WAIT_SECONDS.
do_wait() {
  wait_stomp "$STOMP_PORT" node_alive "${PROBE_HEADERS[@]}"
}

do_stop() {
  need_root
  if ! node_alive && ! epmd -names 2>/dev/null | grep -q '^name rabbit '; then
    log "not running"
    epmd -kill >/dev/null 2>&1 || true
    return 0
  fi
  log "rabbitmqctl shutdown"
  if ! rabbitmqctl -n rabbit@localhost shutdown; then
    warn "rabbitmqctl shutdown failed"
    local pid
    pid=$(node_pid)
    if [[ -n $pid ]] && pid_cmdline_has "$pid" beam; then
      log "sending TERM to pid $pid from $PIDFILE"
      kill -TERM "$pid"
      for _ in $(seq 100); do pid_alive "$pid" || break; sleep 0.1; done
    fi
  fi
  epmd -kill >/dev/null 2>&1 || true
  if node_alive; then die "still running (pid $(node_pid))"; fi
  log "stopped"
}

do_status() {
  local pid=''
  if node_alive; then pid=$(node_pid); fi
  print_status "$pid" rabbitmq-server "${PROBE_HEADERS[@]}"
}

dispatch "$@"
