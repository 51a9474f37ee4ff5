#!/usr/bin/env bash
# The failover demo on a machine with only a JDK and Maven: a real ZooKeeper server and six instances of the sample
# application, each in its own JVM. Each leader crashes after leading for a while; watch leadership move on.
# Options: --instances N, --graceful, --keep, --lead-for 3s, --session-timeout 2s (see --help).
set -euo pipefail
cd "$(dirname "$0")"
source leader-harness/src/main/sh/child-processes.sh

prepare_driver leader-demo target/failover-demo demo.pids "the sample application" "$@"
java -cp "leader-demo/target/classes:$(cat leader-demo/target/demo.classpath)" dev.zkleader.demo.FailoverDemo \
  --classpath-file leader-demo/target/demo.classpath "${driver_args[@]}"
