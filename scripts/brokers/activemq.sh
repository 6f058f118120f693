#!/usr/bin/env bash
# ActiveMQ Classic 5.17.2 (Debian package, instance "main") for the conformance suite.
#
#   scripts/brokers/activemq.sh install|start|wait|stop|status
#
# STOMP on 127.0.0.1:61623, OpenWire on 127.0.0.1:61616, no authentication, JMX off.
# Started and stopped with Debian's /etc/init.d/activemq (called directly: no systemd);
# pidfile /var/run/activemq/main.pid. Facts checked on Debian 12 (lib.sh). Run as root.
#
# ACTIVEMQ_FRESH=1 with `start` deletes the instance's KahaDB store first (a fresh broker).
set -euo pipefail

BROKER_NAME=activemq
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STOMP_PORT=61623
OPENWIRE_PORT=61616
INSTANCE=main
AVAILABLE=/etc/activemq/instances-available/$INSTANCE
ENABLED=/etc/activemq/instances-enabled/$INSTANCE
PIDFILE=/var/run/activemq/$INSTANCE.pid
DATA=/var/lib/activemq/$INSTANCE/data
OUT=/var/log/activemq/$INSTANCE.out

broker_pid() { read_pidfile "$PIDFILE"; }
broker_alive() {
  local pid
  pid=$(broker_pid)
  [[ -n $pid ]] && pid_cmdline_has "$pid" "activemq.base=/var/lib/activemq/$INSTANCE"
}

do_install() {
  need_root
  apt_install activemq
  [[ -r /usr/share/activemq/activemq-options ]] || die "/usr/share/activemq/activemq-options missing"

  write_file "$AVAILABLE/activemq.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by stompcheck scripts/brokers/activemq.sh: loopback only, JMX off. -->
<beans
  xmlns="http://www.springframework.org/schema/beans"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans-2.0.xsd
  http://activemq.apache.org/schema/core http://activemq.apache.org/schema/core/activemq-core.xsd">

    <bean class="org.springframework.beans.factory.config.PropertyPlaceholderConfigurer"/>

    <broker xmlns="http://activemq.apache.org/schema/core"
            useJmx="false"
            brokerName="localhost"
            dataDirectory="\${activemq.base}/data">
        <persistenceAdapter>
            <kahaDB directory="\${activemq.base}/data/kahadb"/>
        </persistenceAdapter>
        <transportConnectors>
            <transportConnector name="openwire" uri="tcp://127.0.0.1:$OPENWIRE_PORT"/>
            <transportConnector name="stomp" uri="stomp://127.0.0.1:$STOMP_PORT"/>
        </transportConnectors>
    </broker>
</beans>
EOF

  # The instance options file REPLACES the package's activemq-options (Debian 12's 5.17.2):
  # a full copy plus the overrides.
  {
    printf '# Written by stompcheck scripts/brokers/activemq.sh: a full copy of\n'
    printf '# /usr/share/activemq/activemq-options (this file replaces it) plus overrides.\n'
    cat /usr/share/activemq/activemq-options
    printf '\n# --- overrides ---\n'
    printf 'STARTTIME=0\n'
    printf 'ACTIVEMQ_OUT="%s"\n' "$OUT"
  } | write_file "$AVAILABLE/options"

  # The broker logs through log4j 1.2 and ignores Debian's log4j2 file.
  write_file "$AVAILABLE/log4j.properties" <<'EOF'
# Written by stompcheck scripts/brokers/activemq.sh: log to the console (ACTIVEMQ_OUT).
log4j.rootLogger=INFO, console
log4j.logger.org.apache.activemq.spring=WARN
log4j.logger.org.springframework=WARN
log4j.logger.org.apache.xbean=WARN
log4j.appender.console=org.apache.log4j.ConsoleAppender
log4j.appender.console.layout=org.apache.log4j.PatternLayout
log4j.appender.console.layout.ConversionPattern=%d | %-5p | %m | %c | %t%n
EOF

  if [[ $(readlink "$ENABLED" 2>/dev/null) != "../instances-available/$INSTANCE" ]]; then
    ln -sfn "../instances-available/$INSTANCE" "$ENABLED"
    log "enabled instance $INSTANCE ($ENABLED)"
  fi
  mkdir -p /var/log/activemq
  chown activemq /var/log/activemq
  log "installed; start with: $0 start"
}

do_start() {
  need_root
  [[ -x /etc/init.d/activemq ]] || die "not installed; run: $0 install"
  [[ -e $ENABLED/activemq.xml ]] || die "instance $INSTANCE not enabled; run: $0 install"
  if broker_alive; then
    log "already running (pid $(broker_pid))"
    return 0
  fi
  rm -f "$PIDFILE"
  if [[ ${ACTIVEMQ_FRESH:-0} == 1 && -d $DATA ]]; then
    log "ACTIVEMQ_FRESH=1: deleting $DATA"
    rm -rf "$DATA"
  fi
  log "starting via /etc/init.d/activemq start (STOMP 127.0.0.1:$STOMP_PORT)"
  # With STARTTIME=0 the init script looks for the JVM before start-stop-daemon's background
  # child has written the pidfile, and prints "(failed?)" for a broker that comes up: its
  # output is kept and shown only when the start did fail; the pidfile check below says.
  local out
  if ! out=$(/etc/init.d/activemq start 2>&1); then
    printf '%s\n' "$out" >&2
    die "/etc/init.d/activemq start failed"
  fi
  for _ in $(seq 50); do broker_alive && break; sleep 0.1; done
  if ! broker_alive; then
    printf '%s\n' "$out" >&2
    die "no live broker in $PIDFILE 5 s after start; see $OUT"
  fi
  log "started (pid $(broker_pid)); log: $OUT; wait with: $0 wait"
}

do_wait() {
  wait_stomp "$STOMP_PORT" broker_alive
}

do_stop() {
  need_root
  if ! broker_alive; then
    log "not running"
    rm -f "$PIDFILE"
    return 0
  fi
  local pid
  pid=$(broker_pid)
  log "stopping pid $pid via /etc/init.d/activemq stop"
  # (Debian's init script prints a stray "basename: missing operand" once the JVM is gone.)
  /etc/init.d/activemq stop 2> >(grep -v -e '^basename: missing operand' -e "^Try 'basename --help'" >&2) ||
    warn "/etc/init.d/activemq stop returned non-zero"
  for _ in $(seq 100); do pid_alive "$pid" || break; sleep 0.1; done
  if pid_alive "$pid" && pid_cmdline_has "$pid" "activemq.base=/var/lib/activemq/$INSTANCE"; then
    log "still running: sending TERM to pid $pid (from $PIDFILE)"
    kill -TERM "$pid"
    for _ in $(seq 100); do pid_alive "$pid" || break; sleep 0.1; done
  fi
  pid_alive "$pid" && die "still running (pid $pid)"
  rm -f "$PIDFILE"
  log "stopped"
}

do_status() {
  local pid=''
  if broker_alive; then pid=$(broker_pid); fi
  print_status "$pid" activemq
}

dispatch "$@"
