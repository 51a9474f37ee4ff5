#!/usr/bin/env bash
# The fault-injection suite, long form (docs/FAULTS.md): a real ZooKeeper server, five instances of a test
# application as separate JVMs, and a nemesis that kills, pauses and partitions the leader and restarts ZooKeeper.
# Options: --faults N (default 200), --instances N, --session-timeout 2s, --seed N, --output DIR (see --help).
# Exits 0 when no violation was found, 1 on a violation, 2 on bad options.
set -euo pipefail
cd "$(dirname "$0")"

output=target/fault-suite
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == "--output" ]]; then
    next=$((i + 1))
    output="${!next}"
  fi
done
pids="$output/fault-suite.pids"

# End the processes the suite started (listed by PID), should the suite itself be stopped before it cleans up.
cleanup() {
  if [[ -f "$pids" ]]; then
    while read -r pid; do
      if [[ -n "$pid" ]] && grep -qs -e 'dev.zkleader.fault' -e 'ZooKeeperServerMain' "/proc/$pid/cmdline"; then
        kill -CONT "$pid" 2>/dev/null || true
        kill -9 "$pid" 2>/dev/null || true
      fi
    done < "$pids"
    rm -f "$pids"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

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
