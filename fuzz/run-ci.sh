#!/usr/bin/env bash
# Short fuzzing runs for CI: every target of fuzz/ for FUZZ_SECONDS (default 20) from its
# committed seed corpus. Installs cargo-fuzz if missing; builds on the stable toolchain with
# RUSTC_BOOTSTRAP=1 (libFuzzer's coverage flags are nightly-only), without a sanitizer (the
# workspace forbids unsafe code) and with debug assertions (overflow checks). A crash, a hang
# (>10 s per input) or a leak of memory (>2 GB) fails the script and prints the input.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"
echo "== fuzzing: every target of fuzz/ for ${seconds} s"
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
dir=(--fuzz-dir fuzz)
cargo fuzz build "${dir[@]}" -s none -a
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for target in $(cargo fuzz list "${dir[@]}"); do
  mkdir -p "$scratch/$target"
  log="$scratch/$target.log"
  if cargo fuzz run "${dir[@]}" -s none -a "$target" "$scratch/$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1; then
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
    cov="$(grep -a 'DONE' "$log" | sed -n 's/.*cov: \([0-9]*\).*/\1/p' | tail -1)"
    echo "fuzz $target: ${runs:-?} inputs in ${seconds} s, coverage ${cov:-?} edges, no finding"
  else
    echo "fuzz $target: FAILED"
    grep -a -v '^#' "$log" | tail -60
    exit 1
  fi
done
