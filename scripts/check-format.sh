#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks that every C++ source is formatted by the project's .clang-format (Qt's style).
# clang-format's output differs between major versions, so the check runs with the version
# the tree is formatted with (Debian 12's clang-format 14) and skips, saying so, with another.
#   scripts/check-format.sh           check (exit 1 and the first differences when unformatted)
#   scripts/check-format.sh --fix     format the tree in place
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly expected_major=14
skip=77 # ctest's SKIP_RETURN_CODE

if ! command -v clang-format >/dev/null; then
    echo "format check skipped: clang-format is not installed (apt-get install clang-format)"
    exit $skip
fi
major=$(clang-format --version | sed -n 's/.*version \([0-9]\+\).*/\1/p')
if [ "$major" != "$expected_major" ]; then
    echo "format check skipped: clang-format $major found; the tree is formatted with clang-format $expected_major"
    exit $skip
fi

mapfile -t files < <(git ls-files -- 'core/*.cpp' 'core/*.h' 'app/*.cpp' 'app/*.h' 'ui/*.cpp' 'ui/*.h' \
    'wizard/*.cpp' 'wizard/*.h' 'relay/*.cpp' 'relay/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' 'bench/*.h' 2>/dev/null \
    || find core app ui wizard relay tests bench -name '*.cpp' -o -name '*.h')
if [ "${1:-}" = "--fix" ]; then
    clang-format -i "${files[@]}"
    echo "formatted ${#files[@]} files"
    exit 0
fi
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/hookscope-format.$$; then
    head -40 /tmp/hookscope-format.$$
    echo "format check failed: run scripts/check-format.sh --fix" >&2
    rm -f /tmp/hookscope-format.$$
    exit 1
fi
rm -f /tmp/hookscope-format.$$
echo "format check: ${#files[@]} files formatted as .clang-format says"
