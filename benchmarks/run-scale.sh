#!/usr/bin/env bash
# Connection-scale run, by hand (not by .ci/run):
#
#   benchmarks/run-scale.sh
#
# Raises the open-file limit (to 65536, or to the hard limit when that is lower; fails with a message when the
# limit stays below what the run needs), builds the jars, then for each server:
#   - the sample application (cyclone API) with --server.tomcat.max-connections=20000 and accept-count=1024:
#     baseline, then +5,000 idle RFC 6455 connections, then +5,000 idle Hixie-76 connections;
#   - the plain Spring TextWebSocketHandler echo (SpringEchoApplication, Tomcat's WebSocket defaults: 8 KiB
#     message buffers), same connector settings: baseline, then +5,000 idle RFC 6455 connections.
# ScaleTool opens the connections in batches of 500 on two Netty event loop threads and checks one echo on each.
# Before the baseline, 500 connections per protocol are opened at once, used and closed, so that neither one-time
# initialisation nor the growth of Tomcat's worker pool under that burst of handshakes (to its 200 threads) is
# counted per connection. After each step the script forces a full GC in the server (jcmd <pid> GC.run) and reads
# the server JVM's own figures from Actuator: jvm.memory.used (area:heap) and jvm.threads.live. Prints a Markdown
# table and writes it to benchmarks/target/scale-report.md. Servers run with -Xmx1g. About three minutes.
#
# Environment: CONNECTIONS (10000: half RFC 6455, half Hixie-76), SKIP_BUILD=1 to use the jars already built.
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"

CONNECTIONS="${CONNECTIONS:-10000}"
HALF=$((CONNECTIONS / 2))
PREFIX="You said: "
CONNECTOR=(--server.tomcat.max-connections=20000 --server.tomcat.accept-count=1024)

# Each of the two JVMs (server, client) holds one descriptor per connection, plus jars, selectors and logs.
NEEDED=$((CONNECTIONS + 2048))
LIMIT_NOTE=""
if ! ulimit -n 65536 2>/dev/null; then
  LIMIT_NOTE=" (65536 refused: hard limit $(ulimit -Hn))"
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$NEEDED" ]; then
  echo "!! The open-file limit is $(ulimit -n) (hard limit $(ulimit -Hn)) but $CONNECTIONS connections need" \
    "$NEEDED per process. Raise the hard limit (ulimit -Hn with CAP_SYS_RESOURCE, /etc/security/limits.conf, or" \
    "docker run --ulimit nofile=65536) or run with a smaller CONNECTIONS." >&2
  exit 1
fi
MACHINE="$(machine_line)"
echo "== Open-file limit: $(ulimit -n)$LIMIT_NOTE" >&2

build_jars
ROWS=()
FAILED=0

# metric NAME [TAG]: one value from the server's Actuator metrics endpoint.
metric() {
  curl -sf --max-time 10 "http://127.0.0.1:$SERVER_PORT/actuator/metrics/$1${2:+?tag=$2}" \
    | jq -r '.measurements[] | select(.statistic == "VALUE") | .value'
}

# record SERVER STEP ADDED: forces a full GC in the server, reads heap and threads, and adds a table row.
PREVIOUS_HEAP=0
record() {
  local threads heap connections per
  jcmd "$SERVER_PID" GC.run >/dev/null
  heap="$(metric jvm.memory.used area:heap)"
  threads="$(metric jvm.threads.live)"
  connections="$(metric websocket.connections 2>/dev/null || echo n/a)"
  if [ "$3" -gt 0 ]; then
    per="$(awk -v h="$heap" -v p="$PREVIOUS_HEAP" -v n="$3" 'BEGIN {printf "%.1f", (h - p) / n / 1024}')"
  else
    per="-"
  fi
  PREVIOUS_HEAP="$heap"
  ROWS+=("| $1 | $2 | ${connections:-n/a} | $(awk -v h="$heap" 'BEGIN {printf "%.1f", h / 1048576}') | $per \
| $(printf '%.0f' "$threads") |")
  echo "== $1, $2: heap $heap bytes, $threads live threads, websocket.connections ${connections:-n/a}" >&2
}

# scale SERVER STEP... : warms the server up, records the baseline, then runs ScaleTool's steps with a row each.
scale() {
  local server="$1" line protocol count open lost pid from to
  shift
  local warmup=()
  for step in "$@"; do
    warmup+=("${step%%:*}:500")
  done
  if ! timeout 120 java -Xmx256m -cp "$TOOLS_JAR" dev.cyclone.websocket.benchmarks.ScaleTool \
      "ws://127.0.0.1:$SERVER_PORT/websocket" "$PREFIX" "${warmup[@]}" </dev/null >/dev/null; then
    echo "!! the warm-up connections failed" >&2
    FAILED=1
  fi
  PREVIOUS_HEAP=0
  record "$server" baseline 0
  coproc SCALE { timeout 600 java -Xmx1g -cp "$TOOLS_JAR" dev.cyclone.websocket.benchmarks.ScaleTool \
    "ws://127.0.0.1:$SERVER_PORT/websocket" "$PREFIX" "$@"; }
  pid=$SCALE_PID
  exec {from}<&"${SCALE[0]}" {to}>&"${SCALE[1]}"
  while read -r -u "$from" line; do
    echo "== ScaleTool: $line" >&2
    case "$line" in
      READY*)
        read -r _ protocol count open lost <<<"$line"
        record "$server" "+$count $protocol (${open/=/ }, ${lost/=/ })" "$count"
        if [ "$lost" != lost=0 ]; then
          FAILED=1
        fi
        echo next >&"$to"
        ;;
      DONE) ;;
      *) FAILED=1 ;;
    esac
  done
  exec {from}<&- {to}>&-
  wait "$pid" || FAILED=1
}

start_server cyclone-sample-scale java -Xmx1g -jar "$SAMPLE_JAR" --server.port='{port}' --server.address=127.0.0.1 \
  "${CONNECTOR[@]}"
scale "cyclone API (sample app)" "rfc6455:$HALF" "hixie-76:$HALF"
stop_server

start_server spring-echo-scale java -Xmx1g -jar "$SPRING_ECHO_JAR" --server.port='{port}' "${CONNECTOR[@]}"
scale "plain Spring TextWebSocketHandler" "rfc6455:$HALF"
stop_server

REPORT="$TARGET/scale-report.md"
{
  echo "### Idle connections: server heap and threads"
  echo
  echo "Each step opens idle connections (one checked echo each) and keeps all earlier ones open; figures are the \
server JVM's own (Actuator jvm.memory.used area:heap right after jcmd GC.run, jvm.threads.live), -Xmx1g, \
max-connections 20000, default 64 KiB cyclone message limit, Tomcat's WebSocket defaults for plain Spring. Before \
each baseline 500 connections per protocol were opened at once and closed, which grows Tomcat's worker pool to its \
200 threads."
  echo
  echo "| Server | Step | websocket.connections | Heap used (MiB) | Heap per added connection (KiB) | Live threads |"
  echo "|---|---|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Machine: $MACHINE; open-file limit $(ulimit -n)$LIMIT_NOTE. Software: $(software_line)."
  echo
  echo "Command: \`CONNECTIONS=$CONNECTIONS benchmarks/run-scale.sh\`"
} >"$REPORT"

echo
cat "$REPORT"
echo
echo "Report written to $REPORT"
exit "$FAILED"
