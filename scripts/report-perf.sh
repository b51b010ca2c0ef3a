#!/usr/bin/env bash
# Times `knotless report` over ten years of heavy use (DESIGN §8: 50,000 entries, 30,000
# sessions, 500 check-ins; a report under 200 ms) with the release binary, and writes the
# reports it times, for `cmp` against another build's:
#   - the data: benches/report.rs's `write_data`, left in target/report-perf/data by the
#     benchmark (KNOTLESS_BENCH_DATA) the first time;
#   - the clock and zone fixed (KNOTLESS_TODAY=2026-11-25T20:00:00, TZ=Europe/Paris, the data's
#     "now"), no config file, so two builds write the same bytes;
#   - OUT/ten.{html,md,json}: `--since 2016-11-01` (all ten years, every entry in the appendix);
#     OUT/90.html: the default 90 days; OUT/fixture-*: the fixed data set of the report's tests;
#   - wall time of RUNS runs (after 2 warm-ups) of each timed command, written to a new file as
#     a user would: median, min, max, and the load average before and after.
# Usage: scripts/report-perf.sh [--no-build] [--bin FILE] [--runs N] [--out DIR]
#   --bin: time another build (e.g. a copy of the release binary before a change).
#   --compare DIR: then cmp every report written with the one of the same name in DIR (another
#     build's OUT); JSON without its "generated" line, which holds the clock's nanoseconds.
set -euo pipefail
cd "$(dirname "$0")/.."

compare="" build=1 bin="$PWD/target/release/knotless" runs=11 out="$PWD/target/report-perf/out"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=0 ;;
    --bin) bin="$(realpath "$2")"; build=0; shift ;;
    --runs) runs="$2"; shift ;;
    --out) out="$2"; shift ;;
    --compare) compare="$(realpath "$2")"; shift ;;
    *) echo "report-perf: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[[ "$build" == 0 ]] || cargo build --release --quiet
data="$PWD/target/report-perf/data"
if [[ ! -s "$data/symptoms.jsonl" ]]; then
  echo "report-perf: writing the ten-year data set with the benchmark's data maker" >&2
  KNOTLESS_BENCH_DATA="$data" cargo bench --quiet --bench report -- write_markdown >/dev/null 2>&1 ||
    { echo "report-perf: the benchmark could not write the data" >&2; exit 1; }
fi
mkdir -p "$out"
export KNOTLESS_DATA_DIR="$data" KNOTLESS_CONFIG="$data/no-config.toml" \
  KNOTLESS_TODAY=2026-11-25T20:00:00 TZ=Europe/Paris

for f in html md json; do
  "$bin" report --since 2016-11-01 --format "$f" -o "$out/ten.$f" >/dev/null
done
"$bin" report -o "$out/90.html" >/dev/null
# The fixed 13-week data set (tests/fixtures/report: red flags active and acknowledged, three
# time zones), over its period, a week of it and a year: the flag sections have more to say.
fixture="$(mktemp -d)"
trap 'rm -rf "$fixture"' EXIT
for f in symptoms history checkins acks; do
  install -m 600 "tests/fixtures/report/$f.jsonl" "$fixture/$f.jsonl"
done
for span in "2026-08-24 2026-11-22" "2026-10-12 2026-10-18" "2026-01-01 2026-12-31"; do
  read -r since until <<<"$span"
  for f in html md json; do
    KNOTLESS_DATA_DIR="$fixture" KNOTLESS_CONFIG="tests/fixtures/report/config.toml" \
      "$bin" report --since "$since" --until "$until" --format "$f" \
      -o "$out/fixture-$since.$f" >/dev/null
  done
done

now_ns() { date +%s%N; }
# Prints "median M ms (min A, max B) of N" for `knotless report ARGS… -o OUT/timed.EXT`. The
# file is removed before each run, as a report is usually a new file: ext4 writes a file that
# is truncated and written again out to disk on close, which would time the disk too.
timed() {
  local t0 t1 times=() file="$out/timed.$1"
  shift
  for _ in 1 2; do "$bin" report "$@" -o "$file" >/dev/null; done
  for _ in $(seq "$runs"); do
    rm -f "$file"
    t0=$(now_ns); "$bin" report "$@" -o "$file" >/dev/null; t1=$(now_ns)
    times+=($((t1 - t0)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" '{ t[NR] = $1 / 1e6 }
    END { printf "median %.0f ms (min %.0f, max %.0f) of %d", t[int((n + 1) / 2)], t[1], t[n], n }'
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "$("$bin" --version 2>/dev/null || echo knotless) · $bin · $(nproc) cores · load $(load)"
printf '%-28s %s\n' "ten years, html" "$(timed html --since 2016-11-01)"
printf '%-28s %s\n' "ten years, md" "$(timed md --since 2016-11-01 --format md)"
printf '%-28s %s\n' "ten years, json" "$(timed json --since 2016-11-01 --format json)"
printf '%-28s %s\n' "90 days, html" "$(timed html)"
echo "load after: $(load)"

if [[ -n "$compare" ]]; then
  differ=0
  for f in "$out"/ten.* "$out"/90.html "$out"/fixture-*; do
    other="$compare/${f##*/}"
    if [[ "$f" == *.json ]]; then
      cmp <(grep -v '^  "generated": ' "$f") <(grep -v '^  "generated": ' "$other") || differ=1
    else
      cmp "$f" "$other" || differ=1
    fi
  done
  [[ "$differ" == 0 ]] && echo "identical to $compare: $(ls "$out"/ten.* "$out"/90.html "$out"/fixture-* | wc -l) reports"
  exit "$differ"
fi
