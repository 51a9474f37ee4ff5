#!/usr/bin/env bash
# The failover demo on a machine with only a JDK and Maven: a real ZooKeeper server and six instances of the sample
# application, each in its own JVM. Each leader crashes after leading for a while; watch leadership move on.
# Options: --instances N, --graceful, --keep, --lead-for 3s, --session-timeout 2s (see --help).
# ./demo.sh --maintenance [--connection-loss suspended]: a 3-server ZooKeeper ensemble restarted one server at a time
# while the leader works (see ./demo.sh --maintenance --help).
# ./demo.sh --balance: named elections spreading across instances as they join and leave (./demo.sh --balance --help).
set -euo pipefail
cd "$(dirname "$0")"
source leader-harness/src/main/sh/child-processes.sh

driver=dev.zkleader.demo.FailoverDemo
default_output=target/failover-demo
args=()
for arg in "$@"; do
  case "$arg" in
    --maintenance)
      driver=dev.zkleader.demo.MaintenanceDemo
      default_output=target/maintenance-demo
      args+=("$arg") ;;
    --balance)
      driver=dev.zkleader.demo.BalanceDemo
      default_output=target/balance-demo ;;
    *) args+=("$arg") ;;
  esac
done
prepare_driver leader-demo "$default_output" demo.pids "the sample application" ${args[@]+"${args[@]}"}
java -cp "leader-demo/target/classes:$(cat leader-demo/target/demo.classpath)" "$driver" \
  --classpath-file leader-demo/target/demo.classpath "${driver_args[@]}"
