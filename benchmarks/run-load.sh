#!/usr/bin/env bash
# End-to-end load comparison, run by hand (not by .ci/run):
#
#   benchmarks/run-load.sh
#
# Builds the sample application and the benchmarks module, then starts each server in turn on a free port of
# 127.0.0.1 (with -Xmx512m), runs LoadTool against it with the same parameters, and stops it:
#   (a) the sample application's EchoWebSocket (the cyclone API) over Hixie-76,
#   (b) the same application over RFC 6455,
#   (c) a plain Spring TextWebSocketHandler echo on the same Tomcat (SpringEchoApplication), RFC 6455,
#   (d) a Netty echo server (NettyEchoServer), over Hixie-76 and RFC 6455: the reference.
# Every server answers "You said: " + message, and LoadTool checks every echo: a wrong or missing one fails that
# row and makes the script exit with status 1. Prints a Markdown table (messages/s, p50/p99/p99.9 latency, ratio
# to the Netty server on the same protocol, the machine) and writes it to benchmarks/target/load-report.md.
# Server logs are in benchmarks/target/logs/. About three minutes on two cores.
#
# Environment: CONNECTIONS (50), WINDOW (10), MESSAGE_BYTES (16), DURATION (10 s), WARMUP (3 s), SKIP_BUILD=1 to
# use the jars already built.
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"

CONNECTIONS="${CONNECTIONS:-50}"
WINDOW="${WINDOW:-10}"
MESSAGE_BYTES="${MESSAGE_BYTES:-16}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
PREFIX="You said: "
MACHINE="$(machine_line)"
FAILED=0
declare -A RESULTS

build_jars

# measure KEY PROTOCOL: runs LoadTool against the server started last and keeps its RESULT fields under KEY.
measure() {
  local key="$1" protocol="$2" output
  echo "== $key: LoadTool $protocol" >&2
  output="$(timeout $((WARMUP + DURATION + 90)) java -Xmx256m -cp "$TOOLS_JAR" \
    dev.cyclone.websocket.benchmarks.LoadTool "ws://127.0.0.1:$SERVER_PORT/websocket" "$protocol" \
    "$CONNECTIONS" "$WINDOW" "$DURATION" "$MESSAGE_BYTES" "$PREFIX" "$WARMUP" 2>&1)" || true
  echo "$output" | grep -v '^RESULT' | head -12 >&2
  RESULTS[$key]="$(echo "$output" | awk -F'\t' '/^RESULT/ {print $2, $3, $4, $5, $6}')"
  if [[ "${RESULTS[$key]}" != *PASS ]]; then
    FAILED=1
  fi
}

start_server netty-echo java -Xmx512m -cp "$TOOLS_JAR" dev.cyclone.websocket.benchmarks.NettyEchoServer '{port}'
measure netty-hixie hixie-76
measure netty-rfc rfc6455
stop_server

start_server cyclone-sample java -Xmx512m -jar "$SAMPLE_JAR" --server.port='{port}' --server.address=127.0.0.1
measure cyclone-hixie hixie-76
measure cyclone-rfc rfc6455
stop_server

start_server spring-echo java -Xmx512m -jar "$SPRING_ECHO_JAR" --server.port='{port}'
measure spring-rfc rfc6455
stop_server

# row LABEL PROTOCOL KEY REFERENCE-KEY
row() {
  local fields reference
  read -r -a fields <<<"${RESULTS[$3]:-}"
  read -r -a reference <<<"${RESULTS[$4]:-}"
  if [ "${fields[4]:-}" != PASS ]; then
    echo "| $1 | $2 | FAILED (see the output above) | | | | |"
  elif [ "${reference[4]:-}" != PASS ]; then
    echo "| $1 | $2 | ${fields[0]} | ${fields[1]} | ${fields[2]} | ${fields[3]} | n/a |"
  else
    echo "| $1 | $2 | ${fields[0]} | ${fields[1]} | ${fields[2]} | ${fields[3]} | $(awk -v a="${fields[0]}" \
      -v b="${reference[0]}" 'BEGIN {printf "%.2fx", a / b}') |"
  fi
}

REPORT="$TARGET/load-report.md"
{
  echo "### End-to-end echo load"
  echo
  echo "$CONNECTIONS connections x $WINDOW messages in flight each, $MESSAGE_BYTES-byte messages, ${WARMUP} s warm-up \
then ${DURATION} s measured; every echo (\"You said: \" + message) checked. Each server alone on the machine with \
the load client (one Netty event loop thread), -Xmx512m."
  echo
  echo "| Scenario | Protocol | Messages/s | p50 (ms) | p99 (ms) | p99.9 (ms) | vs Netty, same protocol |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  row "(a) cyclone API, sample EchoWebSocket" hixie-76 cyclone-hixie netty-hixie
  row "(b) cyclone API, sample EchoWebSocket" rfc6455 cyclone-rfc netty-rfc
  row "(c) plain Spring TextWebSocketHandler, same Tomcat" rfc6455 spring-rfc netty-rfc
  row "(d) Netty echo server (reference)" hixie-76 netty-hixie netty-hixie
  row "(d) Netty echo server (reference)" rfc6455 netty-rfc netty-rfc
  echo
  echo "Machine: $MACHINE. Software: $(software_line)."
  echo
  echo "Command: \`CONNECTIONS=$CONNECTIONS WINDOW=$WINDOW MESSAGE_BYTES=$MESSAGE_BYTES DURATION=$DURATION \
WARMUP=$WARMUP benchmarks/run-load.sh\`"
} >"$REPORT"

echo
cat "$REPORT"
echo
echo "Report written to $REPORT"
exit "$FAILED"
