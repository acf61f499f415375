#!/usr/bin/env bash
# The one command for the benchmark: builds the server jar if it is missing, then runs
# src/bench/Benchmark.java, which starts the jar, loads it and writes docs/benchmarks.md.
# All options are passed on to Benchmark.java; see: bash src/bench/run-benchmark.sh --help
set -euo pipefail

cd "$(dirname "$0")/../.."

java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Build only when the default jar would be used and is missing; --jar PATH and --base-url need no build.
needs_jar=true
for arg in "$@"; do
	case "$arg" in
		--jar | --jar=* | --base-url | --base-url=* | --help | -h) needs_jar=false ;;
	esac
done
if $needs_jar && [[ ! -f target/zaitaku-fhir.jar ]]; then
	echo "target/zaitaku-fhir.jar is missing; building it (mvn -B -q -DskipTests package)"
	mvn -B -q -DskipTests package
fi

# Lets the report show the command as it was typed (arguments single-quoted where the shell needs it).
quote() {
	if [[ $1 =~ ^[A-Za-z0-9_./:=,@+-]+$ ]]; then
		printf ' %s' "$1"
	else
		printf " '%s'" "${1//\'/\'\\\'\'}"
	fi
}
ZAITAKU_BENCH_COMMAND="bash src/bench/run-benchmark.sh"
for arg in "$@"; do
	ZAITAKU_BENCH_COMMAND+=$(quote "$arg")
done
export ZAITAKU_BENCH_COMMAND

exec "$java_cmd" src/bench/Benchmark.java "$@"
