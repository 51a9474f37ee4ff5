#!/usr/bin/env bash
# The failover demo on a machine with only a JDK and Maven: a real ZooKeeper server and six instances of the sample
# application, each in its own JVM. Each leader crashes after leading for a while; watch leadership move on.
# Options: --instances N, --graceful, --keep, --lead-for 3s, --session-timeout 2s (see --help); --balance for the
# balance demo (see ./demo.sh --balance --help).
set -euo pipefail
cd "$(dirname "$0")"
source leader-harness/src/main/sh/child-processes.sh

# --balance (anywhere in the arguments) runs the balance demo instead: named elections spreading across instances.
driver=dev.zkleader.demo.FailoverDemo
output_dir=target/failover-demo
args=()
for arg in "$@"; do
  if [[ "$arg" == "--balance" ]]; then
    driver=dev.zkleader.demo.balance.BalanceDemo
    output_dir=target/balance-demo
  else
    args+=("$arg")
  fi
done

prepare_driver leader-demo "$output_dir" demo.pids "the sample application" ${args[@]+"${args[@]}"}
java -cp "leader-demo/target/classes:$(cat leader-demo/target/demo.classpath)" "$driver" \
  --classpath-file leader-demo/target/demo.classpath "${driver_args[@]}"
