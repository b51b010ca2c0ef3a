#!/usr/bin/env bash
# Compares the streamed commands of two builds, and measures them.
#
#   scripts/stream-check.sh --compare OLD_BIN NEW_BIN DATA_DIR
#       runs `history --json` (all, and a --since/--until window) and every export (entries,
#       sessions, check-ins; CSV and JSON lines; all, and a window) with both builds, each on
#       its own copy of DATA_DIR, and cmp's stdout, stderr (the folder's name made the same),
#       the exit code and the `.rejected` files. The new build's CSV is compared with --raw
#       (the old one did not neutralise cells). Prints one line a command; exit 1 on a difference.
#
#   scripts/stream-check.sh --measure BIN DATA_DIR [RUNS]
#       peak memory (`/usr/bin/time -f %M`, kB) and wall time of each command over DATA_DIR,
#       output to /dev/null, the median of RUNS (default 3).
#
# DATA_DIR is made by scripts/make-stream-data.py. ONLY=REGEX runs only the commands it matches.
set -euo pipefail

# A window the generated data fills (WINDOW overrides it).
read -ra window <<<"${WINDOW:---since 2016-01-20 --until 2016-03-10T12:00:00+05:00}"

commands() {
    echo "history --json"
    echo "history --json ${window[*]}"
    for what in entries sessions checkins; do
        for format in csv jsonl; do
            echo "export --what $what --format $format"
            echo "export --what $what --format $format ${window[*]}"
        done
    done
}

run() { # BIN DIR OUT_PREFIX ARGS...
    local bin=$1 dir=$2 out=$3
    shift 3
    set +e
    "$bin" --data-dir "$dir" --config /dev/null "$@" >"$out.stdout" 2>"$out.stderr"
    echo $? >"$out.code"
    set -e
    sed -i "s#$dir#DATA#g" "$out.stderr"
}

case "${1:-}" in
--compare)
    old=$2 new=$3 data=$4
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    failed=0
    while read -r line; do
        read -ra args <<<"$line"
        newargs=("${args[@]}")
        [[ " $line " == *" csv "* ]] && newargs+=(--raw)
        rm -rf "$tmp/a" "$tmp/b"
        cp -a "$data" "$tmp/a"
        cp -a "$data" "$tmp/b"
        run "$old" "$tmp/a" "$tmp/old" "${args[@]}"
        run "$new" "$tmp/b" "$tmp/new" "${newargs[@]}"
        same=yes
        for part in stdout stderr code; do
            cmp -s "$tmp/old.$part" "$tmp/new.$part" || same="no ($part differs)"
        done
        for f in "$tmp"/a/*.rejected; do
            [ -e "$f" ] || continue
            cmp -s "$f" "$tmp/b/$(basename "$f")" || same="no ($(basename "$f") differs)"
        done
        printf '%-70s %s (%s lines, exit %s)\n' "$line" "$same" \
            "$(wc -l <"$tmp/old.stdout")" "$(cat "$tmp/old.code")"
        [ "$same" = yes ] || failed=1
    done < <(commands | grep -E -- "${ONLY:-.}")
    exit $failed
    ;;
--measure)
    bin=$2 data=$3 runs=${4:-3}
    while read -r line; do
        read -ra args <<<"$line"
        results=()
        for _ in $(seq "$runs"); do
            results+=("$(/usr/bin/time -f '%M %e' "$bin" --data-dir "$data" --config /dev/null \
                "${args[@]}" 2>&1 >/dev/null | tail -1)")
        done
        printf '%-70s %s\n' "$line" "$(printf '%s\n' "${results[@]}" | sort -n |
            awk '{m[NR]=$1; t[NR]=$2} END {i=int((NR+1)/2); printf "%.1f MB peak, %.2f s", m[i]/1024, t[i]}')"
    done < <(commands | grep -E -- "${ONLY:-.}")
    ;;
*)
    sed -n '2,18p' "$0"
    exit 2
    ;;
esac
