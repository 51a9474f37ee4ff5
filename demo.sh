#!/usr/bin/env bash
# The failover demo on a machine with only a JDK and Maven: a real ZooKeeper server and six instances of the sample
# application, each in its own JVM. Each leader crashes after leading for a while; watch leadership move on.
# Options: --instances N, --graceful, --keep, --lead-for 3s, --session-timeout 2s (see --help).
set -euo pipefail
cd "$(dirname "$0")"

output=target/failover-demo
pids="$output/demo.pids"

# End the processes the demo started (listed by PID), should the demo itself be stopped before it cleans up.
cleanup() {
  if [[ -f "$pids" ]]; then
    while read -r pid; do
      if [[ -n "$pid" ]] && grep -qs -e 'dev.zkleader' -e 'ZooKeeperServerMain' "/proc/$pid/cmdline"; then
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
  echo "Building the sample application (tests skipped; quick when already built)..."
  mvn -B -q -DskipTests -Dspring-javaformat.skip=true -pl leader-demo -am package
  args=(--output "$output" "$@")
fi
java -cp leader-demo/target/classes dev.zkleader.demo.FailoverDemo \
  --classpath-file leader-demo/target/demo.classpath "${args[@]}"
