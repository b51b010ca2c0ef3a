#!/usr/bin/env bash
# Measures the release binary against DESIGN §8 on this machine:
#   - `knotless routines --json` wall time (50 runs after 5 warm-ups: min / median / max);
#   - the TUI's first frame (launch in tmux until "Stretches" shows, 5 runs, median; an upper
#     bound: tmux's own start-up, measured the same way with a trivial command, is beside it);
#   - CPU and context switches over 10 s idle on the home screen and 10 s while a routine is
#     timing (voluntary = wake-ups, involuntary = preemptions by other load; CPU from
#     /proc/PID/schedstat in ns, else utime+stime in clock ticks), and peak memory (VmHWM);
#   - the same 10 s for `knotless remind` between two breaks (it must not wake at all).
#   - with --data DIR, the first frame over a copy of DIR's data (ten years of it, say: the
#     set `KNOTLESS_BENCH_DATA=DIR cargo bench --bench report` leaves), from exec to the first
#     full frame in a real terminal (a tmux pane is a pty), page faults and all; and the wall
#     time of `flags` and `log add --pain 3` over it (the log read through its snapshot).
# Usage: scripts/measure.sh [--no-build] [--data DIR]. Needs tmux. Touches no user files.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1 data_from=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build="" ;;
    --data) data_from="$2"; shift ;;
    *) echo "usage: scripts/measure.sh [--no-build] [--data DIR]" >&2; exit 2 ;;
  esac
  shift
done
[[ -z "$build" ]] || cargo build --release --quiet
bin="$PWD/target/release/knotless"
tmp="$(mktemp -d)"
base_sock="knotless-measure-$$"
sock="$base_sock-app"
export KNOTLESS_DATA_DIR="$tmp/data" KNOTLESS_CONFIG="$tmp/config"
# A returning user: the one-time first-run statement would otherwise wait for a key.
mkdir -p "$KNOTLESS_DATA_DIR" "$tmp/years" && : > "$KNOTLESS_DATA_DIR/welcome-seen"
cleanup() {
  local s
  for s in "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$base_sock"-*; do
    [[ -S "$s" ]] && { tmux -L "${s##*/}" kill-server 2>/dev/null || true; rm -f "$s"; }
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

now_ns() { date +%s%N; }
ms() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e6 }'; }

# The commit, whether the sources differ from it, and when the binary was built (--no-build).
dirty=$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || echo " + uncommitted changes")
echo "knotless $(git rev-parse --short HEAD)$dirty · binary built $(date -r "$bin" '+%F %T') · $(nproc) cores · $(uname -m)"

# routines --json
for _ in 1 2 3 4 5; do "$bin" routines --json >/dev/null; done
times=()
for _ in $(seq 50); do
  t0=$(now_ns); "$bin" routines --json >/dev/null; t1=$(now_ns)
  times+=($((t1 - t0)))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
printf '%-22s median %s ms (min %s, max %s)   budget < 15 ms\n' "routines --json" \
  "$(ms "${sorted[25]}")" "$(ms "${sorted[0]}")" "$(ms "${sorted[49]}")"

# Starts `$2` on tmux server `$1`; prints ms until the pane shows `$3`.
first_frame() {
  local t0 t1
  t0=$(now_ns)
  tmux -L "$1" -f /dev/null new-session -d -s m -x 80 -y 24 "$2"
  until tmux -L "$1" capture-pane -p -t m 2>/dev/null | grep -q "$3"; do sleep 0.002; done
  t1=$(now_ns)
  ms $((t1 - t0))
}
# Five runs each, alternating, each on a fresh server (one shutting down refuses new
# sessions); the median of each, as tmux start-up is noisy.
bases=() frames=()
for i in 1 2 3 4 5; do
  bases+=("$(first_frame "$base_sock-b$i" "printf Stretches; sleep 60" Stretches)")
  frames+=("$(first_frame "$base_sock-f$i" "$bin" Stretches)")
  # Quit the app with q first: one whose terminal is killed under it takes up to 2 s to end
  # and would load the machine during the next run.
  tmux -L "$base_sock-f$i" send-keys -t m q
  while tmux -L "$base_sock-f$i" list-panes -t m -F '#{pane_current_command}' 2>/dev/null |
    grep -q knotless; do sleep 0.01; done
  tmux -L "$base_sock-b$i" kill-server; tmux -L "$base_sock-f$i" kill-server 2>/dev/null || true
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
printf '%-22s median %s ms in tmux (tmux + sh alone: %s ms)   budget < 50 ms\n' "first frame" \
  "$(median "${frames[@]}")" "$(median "${bases[@]}")"
if [[ -n "$data_from" ]]; then
  # The same launch over a copy of that data (the copy warm in the page cache, as a person's
  # files are after the first day; the binary's pages too).
  cp -a "$data_from/." "$tmp/years/"
  : > "$tmp/years/welcome-seen"
  years=()
  for i in 1 2 3 4 5; do
    years+=("$(first_frame "$base_sock-y$i" \
      "env KNOTLESS_DATA_DIR=$tmp/years $bin" Stretches)")
    tmux -L "$base_sock-y$i" send-keys -t m q
    while tmux -L "$base_sock-y$i" list-panes -t m -F '#{pane_current_command}' 2>/dev/null |
      grep -q knotless; do sleep 0.01; done
    tmux -L "$base_sock-y$i" kill-server 2>/dev/null || true
  done
  printf '%-22s median %s ms in tmux over %s (tmux + sh alone: %s ms)   budget < 100 ms\n' \
    "first frame, data" "$(median "${years[@]}")" "$(du -sh "$data_from" | cut -f1)" \
    "$(median "${bases[@]}")"
  # The commands over the same copy, wall from exec to exit, 9 runs after one that leaves the
  # log's snapshot in a cache folder of its own (as a person's earlier command would have).
  for command in "flags" "log add --pain 3"; do
    KNOTLESS_DATA_DIR="$tmp/years" KNOTLESS_CACHE_DIR="$tmp/cache" $bin $command >/dev/null 2>&1
    times=()
    for _ in $(seq 9); do
      t0=$(now_ns)
      KNOTLESS_DATA_DIR="$tmp/years" KNOTLESS_CACHE_DIR="$tmp/cache" $bin $command >/dev/null 2>&1
      t1=$(now_ns)
      times+=($((t1 - t0)))
    done
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    printf '%-22s median %s ms (min %s, max %s) over the same data   budget <= 30 ms\n' \
      "$command" "$(ms "${sorted[4]}")" "$(ms "${sorted[0]}")" "$(ms "${sorted[8]}")"
  done
fi
tmux -L "$sock" -f /dev/null new-session -d -s m -x 80 -y 24 "$bin"
until tmux -L "$sock" capture-pane -p -t m 2>/dev/null | grep -q Stretches; do sleep 0.01; done

pid=$(tmux -L "$sock" list-panes -t m -F '#{pane_pid}')
tick=$(getconf CLK_TCK)
# The pane's process is knotless itself when sh execs the single command; else its child.
is_app() {
  [[ "$(cat "/proc/$pid/comm")" == knotless ]] || pid=$(pgrep -P "$pid" -x knotless) ||
    { echo "no knotless process under the pane" >&2; exit 1; }
}
is_app
# CPU time in ns, summed over every thread (main, input, signals, file watcher): schedstat
# when the kernel has it, else utime+stime in clock ticks. Wake-ups likewise: every thread's
# voluntary context switches.
if [[ -r "/proc/$pid/schedstat" ]]; then cpu() { cat /proc/"$pid"/task/*/schedstat | awk '{ s += $1 } END { printf "%d", s }'; }
else cpu() { awk -v hz="$tick" '{ printf "%d", ($14 + $15) * 1e9 / hz }' "/proc/$pid/stat"; }; fi
switches() { cat /proc/"$pid"/task/*/status | awk '/^voluntary_ctxt/ { v += $2 } /^nonvoluntary_ctxt/ { n += $2 } END { print v, n }'; }
# CPU % and context switches of the app over 10 s.
sample() {
  local c0 v0 n0 c1 v1 n1
  # The main thread, and four that sleep until there is something to say: terminal input,
  # signals, file changes, and the timer on the wall clock (timerfd; `remind` also runs one).
  [[ "$(ls "/proc/$pid/task" | wc -l)" -le 5 ]] || echo "note: knotless has more threads than expected" >&2
  c0=$(cpu); read -r v0 n0 < <(switches); sleep 10; c1=$(cpu); read -r v1 n1 < <(switches)
  printf '%-22s CPU %s%%, %d wake-ups (+%d preempted) in 10 s   budget %s\n' "$1" \
    "$(awk -v c=$((c1 - c0)) 'BEGIN { printf "%.3f", 100 * c / 1e9 / 10 }')" \
    $((v1 - v0)) $((n1 - n0)) "$2"
}
sleep 1
sample "idle (home screen)" "0 wake-ups"
hwm_idle=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")

# A routine timing: past the briefing (Enter) and the pain question (s). A new server: one
# that is shutting down refuses new sessions.
tmux -L "$sock" kill-server
sock="$base_sock-run"
tmux -L "$sock" -f /dev/null new-session -d -s m -x 80 -y 24 "$bin run lower-back-release"
pid=$(tmux -L "$sock" list-panes -t m -F '#{pane_pid}')
is_app
until tmux -L "$sock" capture-pane -p -t m | grep -q "Before you start"; do sleep 0.01; done
tmux -L "$sock" send-keys -t m Enter
until tmux -L "$sock" capture-pane -p -t m | grep -q "How does your back feel"; do sleep 0.01; done
tmux -L "$sock" send-keys -t m s
until tmux -L "$sock" capture-pane -p -t m | grep -q "space pause"; do sleep 0.01; done
sleep 1
sample "timing (runner)" "≤ 10 redraws, < 0.3% CPU"
hwm_run=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
printf '%-22s idle %s MB, timing %s MB   budget < 20 MB\n' "peak memory (VmHWM)" \
  "$(awk -v k="$hwm_idle" 'BEGIN { printf "%.1f", k / 1024 }')" \
  "$(awk -v k="$hwm_run" 'BEGIN { printf "%.1f", k / 1024 }')"

# `knotless remind` between events: a break every 30 minutes, all day, so none falls due in the
# 10 s. Its threads (main, answers from the terminal, signals) all block; it should not wake.
tmux -L "$sock" kill-server
sock="$base_sock-remind"
printf '[[breaks]]\nroutine = "posture-check"\nevery = "30m"\ndays = ["daily"]\nfrom = "00:00"\nto = "00:00"\n' > "$tmp/remind.toml"
tmux -L "$sock" -f /dev/null new-session -d -s m -x 100 -y 24 "KNOTLESS_CONFIG=$tmp/remind.toml $bin remind"
pid=$(tmux -L "$sock" list-panes -t m -F '#{pane_pid}')
is_app
until tmux -L "$sock" capture-pane -p -t m | grep -q "knotless remind:"; do sleep 0.01; done
sleep 1
sample "remind, between breaks" "0 wake-ups"
printf '%-22s %s MB   budget —\n' "remind peak memory" \
  "$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")"
tmux -L "$sock" kill-server

# A 100,000-entry log (as in benches/log.rs: several areas and symptoms, a short note, 1% edits
# and deletes): the peak memory of `knotless log list` over it (budget < 60 MB) and its time.
log_dir="$tmp/biglog"
mkdir -p "$log_dir"
python3 - "$log_dir/symptoms.jsonl" <<'PY'
import json, sys, datetime
start = datetime.datetime(2016, 1, 1, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
with open(sys.argv[1], "w") as f:
    for i in range(100_000):
        at = start + datetime.timedelta(minutes=36 * i, days=(i // 40) % 3)
        f.write(json.dumps({
            "id": f"01K{i:023}", "at": at.isoformat(), "pain": i % 11,
            "onset": "sudden" if i % 7 == 0 else "gradual",
            "areas": ["lower-back-left", "leg-left"],
            "symptoms": ["knot", "stiffness", "shooting-pain"],
            "denied": ["saddle-numbness", "bladder-change"],
            "triggers": ["sitting"], "relief": ["heat", "stretching"],
            "note": "worse after the long drive, better after the heat pack",
        }, separators=(",", ":")) + "\n")
        if i % 100 == 99:
            f.write(json.dumps({"id": f"01K{i - 50:023}", "deleted": True}) + "\n")
PY
read -r kb secs < <(/usr/bin/time -f '%M %e' "$bin" --data-dir "$log_dir" log list 2>&1 >/dev/null | tail -1)
printf '%-22s %s MB, %s s for 99,000 lines   budget < 60 MB\n' "log list, 100k entries" \
  "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')" "$secs"
