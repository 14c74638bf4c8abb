# Helpers shared by run-load.sh, run-scale.sh and run-cluster.sh (sourced, not run): building the jars, starting
# servers on free ports of 127.0.0.1 (one at a time, or several kept side by side), stopping them, and describing the
# machine. Each server's output goes to benchmarks/target/logs/<name>.log.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$ROOT/benchmarks/target"
LOGS="$TARGET/logs"
TOOLS_JAR="$TARGET/benchmarks.jar"
SPRING_ECHO_JAR="$TARGET/cyclone-websocket-benchmarks-0.1.0-SNAPSHOT-spring-echo.jar"
SAMPLE_JAR="$ROOT/sample-app/target/cyclone-websocket-sample-app-0.1.0-SNAPSHOT.jar"
SAMPLE_JETTY_JAR="$ROOT/sample-app/target/jetty/cyclone-websocket-sample-app-0.1.0-SNAPSHOT.jar"
SERVER_PID=""
SERVER_PORT=""

# Builds the sample application (on Tomcat, and with JETTY=1 on Jetty too) and the benchmarks module (never installs
# anything); SKIP_BUILD=1 skips it.
build_jars() {
  local jars=("$TOOLS_JAR" "$SPRING_ECHO_JAR" "$SAMPLE_JAR")
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== Building the sample application and the benchmarks module" >&2
    (cd "$ROOT" && ./mvnw -B -q -pl sample-app,benchmarks -am package -DskipTests) >&2
    if [ "${JETTY:-0}" = 1 ]; then
      (cd "$ROOT" && ./mvnw -B -q -pl sample-app -am -Pjetty package -DskipTests) >&2
    fi
  fi
  if [ "${JETTY:-0}" = 1 ]; then
    jars+=("$SAMPLE_JETTY_JAR")
  fi
  for jar in "${jars[@]}"; do
    [ -f "$jar" ] || { echo "!! $jar is missing: run without SKIP_BUILD=1" >&2; exit 1; }
  done
  mkdir -p "$LOGS"
}

# Prints a port of 127.0.0.1 that nothing listens on, below the ephemeral range that clients take ports from.
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 12000))
    if ! ss -Hltn "sport = :$port" | grep -q . && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "!! no free port found" >&2
  exit 1
}

# start_server NAME COMMAND... : runs COMMAND (with {port} replaced by a free port) in the background and waits up
# to 60 s for the port to accept connections. Sets SERVER_PID and SERVER_PORT.
start_server() {
  local name="$1"
  shift
  SERVER_PORT="$(free_port)"
  local args=("${@//\{port\}/$SERVER_PORT}")
  "${args[@]}" >"$LOGS/$name.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$SERVER_PORT") 2>/dev/null; then
      echo "== $name listening on 127.0.0.1:$SERVER_PORT (pid $SERVER_PID)" >&2
      return
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      break
    fi
    sleep 0.5
  done
  echo "!! $name did not start; the end of $LOGS/$name.log:" >&2
  tail -20 "$LOGS/$name.log" >&2
  stop_server
  exit 1
}

# Keeps the server started last running beside the next ones.
KEPT_PIDS=()
keep_server() {
  KEPT_PIDS+=("$SERVER_PID")
  SERVER_PID=""
}

# Stops every server started and not stopped yet (the last one and those kept), all at once: SIGTERM, then SIGKILL
# after 15 s.
stop_server() {
  local pid alive
  [ -z "$SERVER_PID" ] || keep_server
  [ "${#KEPT_PIDS[@]}" -gt 0 ] || return 0
  kill "${KEPT_PIDS[@]}" 2>/dev/null || true
  for _ in $(seq 30); do
    alive=0
    for pid in "${KEPT_PIDS[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive=1; fi
    done
    [ "$alive" = 1 ] || break
    sleep 0.5
  done
  for pid in "${KEPT_PIDS[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  KEPT_PIDS=()
}

trap stop_server EXIT

# The versions of what is measured: Spring Boot, Tomcat and Netty, read from the Spring echo server's jar.
software_line() {
  unzip -Z1 "$SPRING_ECHO_JAR" | sed -n -E \
    's#^BOOT-INF/lib/(spring-boot|tomcat-embed-core|netty-codec-http)-([0-9][^/]*)\.jar$#\1 \2#p' | paste -sd, - \
    | sed 's/,/, /g'
}

# Waits up to three minutes for the 1-minute load average to fall under 1: figures mean something only on a quiet
# machine.
wait_for_quiet_machine() {
  for _ in $(seq 36); do
    awk '{ exit !($1 < 1) }' /proc/loadavg && return 0
    sleep 5
  done
  echo "!! the load average is still $(cut -d' ' -f1 /proc/loadavg) after three minutes: the figures will be rough" >&2
}

# One line: cores, memory, OS, kernel, JDK, and the load average when the run started.
machine_line() {
  local os jdk
  os="$(. /etc/os-release && echo "$PRETTY_NAME")"
  jdk="$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.name/ {n=$2} /java.runtime.version/ {v=$2} END {print n " " v}')"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), \
$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $os, Linux $(uname -r), $jdk; \
load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
}
