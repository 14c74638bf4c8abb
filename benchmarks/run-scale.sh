#!/usr/bin/env bash
# Connection-scale run, by hand (not by .ci/run):
#
#   benchmarks/run-scale.sh
#
# Raises the open-file limit (to 65536, or to the hard limit when that is lower; fails with a message when the
# limit stays below what the run needs), builds the jars (the sample application on Tomcat and on Jetty), then runs
# one server at a time and holds CONNECTIONS idle connections on it, half RFC 6455 then half Hixie-76:
#   - the sample application (cyclone API) on Tomcat with the starter's defaults, then again with every handshake
#     carrying a 1 KiB Cookie (the headers are kept for request()), then with the opt-ins for many idle connections
#     (TOMCAT_OPT_INS);
#   - the same application on Jetty, with its defaults and with the 1 KiB Cookie;
#   - the plain Spring TextWebSocketHandler echo (SpringEchoApplication, Tomcat's WebSocket defaults), RFC 6455 only.
# Tomcat runs with server.tomcat.max-connections=21000 and accept-count=1024, and the starter's max-connections at
# 19500 on both containers. ScaleTool opens the connections in batches of 500 on two Netty event loop threads, from
# SOURCES local addresses (127.0.0.1 to 127.0.0.SOURCES, so the client never runs out of ports), and checks one echo
# on each. Before the baseline 500 connections per protocol are opened at once, used and closed, so that neither
# one-time initialisation nor the growth of the container's worker pool under that burst of handshakes is counted
# per connection. After each step the script takes a class histogram of the server (jcmd <pid> GC.class_histogram:
# a full GC, then the live objects), whose total is the heap figure, and reads jvm.threads.live from Actuator.
# Prints a Markdown table and writes it, with each step's largest per-connection growth by class, to
# benchmarks/target/scale-report.md. About eight minutes.
#
# Environment: CONNECTIONS (19000), SOURCES (4), TOMCAT_XMX (700m), JETTY_XMX (400m), SPRING_XMX (1200m),
# TOMCAT_OPT_INS (the opt-in arguments), SKIP_BUILD=1 to use the jars already built.
set -euo pipefail
JETTY=1
source "$(dirname "$0")/bench-lib.sh"

CONNECTIONS="${CONNECTIONS:-19000}"
HALF=$((CONNECTIONS / 2))
SOURCES="${SOURCES:-4}"
TOMCAT_XMX="${TOMCAT_XMX:-700m}"
JETTY_XMX="${JETTY_XMX:-400m}"
SPRING_XMX="${SPRING_XMX:-1200m}"
TOMCAT_OPT_INS="${TOMCAT_OPT_INS:---cyclone.websocket.tomcat.buffer-size=1KB \
--cyclone.websocket.tomcat.socket-buffer-size=1KB}"
PREFIX="You said: "
TOMCAT_CONNECTOR=(--server.tomcat.max-connections=21000 --server.tomcat.accept-count=1024)
STARTER=(--server.address=127.0.0.1 --cyclone.websocket.max-connections=19500)
COOKIE=-Dscale.cookieBytes=1024

# Each of the two JVMs (server, client) holds one descriptor per connection, plus jars, selectors and logs.
NEEDED=$((CONNECTIONS + 500))
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
GROWTH=()
FAILED=0

# metric NAME [TAG]: one value from the server's Actuator metrics endpoint.
metric() {
  curl -sf --max-time 10 "http://127.0.0.1:$SERVER_PORT/actuator/metrics/$1${2:+?tag=$2}" \
    | jq -r '.measurements[] | select(.statistic == "VALUE") | .value'
}

# record SERVER STEP ADDED: takes a class histogram of the server (after a full GC), reads its threads, and adds a
# table row; after a step that added connections, also the classes that grew most per connection.
PREVIOUS_HISTOGRAM=""
record() {
  local threads heap connections per histogram
  histogram="$LOGS/histogram-$(date +%s%N).txt"
  jcmd "$SERVER_PID" GC.class_histogram >"$histogram"
  heap="$(awk '/^Total/ {print $3}' "$histogram")"
  threads="$(metric jvm.threads.live)"
  connections="$(metric websocket.connections 2>/dev/null || echo n/a)"
  if [ "$3" -gt 0 ]; then
    per="$(awk -v h="$heap" -v p="$PREVIOUS_HEAP" -v n="$3" 'BEGIN {printf "%.1f", (h - p) / n / 1024}')"
    GROWTH+=("$1, $2: $(growth "$PREVIOUS_HISTOGRAM" "$histogram" "$3")")
  else
    per="-"
  fi
  PREVIOUS_HEAP="$heap"
  PREVIOUS_HISTOGRAM="$histogram"
  ROWS+=("| $1 | $2 | ${connections:-n/a} | $(awk -v h="$heap" 'BEGIN {printf "%.1f", h / 1048576}') | $per \
| $(printf '%.0f' "$threads") |")
  echo "== $1, $2: $heap bytes live, $threads live threads, websocket.connections ${connections:-n/a}" >&2
}

# growth BEFORE AFTER COUNT: the five classes whose live bytes grew most, per added connection.
growth() {
  awk -v n="$3" 'FNR == NR && $1 ~ /^[0-9]+:$/ {before[$4] = $3; next}
    $1 ~ /^[0-9]+:$/ {printf "%d\t%s\n", ($3 - before[$4]) / n, $4}' "$1" "$2" \
    | sort -rn | awk -F'\t' 'NR <= 5 {printf "%s%s %s B", sep, $2, $1; sep = ", "}'
}

# scale SERVER CLIENT_OPTS STEP... : warms the server up, records the baseline, then runs ScaleTool's steps with a
# row each.
scale() {
  local server="$1" client_opts="$2" line protocol count open lost pid from to
  shift 2
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
  # shellcheck disable=SC2086 # the client options are words
  coproc SCALE { timeout 900 java -Xmx1g $client_opts -Dscale.sourceAddresses="$SOURCES" -cp "$TOOLS_JAR" \
    dev.cyclone.websocket.benchmarks.ScaleTool "ws://127.0.0.1:$SERVER_PORT/websocket" "$PREFIX" "$@" 2>&1; }
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
      "Handshake request:"*)
        protocol="$( [[ "$line" == *sec-websocket-key1* ]] && echo hixie-76 || echo rfc6455)"
        HEADS["$protocol, ${client_opts:-no -D option}"]="${line#Handshake request: }"
        ;;
      FAILED*) FAILED=1 ;;
      *) ;;
    esac
  done
  exec {from}<&- {to}>&-
  wait "$pid" || FAILED=1
}

declare -A HEADS
# shellcheck disable=SC2206 # the opt-ins are words
OPT_INS=($TOMCAT_OPT_INS)

start_server tomcat-sample-scale java -Xmx"$TOMCAT_XMX" -jar "$SAMPLE_JAR" --server.port='{port}' "${STARTER[@]}" \
  "${TOMCAT_CONNECTOR[@]}"
scale "Tomcat, cyclone API (sample app), defaults" "" "rfc6455:$HALF" "hixie-76:$HALF"
stop_server

start_server tomcat-sample-cookie-scale java -Xmx"$TOMCAT_XMX" -jar "$SAMPLE_JAR" --server.port='{port}' \
  "${STARTER[@]}" "${TOMCAT_CONNECTOR[@]}"
scale "Tomcat, cyclone API, defaults, 1 KiB Cookie" "$COOKIE" "rfc6455:$HALF" "hixie-76:$HALF"
stop_server

start_server tomcat-sample-opt-ins-scale java -Xmx"$TOMCAT_XMX" -jar "$SAMPLE_JAR" --server.port='{port}' \
  "${STARTER[@]}" "${TOMCAT_CONNECTOR[@]}" "${OPT_INS[@]}"
scale "Tomcat, cyclone API, opt-ins: $TOMCAT_OPT_INS" "" "rfc6455:$HALF" "hixie-76:$HALF"
stop_server

start_server jetty-sample-scale java -Xmx"$JETTY_XMX" -jar "$SAMPLE_JETTY_JAR" --server.port='{port}' "${STARTER[@]}"
scale "Jetty, cyclone API (sample app), defaults" "" "rfc6455:$HALF" "hixie-76:$HALF"
stop_server

start_server jetty-sample-cookie-scale java -Xmx"$JETTY_XMX" -jar "$SAMPLE_JETTY_JAR" --server.port='{port}' \
  "${STARTER[@]}"
scale "Jetty, cyclone API, defaults, 1 KiB Cookie" "$COOKIE" "rfc6455:$HALF" "hixie-76:$HALF"
stop_server

start_server spring-echo-scale java -Xmx"$SPRING_XMX" -jar "$SPRING_ECHO_JAR" --server.port='{port}' \
  --server.address=127.0.0.1 "${TOMCAT_CONNECTOR[@]}"
scale "Tomcat, plain Spring TextWebSocketHandler" "" "rfc6455:$HALF"
stop_server

REPORT="$TARGET/scale-report.md"
{
  echo "### Idle connections: server heap and threads"
  echo
  echo "Each step opens idle connections (one checked echo each) and keeps all earlier ones open. Heap is the total \
of a class histogram of the server (jcmd GC.class_histogram: live objects after a full GC); threads are Actuator's \
jvm.threads.live. Default 64 KiB message limit. -Xmx: Tomcat $TOMCAT_XMX, Jetty $JETTY_XMX, plain Spring \
$SPRING_XMX. Before each baseline 500 connections per protocol were opened at once and closed, which grows the \
container's worker pool (Tomcat: to its 200 threads)."
  echo
  echo "| Server | Step | websocket.connections | Heap (MiB) | Heap per added connection (KiB) | Live threads |"
  echo "|---|---|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Largest growth by class, bytes per added connection:"
  echo
  printf -- '- %s\n' "${GROWTH[@]}"
  echo
  echo "Handshake requests of the load tool, the first of each protocol and client (header names and value lengths;"
  echo "the Hixie-76 keys vary in length from connection to connection):"
  echo
  for key in "${!HEADS[@]}"; do
    echo "- $key: ${HEADS[$key]}"
  done | sort
  echo
  echo "Machine: $MACHINE; open-file limit $(ulimit -n)$LIMIT_NOTE; $SOURCES client source addresses. \
Software: $(software_line)."
  echo
  echo "Command: \`CONNECTIONS=$CONNECTIONS SOURCES=$SOURCES TOMCAT_XMX=$TOMCAT_XMX JETTY_XMX=$JETTY_XMX \
SPRING_XMX=$SPRING_XMX benchmarks/run-scale.sh\`"
} >"$REPORT"

echo
cat "$REPORT"
echo
echo "Report written to $REPORT"
exit "$FAILED"
