# Shared by the bench/ commands (sourced): builds the daemon's jar and the test classes the
# benchmarks run from, and sets BENCH_CP to their class path. Needs root for the namespaces.
set -euo pipefail
BENCH_HOME="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

bench_require_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "$(basename "$0"): needs root (it creates network namespaces jhb-bf-*)" >&2
    exit 1
  fi
}

# Builds quietly, offline when the local Maven repository already has everything.
bench_build() {
  cd "$BENCH_HOME"
  mkdir -p target
  echo "$(basename "$0"): building jar and test classes (log: target/bench-build.log) ..." >&2
  if ! { nice mvn -B -q -o -DskipTests package dependency:build-classpath \
           -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >target/bench-build.log 2>&1 \
         || nice mvn -B -q -DskipTests package dependency:build-classpath \
           -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >target/bench-build.log 2>&1; }; then
    cat target/bench-build.log >&2
    exit 1
  fi
  BENCH_CP="$BENCH_HOME/target/test-classes:$BENCH_HOME/target/classes:$(cat target/bench.cp)"
}

# Runs a benchmark main class, bounded by MINUTES (the class is told the same bound and stops
# itself earlier; timeout is the backstop, and the class's shutdown hook removes its namespaces).
bench_run() {
  local minutes="$1" main="$2"
  shift 2
  exec timeout --kill-after=60 "$((minutes * 60 + 120))" \
    java -Djheartbeat.home="$BENCH_HOME" -cp "$BENCH_CP" "$main" "$@"
}

# The value of --max-minutes among the arguments, or the default given.
bench_max_minutes() {
  local default="$1"
  shift
  while [ $# -gt 0 ]; do
    if [ "$1" = "--max-minutes" ] && [ $# -gt 1 ] && [[ "$2" =~ ^[0-9]+$ ]]; then
      echo "$2"
      return
    fi
    shift
  done
  echo "$default"
}
