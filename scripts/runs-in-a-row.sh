#!/bin/sh
# Runs the flagship experiment RUNS times (default 200) in one launcher JVM and reports whether
# every run saw the same, and the launcher's open fds, threads and child processes after the
# first run and after the last. Exit status 0 when the verdicts are identical and nothing grew.
#   scripts/runs-in-a-row.sh [RUNS [SCENARIO]]
set -eu
cd "$(dirname "$0")/.."
if [ ! -f launcher/target/sockshare.jar ] || [ ! -d launcher/target/test-classes/sockshare/testing ]; then
    mvn -q -o package -DskipTests
    mvn -q -o -pl launcher test-compile
fi
exec java -cp launcher/target/sockshare.jar:launcher/target/test-classes sockshare.testing.RunsInARow "$@"
