#!/usr/bin/env bash
# Heap bytes per distinct request name: ours (NameMemory) next to Python Locust's RequestStats (name_memory.py),
# in the same scenario: NAMES names, each with 1 or 3 requests in the second it first appears, 10,000 new names a
# second. Usage: locust-benchmarks/name-memory.sh [NAMES=100000]. Needs the benchmarks' classpath (built here when
# missing) and /usr/bin/python3 with python3-locust.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. bin/find-java.sh
locustj_find_java || exit 1
names=${1:-100000}
cp_file=locust-benchmarks/target/classpath.txt
if [ ! -f "$cp_file" ] || [ ! -d locust-benchmarks/target/classes ]; then
  ./mvnw -q -B -pl locust-benchmarks -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
fi
cp="locust-benchmarks/target/classes:$(cat "$cp_file")"
echo "# name memory, $(date -u +%Y-%m-%d), $names names; java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1);" \
  "locust: python3-locust $(dpkg-query -W -f '${Version}' python3-locust 2>/dev/null || echo '?')"
for per in 1 3; do
  "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseSerialGC -Dlogback.configurationFile=/dev/null -cp "$cp" \
    dev.locustj.benchmarks.NameMemory "$names" "$per" 2>/dev/null | grep RESULT
  /usr/bin/python3 locust-benchmarks/name_memory.py "$names" "$per" | grep RESULT
done
