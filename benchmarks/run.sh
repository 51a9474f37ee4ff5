#!/usr/bin/env bash
# Builds the benchmarks (and the modules they measure, tests skipped) and runs them; prints Markdown tables and writes
# them to benchmarks/target/benchmark-results/results.md. About 25 minutes; --quick takes a few. See docs/BENCHMARKS.md.
# Options: --quick, --only=handover,crash,gating,scale,footprint,maintenance, --seed=N.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" != "--help" && "${1:-}" != "-h" ]]; then
  echo "Building the benchmarks and the sample app (tests skipped)..."
  mvn -B -q -Pbenchmarks -pl benchmarks,leader-sample-app -am -DskipTests package
fi
version=0.1.0-SNAPSHOT
exec java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmarks.classpath)" \
  dev.zkleader.benchmarks.Benchmarks \
  --sample-jar="leader-sample-app/target/leader-sample-app-$version-exec.jar" "$@"
