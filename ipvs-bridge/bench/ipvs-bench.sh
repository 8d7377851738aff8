#!/bin/bash
# Benchmark: N services x D destinations (default 10000 x 4) programmed through keepalived-j's bridge vs
# ipvsadm-restore of the same rules, in one boot of the IPVS test VM. Prints a table and the ratio.
# Not part of mvn verify. Usage: bench/ipvs-bench.sh [services] [destinations]
# BENCH_JAVA_OPTS replaces the default -Djnr.ffi.asm.enabled=false (reflection stubs start ~15 s faster under TCG).
set -euo pipefail
MOD=$(cd "$(dirname "$0")/.." && pwd)
cd "$MOD/.."
mvn -B -q -pl ipvs-bridge -am test-compile -DskipTests
mvn -B -q -f "$MOD/pom.xml" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$MOD/target/bench.classpath" >/dev/null
CP="$MOD/target/classes:$MOD/target/test-classes:$(cat "$MOD/target/bench.classpath")"
cd "$MOD"
vm/run-in-vm.sh "java ${BENCH_JAVA_OPTS:--Djnr.ffi.asm.enabled=false} -XX:+UseSerialGC -cp $CP keepalivedj.ipvs.bench.IpvsBench ${1:-10000} ${2:-4}"
