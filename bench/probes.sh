#!/usr/bin/env bash
# Reliability probes (docs/reliability.md): fuzzer, authorization matrix, races, soak, kill -9 loop
# and brute-force check against a real cloud process started by the launcher on loopback.
#   bench/probes.sh [short|long] [--seed N]
# short: what .ci/run runs (fuzz 5,000 inputs, the matrix, 2 kill rounds, a 60 s soak), ~3 min.
# long:  fuzz 40,000 inputs, 16 race threads, 5 kill rounds under 8 clients, a 180 s soak, ~8 min.
# The results table is written to probes/target/probes/report.md (soak samples: soak-samples.csv).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
FORM="${1:-short}"; shift || true
SEED=20261204
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) SEED="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$FORM" in
  short) LONG=false ;;
  long) LONG=true ;;
  *) echo "usage: bench/probes.sh [short|long] [--seed N]" >&2; exit 2 ;;
esac
status=0
mvn -B -pl probes -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ReliabilityProbesTest \
    -Dprobes=true -Dprobes.long="$LONG" -Dprobes.seed="$SEED" || status=$?
[ -f probes/target/probes/report.md ] && cat probes/target/probes/report.md
exit $status
