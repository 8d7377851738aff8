#!/bin/sh
# Runs the vrrp JMH benchmarks (test scope) on the module's test classpath. Not part of `mvn verify`.
# Usage: vrrp/bench/run-jmh.sh [JMH args, e.g. -f 1 -wi 2 -i 3 AdvertBenchmark.decodeValidateStep]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cp_file="$root/vrrp/target/jmh.classpath"
mvn -B -q -pl vrrp -am test-compile -DskipTests
mvn -B -q -pl vrrp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
exec java -cp "vrrp/target/test-classes:vrrp/target/classes:$(cat "$cp_file")" keepalivedj.vrrp.bench.JmhMain "$@"
