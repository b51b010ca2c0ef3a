#!/usr/bin/env bash
# Measures the release binary against DESIGN §8 on this machine:
#   - `knotless routines --json` wall time (50 runs after 5 warm-ups: min / median / max);
#   - the TUI's first frame (launch in tmux until "Stretches" shows; tmux's own start-up,
#     measured the same way with a trivial command, is reported beside it);
#   - CPU and wake-ups (context switches) over 10 s idle on the home screen and 10 s while a
#     routine is timing, and the TUI's peak memory (VmHWM).
# Usage: scripts/measure.sh [--no-build]. Needs tmux. Touches no user files.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ "${1:-}" == "--no-build" ]] || cargo build --release --quiet
bin="$PWD/target/release/knotless"
tmp="$(mktemp -d)"
base_sock="knotless-measure-$$"
sock="$base_sock-app"
export KNOTLESS_DATA_DIR="$tmp/data" KNOTLESS_CONFIG="$tmp/config"
cleanup() {
  for s in "$base_sock-base" "$base_sock-app" "$base_sock-run"; do
    tmux -L "$s" kill-server 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

now_ns() { date +%s%N; }
ms() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e6 }'; }

echo "knotless $(git rev-parse --short HEAD) · $(nproc) cores · $(uname -m)"

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
base=$(first_frame "$base_sock-base" "printf Stretches; sleep 60" Stretches)
frame=$(first_frame "$sock" "$bin" Stretches)
printf '%-22s %s ms in tmux (tmux alone: %s ms)   budget < 50 ms\n' "first frame" "$frame" "$base"

pid=$(tmux -L "$sock" list-panes -t m -F '#{pane_pid}')
tick=$(getconf CLK_TCK)
# The pane's process must be knotless itself (sh execs a single command), not a shell.
is_app() { [[ "$(cat "/proc/$pid/comm")" == knotless ]] || { echo "pane runs $(cat "/proc/$pid/comm"), not knotless" >&2; exit 1; }; }
is_app
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
switches() { awk '/ctxt_switches/ { n += $2 } END { print n }' "/proc/$pid/status"; }
# CPU % and wake-ups of the app over 10 s.
sample() {
  local c0 s0 c1 s1
  c0=$(cpu); s0=$(switches); sleep 10; c1=$(cpu); s1=$(switches)
  printf '%-22s CPU %s%%, %d context switches in 10 s   budget %s\n' "$1" \
    "$(awk -v c=$((c1 - c0)) -v hz="$tick" 'BEGIN { printf "%.2f", 100 * c / hz / 10 }')" \
    $((s1 - s0)) "$2"
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
