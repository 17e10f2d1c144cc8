#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The slow half of CI:
#   1. the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (asan preset;
#      leaks checked, suppressions in tests/sanitizers/lsan.supp);
#   2. every libFuzzer target for a bounded time (fuzz preset, clang), seeded from
#      tests/fixtures/ (tests/fuzz/run-fuzzers.sh).
# Installs what is missing (scripts/setup.sh's list plus clang and its runtimes), runs both
# parts even if the first fails, prints how long each step took, and exits non-zero if
# either part failed.
#
#   scripts/ci-extra.sh [asan|fuzz|all] [FUZZ_SECONDS]     (default: all 30)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

what="${1:-all}"
fuzz_seconds="${2:-30}"
case "$what" in
asan | fuzz | all) ;;
*)
    echo "usage: $0 [asan|fuzz|all] [FUZZ_SECONDS]" >&2
    exit 2
    ;;
esac

# clang and compiler-rt (libFuzzer, the sanitizer runtimes) for the fuzz preset.
hookscope_packages+=(clang libclang-rt-dev)
hookscope_install_missing
cd "$HOOKSCOPE_ROOT"

timings=()
took() { # <label> <start seconds>
    local s=$((SECONDS - $2))
    timings+=("$(printf '%-34s %3dm%02ds' "$1" $((s / 60)) $((s % 60)))")
}

status=0
jobs="$(nproc)"

if [ "$what" = asan ] || [ "$what" = all ]; then
    echo "=== ci-extra: asan preset (ASan + UBSan), whole suite ===" >&2
    t=$SECONDS
    cmake --preset asan
    cmake --build --preset asan --parallel "$jobs"
    took "asan: configure + build" "$t"
    t=$SECONDS
    if ! QT_QPA_PLATFORM=offscreen ctest --preset asan; then
        status=1
    fi
    took "asan: ctest" "$t"
fi

if [ "$what" = fuzz ] || [ "$what" = all ]; then
    echo "=== ci-extra: fuzz preset, ${fuzz_seconds} s per target ===" >&2
    t=$SECONDS
    cmake --preset fuzz
    cmake --build --preset fuzz --parallel "$jobs"
    took "fuzz: configure + build" "$t"
    t=$SECONDS
    if ! tests/fuzz/run-fuzzers.sh build/fuzz "$fuzz_seconds"; then
        status=1
    fi
    took "fuzz: run" "$t"
fi

echo "=== ci-extra: timings ===" >&2
printf '%s\n' "${timings[@]}" >&2
exit $status
