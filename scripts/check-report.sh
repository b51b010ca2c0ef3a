#!/usr/bin/env bash
# Renders the HTML report of the fixed data set (tests/fixtures/report) in a real browser
# (headless Chromium, --print-to-pdf) on Letter and A4 paper, checks with pdftotext that every
# section and figure is there and that the summary fits on page 1, that every dose reason and
# note of a fixture with long text (tests/fixtures/report-long, made by
# scripts/make-long-report-fixture.py) comes back whole on both papers, and writes PNGs of the
# pages (pdftoppm) to target/report-check/ for a person to look at.
#   scripts/check-report.sh            check (CI runs this after cargo test)
#   scripts/check-report.sh --readme   also refresh docs/report-page1.png
set -euo pipefail
cd "$(dirname "$0")/.."

browser=""
for b in chromium-headless-shell chromium chromium-browser headless_shell google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser="$b"; break; fi
done
if [ -z "$browser" ]; then
  echo "check-report: no Chromium found (apt-get install chromium-headless-shell or chromium)" >&2
  exit 1
fi
for tool in pdftotext pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "check-report: $tool missing (apt-get install poppler-utils)" >&2; exit 1; }
done
command -v jq >/dev/null 2>&1 || { echo "check-report: jq missing (apt-get install jq)" >&2; exit 1; }

cargo build --quiet --bin knotless
bin="${KNOTLESS_BIN:-${CARGO_TARGET_DIR:-target}/debug/knotless}"
out="target/report-check"
rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/data"
for f in symptoms history checkins acks; do
  install -m 600 "tests/fixtures/report/$f.jsonl" "$work/data/$f.jsonl"
done

KNOTLESS_DATA_DIR="$work/data" KNOTLESS_CONFIG="tests/fixtures/report/config.toml" \
  "$bin" report --since 2026-08-24 --until 2026-11-22 -o "$out/report.html" >/dev/null
# The same page on A4: only the paper changes.
sed 's/@page {/@page { size: A4;/' "$out/report.html" > "$out/report-a4.html"

fail=0
check() { # file, what, text...
  local file="$1" what="$2"; shift 2
  for want in "$@"; do
    if ! grep -qF -- "$want" "$file"; then
      echo "check-report: $what lacks \"$want\"" >&2
      fail=1
    fi
  done
}

for paper in letter a4; do
  html="$out/report.html"; [ "$paper" = a4 ] && html="$out/report-a4.html"
  pdf="$out/report-$paper.pdf"
  # Headless Chromium runs as root here only without its sandbox; the page has no script.
  "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$work/profile-$paper" --print-to-pdf="$pdf" "file://$PWD/$html" >/dev/null 2>&1
  [ -s "$pdf" ] || { echo "check-report: $browser wrote no PDF" >&2; exit 1; }
  pdftotext -layout -f 1 -l 1 "$pdf" "$out/page1-$paper.txt"
  pdftotext -layout "$pdf" "$out/all-$paper.txt"
  check "$out/page1-$paper.txt" "page 1 ($paper)" \
    "Back pain report: Mon 24 Aug 2026" "Red flags" "SEE A DOCTOR SOON" "EMERGENCY" \
    "Acknowledged as checked" "Pain per day" "daily average" "daily worst" "Where it hurts" \
    "FRONT" "BACK" "Lower back, left" "What sets it off, what helps" "Set off by" "Helped by" \
    "Pain by time of day" "Night 22" "Routines" "Before" "too few to tell" "Posture breaks:" \
    "with routines planned." "Weekly check-in (PEG)" "30% better than the first"
  if grep -qF "Details" "$out/page1-$paper.txt"; then
    echo "check-report: the details start on page 1 ($paper); they belong after the summary" >&2
    fail=1
  fi
  check "$out/all-$paper.txt" "the report ($paper)" \
    "Pain per week" "Sessions per week" "Every weekly check-in" "Appendix: every entry (157)" \
    "Appendix: every session" "<script>aler" "+01:00" "-05:00" "+00:00"
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  pdftoppm -r 70 -png "$pdf" "$out/$paper-page"
  echo "check-report: $paper: $pages pages, PNGs in $out/$paper-page-*.png"
done

# Every word kept: a fixture with long dose reasons and long notes (a long word, a URL), printed
# on both papers; each reason and note must come back whole from the PDF. Compared with
# whitespace and hyphens taken out of both, so a line break (or a hyphen at one) inside a
# table cell does not count as a difference, but a cut-off word does.
long="tests/fixtures/report-long"
mkdir -m 700 "$work/long"
for f in symptoms history programme; do
  install -m 600 "$long/$f.jsonl" "$work/long/$f.jsonl"
done
KNOTLESS_DATA_DIR="$work/long" KNOTLESS_CONFIG="$long/config.toml" KNOTLESS_TODAY=2026-11-14 \
  "$bin" report --since 2026-11-01 --until 2026-11-14 -o "$out/long.html" >/dev/null
sed 's/@page {/@page { size: A4;/' "$out/long.html" > "$out/long-a4.html"
for paper in letter a4; do
  html="$out/long.html"; [ "$paper" = a4 ] && html="$out/long-a4.html"
  pdf="$out/long-$paper.pdf"
  "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$work/profile-long-$paper" --print-to-pdf="$pdf" "file://$PWD/$html" >/dev/null 2>&1
  [ -s "$pdf" ] || { echo "check-report: $browser wrote no PDF of the long fixture" >&2; exit 1; }
  # -raw: the text in the order it was drawn, so a table cell's lines stay together.
  pdftotext -raw "$pdf" "$out/long-$paper.txt"
  squeeze() { tr -d ' \t\n\r\f\v-' | sed 's/\xc2\xad//g; s/\xe2\x80\x90//g'; }
  squeeze < "$out/long-$paper.txt" > "$out/long-$paper.squeezed"
  whole=0 cut=0
  while IFS= read -r text; do
    [ -n "$text" ] || continue
    if grep -qF -- "$(printf '%s' "$text" | squeeze)" "$out/long-$paper.squeezed"; then
      whole=$((whole + 1))
    else
      echo "check-report: long text ($paper) is not whole in the PDF: \"$text\"" >&2
      cut=$((cut + 1)); fail=1
    fi
  done < <(jq -r '.note // empty' "$long/symptoms.jsonl"; jq -r '.reason // empty' "$long/programme.jsonl")
  pdftoppm -r 60 -png "$pdf" "$out/long-$paper-page"
  echo "check-report: long text ($paper): $whole of $((whole + cut)) notes and reasons whole, PNGs in $out/long-$paper-page-*.png"
done

if [ "${1:-}" = "--readme" ]; then
  mkdir -p docs
  pdftoppm -r 110 -png -f 1 -l 1 -singlefile "$out/report-a4.pdf" docs/report-page1
  echo "check-report: wrote docs/report-page1.png ($(du -k docs/report-page1.png | cut -f1) KB)"
fi

[ "$fail" = 0 ] && echo "check-report: ok ($browser)"
exit "$fail"
