#!/usr/bin/env bash
# The fault-injection suite, long form (docs/FAULTS.md): a real 3-node ZooKeeper ensemble, five instances of a test
# application as separate JVMs, and a nemesis that kills, pauses, partitions and resets the leader, and restarts
# ensemble members, the whole ensemble or its quorum.
# Options: --faults N (default 200), --instances N, --session-timeout 4s, --seed N, --output DIR (see --help).
# Exits 0 when no violation was found, 1 on a violation, 2 on bad options.
set -euo pipefail
cd "$(dirname "$0")"
source leader-harness/src/main/sh/child-processes.sh

prepare_driver leader-fault-tests target/fault-suite fault-suite.pids "the fault suite" "$@"
module=leader-fault-tests/target
java -cp "$module/classes:$(cat "$module/fault-suite.classpath")" dev.zkleader.fault.FaultSuite \
  --classes "$module/classes" --classpath-file "$module/fault-suite.classpath" "${driver_args[@]}"
