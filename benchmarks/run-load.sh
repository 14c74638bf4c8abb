#!/usr/bin/env bash
# End-to-end load comparison, run by hand (not by .ci/run):
#
#   benchmarks/run-load.sh
#
# Builds the sample application and the benchmarks module, then runs ROUNDS rounds. A round starts every server of
# the comparison side by side, each on a free port of 127.0.0.1 with -Xmx512m (fresh JVMs every round):
#   (a) the sample application's EchoWebSocket (the cyclone API) over Hixie-76, and
#   (b) the same server over RFC 6455;
#   (c) a plain Spring TextWebSocketHandler echo on the same Tomcat (SpringEchoApplication, no starter), RFC 6455;
# and, with BASELINE_JAR set to another build of the sample application (for example the jar of an earlier commit),
#   (e) that build over Hixie-76 and (f) over RFC 6455, and the report adds the ratios (a)/(e) and (b)/(f).
# Then, for each window, one LoadTool run puts the load on one endpoint at a time, in turn, in slices of SLICE_MS
# (A B C A B C ..., each round starting one endpoint later), until each had the warm-up and the measured duration, and
# the servers are stopped. So every endpoint meets the same machine: on a shared machine, whose speed moves by a third
# from one 10-second measurement to the next, this is what makes a ratio reproduce (one server after the other, the
# per-round ratios of equal servers spread from 0.86x to 1.34x; in turn, within a few percent).
# Once, first: (d) a Netty echo server (NettyEchoServer) over both protocols, for scale.
# Every server answers "You said: " + message, and LoadTool checks every echo: a wrong or missing one fails that row
# and makes the script exit with status 1. `uptime` is printed before each run and into the report (the figures mean
# something only at a load average under 1 at the start). The report gives, per window, each round's messages/s, the
# median, and the median of the per-round ratios (b)/(c) (the cyclone API against a plain Spring handler) and (a)/(b)
# (Hixie-76 against RFC 6455 on the same server); it is written to benchmarks/target/load-report.md. Server logs are
# in benchmarks/target/logs/. About seven minutes on two cores (five for one window of the sample against a baseline).
#
# Environment: CONNECTIONS (50 per endpoint), WINDOWS ("1 10", messages in flight per connection), ROUNDS (3),
# MESSAGE_BYTES (16), DURATION (10 s measured per endpoint), WARMUP (3 s per endpoint), SLICE_MS (1000), NETTY (1; 0
# skips the Netty reference, whose Hixie-76 decoder corrupts frames split across reads, so it cannot echo messages
# larger than about 1 KiB), SPRING (1; 0 skips (c)), BASELINE_JAR (none), SAMPLE_ARGS (arguments added to this build's
# sample application, such as --cyclone.websocket.message-buffer-size=4KB), SKIP_BUILD=1 to use the jars already
# built.
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"

CONNECTIONS="${CONNECTIONS:-50}"
WINDOWS="${WINDOWS:-1 10}"
ROUNDS="${ROUNDS:-3}"
MESSAGE_BYTES="${MESSAGE_BYTES:-16}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
SLICE_MS="${SLICE_MS:-1000}"
BASELINE_JAR="${BASELINE_JAR:-}"
NETTY="${NETTY:-1}"
SPRING="${SPRING:-1}"
read -r -a SAMPLE_ARGS <<<"${SAMPLE_ARGS:-}"
PREFIX="You said: "
FAILED=0
declare -A RESULTS
UPTIMES=()

build_jars
if [ -n "$BASELINE_JAR" ] && [ ! -f "$BASELINE_JAR" ]; then
  echo "!! BASELINE_JAR $BASELINE_JAR is missing" >&2
  exit 1
fi

wait_for_quiet_machine
START_LOAD="$(uptime)"
MACHINE="$(machine_line)"
echo "== Starting: $START_LOAD" >&2

# measure WINDOW ROUND: one LoadTool run over every endpoint in ENDPOINTS (the servers running side by side), in
# turn, in slices of SLICE_MS; keeps each endpoint's RESULT fields under KEY-WINDOW-ROUND.
measure() {
  local window="$1" round="$2" output load index endpoint key uri protocol
  local -a results keys=() uris=() protocols=()
  for endpoint in "${ENDPOINTS[@]}"; do
    read -r key uri protocol <<<"$endpoint"
    keys+=("$key")
    uris+=("$uri")
    protocols+=("$protocol")
  done
  load="$(uptime)"
  UPTIMES+=("$load")
  echo "== Round $round, window $window: LoadTool on ${keys[*]} in turn; $load" >&2
  output="$(timeout $(((WARMUP + DURATION) * ${#ENDPOINTS[@]} * 2 + 120)) java -Xmx256m -Dload.slice-ms="$SLICE_MS" \
    -cp "$TOOLS_JAR" dev.cyclone.websocket.benchmarks.LoadTool "$(IFS=,; echo "${uris[*]}")" \
    "$(IFS=,; echo "${protocols[*]}")" "$CONNECTIONS" "$window" "$DURATION" "$MESSAGE_BYTES" "$PREFIX" "$WARMUP" 2>&1)" \
    || true
  echo "$output" | grep -v '^RESULT' | head -40 >&2 || true
  mapfile -t results < <(echo "$output" | awk -F'\t' '/^RESULT/ {print $2, $3, $4, $5, $6}')
  for index in "${!keys[@]}"; do
    RESULTS[${keys[$index]}-$window-$round]="${results[$index]:-}"
    if [[ "${results[$index]:-}" != *PASS ]]; then
      FAILED=1
    fi
  done
}

# serve NAME KEY PROTOCOL [KEY PROTOCOL] -- COMMAND...: starts a server beside the others and adds its endpoint, once
# per KEY and PROTOCOL, to ENDPOINTS.
serve() {
  local name="$1" pairs=()
  shift
  while [ "$1" != -- ]; do
    pairs+=("$1" "$2")
    shift 2
  done
  shift
  start_server "$name" "$@"
  while [ "${#pairs[@]}" -gt 0 ]; do
    ENDPOINTS+=("${pairs[0]} ws://127.0.0.1:$SERVER_PORT/websocket ${pairs[1]}")
    pairs=("${pairs[@]:2}")
  done
  keep_server
}

if [ "$NETTY" = 1 ]; then
  ENDPOINTS=()
  serve netty-echo netty-hixie hixie-76 netty-rfc rfc6455 -- \
    java -Xmx512m -cp "$TOOLS_JAR" dev.cyclone.websocket.benchmarks.NettyEchoServer '{port}'
  for window in $WINDOWS; do
    measure "$window" 1
  done
  stop_server
fi

# A round starts every server of the comparison (fresh JVMs), measures them in turn for each window, and stops them;
# each round starts the turns one endpoint later than the round before.
for round in $(seq "$ROUNDS"); do
  ENDPOINTS=()
  serve cyclone-sample cyclone-hixie hixie-76 cyclone-rfc rfc6455 -- java -Xmx512m -jar "$SAMPLE_JAR" \
    --server.port='{port}' --server.address=127.0.0.1 ${SAMPLE_ARGS[@]+"${SAMPLE_ARGS[@]}"}
  if [ "$SPRING" = 1 ]; then
    serve spring-echo spring-rfc rfc6455 -- java -Xmx512m -jar "$SPRING_ECHO_JAR" --server.port='{port}'
  fi
  if [ -n "$BASELINE_JAR" ]; then
    serve baseline-sample baseline-hixie hixie-76 baseline-rfc rfc6455 -- java -Xmx512m -jar "$BASELINE_JAR" \
      --server.port='{port}' --server.address=127.0.0.1
  fi
  shift_count=$(((round - 1) % ${#ENDPOINTS[@]}))
  ENDPOINTS=("${ENDPOINTS[@]:shift_count}" "${ENDPOINTS[@]:0:shift_count}")
  for window in $WINDOWS; do
    measure "$window" "$round"
  done
  stop_server
done

# rate KEY: the messages/s of a measurement, empty when it failed
rate() {
  local fields
  read -r -a fields <<<"${RESULTS[$1]:-}"
  [ "${fields[4]:-}" = PASS ] && echo "${fields[0]}"
}

# median VALUES...: the median of numbers (empty when any is empty)
median() {
  [ "$#" -gt 0 ] || return 0
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# rates PREFIX WINDOW: the messages/s of every round
rates() {
  local round
  for round in $(seq "$ROUNDS"); do
    rate "$1-$2-$round"
  done
}

# ratios NUMERATOR DENOMINATOR WINDOW: the per-round ratios, formatted
ratios() {
  local round a b
  for round in $(seq "$ROUNDS"); do
    a="$(rate "$1-$3-$round")"
    b="$(rate "$2-$3-$round")"
    if [ -n "$a" ] && [ -n "$b" ]; then
      awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f\n", a / b}'
    fi
  done
}

row() {
  local label="$1" protocol="$2" prefix="$3" window="$4" values
  mapfile -t values < <(rates "$prefix" "$window")
  if [ "${#values[@]}" -ne "$ROUNDS" ]; then
    echo "| $label | $protocol | $window | FAILED (see the output above) | |"
  else
    echo "| $label | $protocol | $window | $(echo "${values[*]}" | sed 's| | / |g') | $(median "${values[@]}") |"
  fi
}

ratio_row() {
  local label="$1" numerator="$2" denominator="$3" window="$4" values
  mapfile -t values < <(ratios "$numerator" "$denominator" "$window")
  if [ "${#values[@]}" -ne "$ROUNDS" ]; then
    echo "| $label | $window | n/a | n/a |"
  else
    echo "| $label | $window | $(echo "${values[*]}" | sed 's| | / |g') | $(median "${values[@]}")x |"
  fi
}

REPORT="$TARGET/load-report.md"
{
  echo "### End-to-end echo load"
  echo
  echo "$CONNECTIONS connections, each with 1 or 10 messages in flight (the window), $MESSAGE_BYTES-byte messages, \
${WARMUP} s warm-up then ${DURATION} s measured per endpoint; every echo (\"You said: \" + message) checked. \
$ROUNDS rounds; in each, the servers run side by side (fresh JVMs, -Xmx512m) and the load client (one Netty event loop \
thread) puts the load on one endpoint at a time, in turn, in slices of $SLICE_MS ms, each round starting one endpoint \
later. The ratios are taken round by round."
  echo
  echo "| Scenario | Protocol | Window | Messages/s, round by round | Median |"
  echo "|---|---|---:|---|---:|"
  for window in $WINDOWS; do
    row "(a) cyclone API, sample EchoWebSocket" hixie-76 cyclone-hixie "$window"
    row "(b) cyclone API, sample EchoWebSocket" rfc6455 cyclone-rfc "$window"
    if [ "$SPRING" = 1 ]; then
      row "(c) plain Spring TextWebSocketHandler, same Tomcat" rfc6455 spring-rfc "$window"
    fi
    if [ -n "$BASELINE_JAR" ]; then
      row "(e) baseline build of the sample" hixie-76 baseline-hixie "$window"
      row "(f) baseline build of the sample" rfc6455 baseline-rfc "$window"
    fi
  done
  echo
  echo "| Ratio | Window | Round by round | Median |"
  echo "|---|---:|---|---:|"
  for window in $WINDOWS; do
    if [ "$SPRING" = 1 ]; then
      ratio_row "(b)/(c): cyclone API / plain Spring handler, RFC 6455" cyclone-rfc spring-rfc "$window"
    fi
    ratio_row "(a)/(b): Hixie-76 / RFC 6455, same server" cyclone-hixie cyclone-rfc "$window"
    if [ -n "$BASELINE_JAR" ]; then
      ratio_row "(a)/(e): this build / baseline, Hixie-76" cyclone-hixie baseline-hixie "$window"
      ratio_row "(b)/(f): this build / baseline, RFC 6455" cyclone-rfc baseline-rfc "$window"
    fi
  done
  echo
  if [ "$NETTY" = 1 ]; then
    echo "For scale, (d) a Netty echo server: $(for window in $WINDOWS; do
      echo -n "window $window: hixie-76 $(rate "netty-hixie-$window-1") msg/s, rfc6455 $(rate "netty-rfc-$window-1") msg/s; "
    done)"
    echo
  fi
  echo "At the start: $START_LOAD. The load average before each measurement includes the measurements before it \
(a server and the load client busy on two cores): $(printf '%s\n' "${UPTIMES[@]}" | sed -E 's/.*load average: //' \
    | awk -F', ' '{ printf "%s%s", sep, $1; sep = ", " }') (1-minute averages, in order)."
  echo
  echo "Machine: $MACHINE. Software: $(software_line)."
  echo
  if [ -n "$BASELINE_JAR" ]; then
    echo "Baseline: $BASELINE_JAR ($(sha256sum "$BASELINE_JAR" | cut -c1-12))."
    echo
  fi
  echo "Command: \`CONNECTIONS=$CONNECTIONS WINDOWS=\"$WINDOWS\" ROUNDS=$ROUNDS MESSAGE_BYTES=$MESSAGE_BYTES \
DURATION=$DURATION WARMUP=$WARMUP SLICE_MS=$SLICE_MS${BASELINE_JAR:+ BASELINE_JAR=$BASELINE_JAR}$([ "$NETTY" = 1 ] || echo " NETTY=0")$([ "$SPRING" = 1 ] || echo " SPRING=0")${SAMPLE_ARGS[*]:+ SAMPLE_ARGS=\"${SAMPLE_ARGS[*]}\"} \
benchmarks/run-load.sh\`"
} >"$REPORT"

echo
cat "$REPORT"
echo
echo "Report written to $REPORT"
exit "$FAILED"
