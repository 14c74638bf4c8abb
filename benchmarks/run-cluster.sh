#!/usr/bin/env bash
# Broadcast across instances against one instance, run by hand (not by .ci/run):
#
#   benchmarks/run-cluster.sh
#
# Builds the benchmarks module (BroadcastServer, BroadcastTool), starts Debian's redis-server on a free loopback port
# (persistence off), then, ROUNDS times and alternating which goes first:
#   (cluster) two BroadcastServer instances with cyclone.websocket.cluster.enabled=true on that Redis, RECEIVERS / 2
#             receivers on each (every other one Hixie-76, the others RFC 6455), the publisher on the first: each
#             message reaches half the receivers locally and half through Redis;
#   (single)  one BroadcastServer instance, cluster off, holding all RECEIVERS.
# BroadcastTool keeps WINDOW messages in flight (a message is delivered once every receiver has it), checks every
# delivery (number in order, size), and prints deliveries per second; a wrong or missing delivery fails the run.
# The report gives each round's deliveries/s and the median ratio cluster/single per message size, with `uptime`
# before each measurement; it is written to benchmarks/target/cluster-report.md.
#
# Environment: RECEIVERS (2000), SIZES ("16 1024"), WINDOW (8), ROUNDS (3), DURATION (15 s), WARMUP (5 s),
# SKIP_BUILD=1 to use the jars already built.
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"

RECEIVERS="${RECEIVERS:-2000}"
SIZES="${SIZES:-16 1024}"
WINDOW="${WINDOW:-8}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-5}"
BROADCAST_JAR="$TARGET/cyclone-websocket-benchmarks-0.1.0-SNAPSHOT-broadcast.jar"
FAILED=0
declare -A RESULTS
UPTIMES=()

command -v redis-server >/dev/null || { echo "!! redis-server is missing: apt-get install redis-server" >&2; exit 1; }
build_jars
[ -f "$BROADCAST_JAR" ] || { echo "!! $BROADCAST_JAR is missing: run without SKIP_BUILD=1" >&2; exit 1; }

REDIS_PORT="$(free_port)"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$TARGET" \
  >"$LOGS/redis.log" 2>&1 &
REDIS_PID=$!
trap 'stop_server; kill "$REDIS_PID" 2>/dev/null || true' EXIT
sleep 1
echo "== Redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$REDIS_PORT" >&2

# start_broadcast NAME CLUSTER(true|false): starts a BroadcastServer and appends its port to PORTS.
start_broadcast() {
  start_server "$1" java -Xmx512m -jar "$BROADCAST_JAR" --server.port={port} \
    --cyclone.websocket.cluster.enabled="$2" --spring.data.redis.port="$REDIS_PORT"
  keep_server
  PORTS="${PORTS:+$PORTS,}$SERVER_PORT"
}

# measure KEY SIZE: runs BroadcastTool against PORTS and keeps deliveries/s under KEY.
measure() {
  local key="$1" size="$2" line
  UPTIMES+=("$key: $(uptime)")
  echo "== $key: $(uptime)" >&2
  if line="$(java -cp "$TOOLS_JAR" dev.cyclone.websocket.benchmarks.BroadcastTool "$PORTS" "$RECEIVERS" "$size" \
      "$WINDOW" "$WARMUP" "$DURATION")"; then
    echo "   $line" >&2
    RESULTS[$key]="$(echo "$line" | awk '{print $2}')"
  else
    echo "!! $key failed: $line" >&2
    RESULTS[$key]="failed"
    FAILED=1
  fi
}

run_cluster() {
  PORTS=""
  start_broadcast cluster-a true
  start_broadcast cluster-b true
  sleep 2 # one announcement: both subscribed
  for size in $SIZES; do measure "cluster-$size-$1" "$size"; done
  stop_server
}

run_single() {
  PORTS=""
  start_broadcast single false
  for size in $SIZES; do measure "single-$size-$1" "$size"; done
  stop_server
}

wait_for_quiet_machine
START_LOAD="$(uptime)"
MACHINE="$(machine_line)"
for round in $(seq "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then run_cluster "$round"; run_single "$round"; else run_single "$round"; run_cluster "$round"; fi
done
kill "$REDIS_PID" 2>/dev/null || true

median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

REPORT="$TARGET/cluster-report.md"
{
  echo "# Broadcast across instances"
  echo
  echo "Machine: $MACHINE"
  echo "Started: $START_LOAD"
  echo "Command: RECEIVERS=$RECEIVERS SIZES=\"$SIZES\" WINDOW=$WINDOW ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP benchmarks/run-cluster.sh"
  echo
  echo "| message | rounds: cluster deliveries/s | rounds: single deliveries/s | median ratio cluster/single |"
  echo "|---|---|---|---|"
  for size in $SIZES; do
    cluster="" single="" ratios=""
    for round in $(seq "$ROUNDS"); do
      c="${RESULTS[cluster-$size-$round]}" s="${RESULTS[single-$size-$round]}"
      cluster+="$c " single+="$s "
      if [[ "$c" =~ ^[0-9.]+$ && "$s" =~ ^[0-9.]+$ ]]; then ratios+="$(awk -v c="$c" -v s="$s" 'BEGIN {printf "%.3f\n", c / s}')"$'\n'; fi
    done
    echo "| $size B | $cluster| $single| $(printf '%s' "$ratios" | median) |"
  done
  echo
  echo "Load before each measurement:"
  printf -- '- %s\n' "${UPTIMES[@]}"
} >"$REPORT"
cat "$REPORT"
exit "$FAILED"
