#!/usr/bin/env bash
# The fault-injection suite, long form (docs/FAULTS.md): a real ZooKeeper server, five instances of a test
# application as separate JVMs, and a nemesis that kills, pauses and partitions the leader and restarts ZooKeeper.
# Options: --faults N (default 200), --instances N, --session-timeout 2s, --seed N, --output DIR (see --help).
# Exits 0 when no violation was found, 1 on a violation, 2 on bad options.
set -euo pipefail
cd "$(dirname "$0")"
source leader-harness/src/main/sh/child-processes.sh

output=$(option_value --output target/fault-suite "$@")
end_children_on_exit "$output/fault-suite.pids"

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  args=(--help)
else
  echo "Building the fault suite (tests skipped; quick when already built)..."
  mvn -B -q -DskipTests -Dspring-javaformat.skip=true -pl leader-fault-tests -am package
  args=(--output "$output" "$@")
fi
module=leader-fault-tests/target
java -cp "$module/classes:$(cat "$module/fault-suite.classpath")" dev.zkleader.fault.FaultSuite \
  --classes "$module/classes" --classpath-file "$module/fault-suite.classpath" "${args[@]}"
