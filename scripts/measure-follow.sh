#!/usr/bin/env bash
# CPU per line appended to the log while the app is open, at ten years of data (50,000 entries,
# 30,000 sessions, as benches/years.rs writes them), and the app's peak memory (VmHWM) before
# and after the appends. Each line is appended by another process (a plain `>>`, as a sync tool
# or a script would) and given time to be followed before the next, so each is one follow.
# `history` as the third argument appends session records to the history instead (what a
# routine's steps write; the flags do not read it).
# Usage: scripts/measure-follow.sh [BINARY] [LINES] [log|history]
#   (default: target/release/knotless, 20, log)
# Needs tmux and python3. Touches no user files.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-${CARGO_TARGET_DIR:-$PWD/target}/release/knotless}"
lines="${2:-20}"
what="${3:-log}"
tmp="$(mktemp -d)"
sock="knotless-follow-$$"
export KNOTLESS_DATA_DIR="$tmp/data" KNOTLESS_CONFIG="$tmp/config/config.toml"
mkdir -p "$KNOTLESS_DATA_DIR" "$tmp/config"
cleanup() { tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

python3 - "$KNOTLESS_DATA_DIR" <<'PY'
import sys, datetime as dt
d = sys.argv[1]
tz = dt.timezone(dt.timedelta(hours=1))
end = dt.datetime(2026, 11, 24, 21, 30, tzinfo=tz)
days, entries, sessions = 3650, 50_000, 30_000
start = end - dt.timedelta(days=days)
with open(f"{d}/symptoms.jsonl", "w") as f:
    for i in range(entries):
        at = start + dt.timedelta(minutes=(i * days * 24 * 60) // entries)
        side = "right" if i % 7 == 0 else "left"
        f.write('{"id":"01K%023d","at":"%s","pain":%d,"areas":["lower-back-%s"],"symptoms":["knot","stiffness"],"triggers":["sitting"],"relief":["heat"],"note":"worse after sitting all afternoon"}\n' % (i, at.isoformat(), i % 8, side))
routines = ["morning-mobility", "lower-back-release", "heat-pack", "desk-reset"]
kinds = ["stretch", "stretch", "heat", "posture-break"]
with open(f"{d}/history.jsonl", "w") as f:
    for i in range(sessions):
        day, slot = i * days // sessions, i % 8
        started = start + dt.timedelta(days=day, hours=7 + slot)
        ended = started + dt.timedelta(minutes=10)
        f.write('{"type":"session","id":"01H%023d","routine":"%s","kind":"%s","started":"%s","ended":"%s","active_seconds":600,"outcome":"completed","steps_done":6,"steps_total":6,"pain_before":%d,"pain_after":%d}\n' % (i, routines[slot % 4], kinds[slot % 4], started.isoformat(), ended.isoformat(), 4 + i % 3, 3 + i % 3))
open(f"{d}/welcome-seen", "w").close()
PY
chmod 600 "$KNOTLESS_DATA_DIR"/*.jsonl

tmux -L "$sock" -f /dev/null new-session -d -s m -x 80 -y 24 \
  "KNOTLESS_DATA_DIR='$KNOTLESS_DATA_DIR' KNOTLESS_CONFIG='$KNOTLESS_CONFIG' '$bin'"
until tmux -L "$sock" capture-pane -p -t m 2>/dev/null | grep -q "Stretches"; do sleep 0.05; done
pid=$(pgrep -f "^$bin\$" -n || pgrep -n -x knotless)
sleep 1
# utime + stime of every thread, finished ones included (the parse threads), in ns.
tick=$(getconf CLK_TCK)
cpu() { awk -v t="$tick" '{ sub(/.*\) /, ""); print ($12 + $13) * 1e9 / t }' "/proc/$pid/stat"; }
hwm() { awk '/VmHWM/ { print $2 }' "/proc/$pid/status"; }
hwm0=$(hwm)
c0=$(cpu)
for i in $(seq "$lines"); do
  if [[ "$what" == history ]]; then
    printf '{"type":"session","id":"01M%023d","routine":"desk-reset","kind":"posture-break","started":"2026-11-24T20:%02d:00+01:00","ended":"2026-11-24T20:%02d:30+01:00","active_seconds":30,"outcome":"completed","steps_done":1,"steps_total":1}\n' "$i" "$((i % 60))" "$((i % 60))" \
      >> "$KNOTLESS_DATA_DIR/history.jsonl"
  else
    printf '{"id":"01M%023d","at":"2026-11-24T20:%02d:00+01:00","pain":3,"areas":["lower-back-left"],"symptoms":["knot"],"note":"appended"}\n' "$i" "$((i % 60))" \
      >> "$KNOTLESS_DATA_DIR/symptoms.jsonl"
  fi
  sleep 0.4
done
c1=$(cpu)
hwm1=$(hwm)
echo "$("$bin" --version) ($bin)"
awk -v c0="$c0" -v c1="$c1" -v n="$lines" \
  -v what="$what" 'BEGIN { printf "CPU per line appended to the %s: %.2f ms (%d lines, %.1f ms in all)\n", what, (c1 - c0) / n / 1e6, n, (c1 - c0) / 1e6 }'
echo "peak memory (VmHWM): ${hwm0} kB after launch, ${hwm1} kB after the appends"
