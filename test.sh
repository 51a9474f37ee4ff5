#!/usr/bin/env bash
# The whole test suite, as CI runs it: every module on Spring Boot 4.0 (`mvn -B verify`), then the library again on
# Spring Boot 4.1: the starter, its test module and the sample app (the demo and the fault suite exercise processes
# and ZooKeeper, not Spring Boot, and would double the run). The 4.1 build writes to target/boot-4.1.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B verify
mvn -B verify -Pboot-4.1 -pl leader-starter,leader-starter-test,leader-sample-app
