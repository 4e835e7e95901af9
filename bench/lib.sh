# Shared by the bench/ commands (sourced): the root check, the --max-minutes bound, and the run
# of a benchmark main through bench/lib/run-test-main (the one way to run a test-classpath main).
set -euo pipefail
BENCH_HOME="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

bench_require_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "$(basename "$0"): needs root (it creates network namespaces jhb-bf-*)" >&2
    exit 1
  fi
}

# Runs a benchmark main class of the test tree (bench/lib/run-test-main builds what changed),
# bounded by MINUTES (the class is told the same bound and stops itself earlier; timeout is the
# backstop, and the class's shutdown hook removes its namespaces).
bench_run() {
  local minutes="$1" main="$2"
  shift 2
  exec "$BENCH_HOME/bench/lib/run-test-main" --timeout "$((minutes * 60 + 120))" "$main" "$@"
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
