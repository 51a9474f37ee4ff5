#!/usr/bin/env bash
# The whole test suite, as CI runs it: every module on Spring Boot 4.0 (`mvn -B verify`), then the library again on
# Spring Boot 4.1: the starter, its test module and the sample app (the demo and the fault suite exercise processes
# and ZooKeeper, not Spring Boot, and would double the run; for the same reason the 4.1 line leaves out the harness's own
# tests and the starter's tests tagged "processes"). The 4.1 build writes to target/boot-4.1.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B verify
mvn -B verify -Pboot-4.1 -pl leader-starter,leader-starter-test,leader-sample-app -am
