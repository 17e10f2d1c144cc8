#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every libFuzzer target of a fuzz build for a bounded time and fails on a crash, a
# sanitizer report, a leak, a timeout or running out of memory.
#
#   tests/fuzz/run-fuzzers.sh BUILD_DIR [SECONDS] [TARGET...]
#
# BUILD_DIR is a build of the `fuzz` preset (cmake --preset fuzz && cmake --build --preset
# fuzz); SECONDS per target (default 30); TARGETs restrict the run (default: all built).
# Seeds are generated from tests/fixtures/ on every run; what the fuzzer finds is kept in
# BUILD_DIR/fuzz-work/<target>/corpus, so later runs start from there. A failing input is
# saved as BUILD_DIR/fuzz-work/<target>/artifacts/crash-… (or leak-, timeout-, oom-):
# reproduce it with `BUILD_DIR/tests/fuzz/<target> <file>`.
#
# Prints one line per target and exits non-zero if any target failed.
set -uo pipefail

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 BUILD_DIR [SECONDS] [TARGET...]" >&2
    exit 2
fi
build="$(cd "$1" && pwd)"
seconds="${2:-30}"
shift $(( $# >= 2 ? 2 : 1 ))
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fixtures="$src/tests/fixtures"
dicts="$src/tests/fuzz/dict"
work="$build/fuzz-work"

if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(find "$build/tests/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x -printf '%f\n' 2>/dev/null | sort)
fi
if [ ${#targets[@]} -eq 0 ]; then
    echo "run-fuzzers: no fuzz targets in $build/tests/fuzz (build the fuzz preset first)" >&2
    exit 2
fi

# --- seeds -----------------------------------------------------------------------------
# seed <dir> <name>: stdin becomes one seed file.
seed() { cat > "$1/$2"; }

# The HTTP request a sender would make with this body.
http_post() { # <body file> [extra header lines]
    local size
    size=$(stat -c %s "$1")
    printf 'POST /hooks/s3cret HTTP/1.1\r\nHost: 127.0.0.1:8787\r\nContent-Type: application/json\r\n%bContent-Length: %d\r\n\r\n' "${2:-}" "$size"
    cat "$1"
}
http_chunked() { # <body file>: the body as chunks of at most 256 bytes, then a trailer
    local size offset=0 piece
    size=$(stat -c %s "$1")
    printf 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n'
    while [ "$offset" -lt "$size" ]; do
        piece=$(( size - offset < 256 ? size - offset : 256 ))
        printf '%x;ext=1\r\n' "$piece"
        tail -c +$((offset + 1)) "$1" | head -c "$piece"
        printf '\r\n'
        offset=$((offset + piece))
    done
    printf '0\r\nX-Trailer: 1\r\n\r\n'
}

make_seeds() { # <target> <dir>
    local target="$1" dir="$2" f n=0
    case "$target" in
    fuzz_eventparser)
        for f in "$fixtures"/*.json; do cp "$f" "$dir/"; done
        printf 'name=Sam&payload=%%7B%%22eventType%%22%%3A%%22ticket%%3Acreated%%22%%7D\x02' | seed "$dir" form
        printf 'plain text\r\nwith lines\x03' | seed "$dir" text
        printf '\x00\xff\xfe\x80binary\x05' | seed "$dir" binary
        printf '[1,2,{"a":[]}]' | seed "$dir" array
        printf '{"message":{"eventType":"ticket:created","timestamp":"1795166043"' | seed "$dir" truncated
        printf '{"eventId":"e1","eventType":"ticket:created","timestamp":1795166043,"payload":{}}\n' | seed "$dir" unix-seconds
        printf '{"eventId":"e2","eventType":"account:updated","timestamp":1795166043512,"payload":{}}\n' | seed "$dir" unix-ms
        # Regression: a timestamp beyond qint64 milliseconds (undefined float-to-int conversion).
        printf '{"eventId":"e3","eventType":"ticket:created","timestamp":1e300,"payload":{}}\n' | seed "$dir" huge-timestamp
        ;;
    fuzz_filterexpression)
        local filters=(
            'ticket:*' 'type:ticket:*' 'team:T123NHFDRF' 'source:relay' 'status:invalid' 'actor:sam*' 'entity:#1042'
            'id:evt_*' 'payload.ticket.priorityName=Urgent' 'payload.ticket.priorityName!=Low'
            'payload.ticket.title~refund' 'payload.ticket.amount>10' 'payload.ticket.tags[0]=billing'
            'since:15m' 'since:2026-11-20' 'until:2026-11-20T09:00:00+01:00' 'since:1h30m until:7d'
            'refund' '"charged twice"' 'a b' 'a OR b' '-a' '( ticket:* OR account:* ) -status:repeat'
            'NOT (team:T9 && source:local) || summary:*Acme*' '!"quoted \" word"' 'custom-object:*:created')
        for f in "${filters[@]}"; do printf '%s' "$f" | seed "$dir" "hand-$((n++))"; done
        while IFS= read -r f; do
            case "$f" in '#'* | '') continue ;; esac
            printf 'type:%s' "$f" | seed "$dir" "type-$((n++))"
        done < "$fixtures/event-types.txt"
        for f in "$fixtures"/platform-*.json; do
            { printf 'payload.ticket.priorityName=Urgent OR refund\0'; cat "$f"; } | seed "$dir" "body-$(basename "$f")"
        done
        # Right at the parser's nesting bound.
        { printf '%.0s(' $(seq 199); printf 'ticket:*'; printf '%.0s)' $(seq 199); } | seed "$dir" nesting-bound
        ;;
    fuzz_csvroundtrip)
        for f in "$fixtures"/*.json; do
            # The fixture as a table: commas split fields, lines split rows.
            { printf '\x02'; tr ',\n' '\037\036' < "$f"; } | seed "$dir" "guard-$(basename "$f")"
            { printf '\x79'; tr ',\n' '\037\036' < "$f"; } | seed "$dir" "bom-small-$(basename "$f")"
        done
        printf '\x02=1+1\x1f+cmd\x1f-2\x1f@SUM(A1)\x1f\t=x\x1f\r=y\x1e\x1f""\x1f a \x1fline\r\nbreak' | seed "$dir" owasp
        printf '\x06\x00\xd8\x41\x00\x3d\x00\x1f\x00\x3d\xd8\x00\xde' | seed "$dir" utf16-surrogates
        # Regression: a cell that starts with U+FEFF (a BOM character inside the data).
        printf '\x02a\x1f\xef\xbb\xbfb\x1e\xef\xbb\xbfc' | seed "$dir" bom-in-cells
        # Regression: the file's very first cell starts with U+FEFF (found by this target);
        # without the BOM option the file must not start with a BOM.
        printf '\x02\xef\xbb\xbfstart\x1fb' | seed "$dir" bom-first-cell
        printf '\xfc\xff\xfe\xff\x3d\xd8\xd5\x3d' | seed "$dir" bom-first-cell-utf16
        ;;
    fuzz_httpparser)
        for f in "$fixtures"/platform-*.json "$fixtures"/legacy-request-created.json; do
            { printf '\xff\xff\x01\x02\x03\x04'; http_post "$f"; } | seed "$dir" "post-$(basename "$f")"
            { printf '\x20\x10\x05\x06\x07\x08'; http_post "$f" 'Expect: 100-continue\r\n'; } | seed "$dir" "small-$(basename "$f")"
        done
        { printf '\xff\xff\x09\x0a\x0b\x0c'; http_chunked "$fixtures/platform-ticket-created.json"; } | seed "$dir" chunked
        { printf '\xff\xff\x0d\x0e\x0f\x10'; http_post "$fixtures/platform-account-updated.json"; printf '\r\n';
          printf 'GET /health HTTP/1.1\r\nHost: a\r\n\r\n'; http_post "$fixtures/legacy-request-updated.json"; } | seed "$dir" pipelined
        printf '\xff\xff\x11\x12\x13\x14POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}' | seed "$dir" conflicting
        ;;
    fuzz_sseparser)
        printf '\xff\x01\x02\x03\x04\xef\xbb\xbfevent: ready\ndata: {}\n\n: keep-alive\r\n\r\nevent: ping\ndata: {"t":1}\r\n\r\nretry: 3000\nid: 7\ndata: a\ndata:b\n\n' | seed "$dir" smee
        for f in "$fixtures"/platform-*.json; do
            { printf '\x10\x05\x06\x07\x08id: 1\r\ndata: '; tr -d '\n' < "$f"; printf '\r\n\r\n'; } | seed "$dir" "event-$(basename "$f")"
        done
        ;;
    fuzz_teamids)
        printf 'T123NHFDRF' | seed "$dir" id
        printf 'https://dashboard.thena.ai/dashboard/T123NHFDRF/' | seed "$dir" url
        printf 'dashboard.thena.ai/dashboard/T123NHFDRF?tab=1#x, "T9ABCD"; [TZZZZ]\nt123nhfdrf' | seed "$dir" list
        cp "$fixtures/list-teams-response.json" "$dir/"
        ;;
    fuzz_manifest)
        cp "$fixtures/manifest-webhook-app.json" "$fixtures/create-app-request.json" "$dir/"
        [ -f "$src/core/thena/manifest-template.json" ] && cp "$src/core/thena/manifest-template.json" "$dir/"
        printf '{"app":5,"events":{"subscribe":[1,{"event":"ticket:*"}]}}' | seed "$dir" wrong-types
        ;;
    esac
}

dict_for() {
    case "$1" in
    fuzz_eventparser | fuzz_manifest) echo "$dicts/json.dict" ;;
    fuzz_filterexpression) echo "$dicts/filter.dict" ;;
    fuzz_httpparser) echo "$dicts/http.dict" ;;
    fuzz_sseparser) echo "$dicts/sse.dict" ;;
    esac
}

max_len_for() {
    case "$1" in
    fuzz_filterexpression | fuzz_teamids) echo 4096 ;;
    *) echo 16384 ;;
    esac
}

# --- run -------------------------------------------------------------------------------
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=0
for target in "${targets[@]}"; do
    bin="$build/tests/fuzz/$target"
    dir="$work/$target"
    if [ ! -x "$bin" ]; then
        printf '%-24s FAIL  not built (%s)\n' "$target" "$bin"
        failed=1
        continue
    fi
    rm -rf "$dir/seeds"
    mkdir -p "$dir/seeds" "$dir/corpus" "$dir/artifacts"
    make_seeds "$target" "$dir/seeds"
    args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len_for "$target")"
          -print_final_stats=1 -artifact_prefix="$dir/artifacts/")
    dict="$(dict_for "$target")"
    [ -n "$dict" ] && [ -f "$dict" ] && args+=(-dict="$dict")
    started=$SECONDS
    "$bin" "${args[@]}" "$dir/corpus" "$dir/seeds" > "$dir/log" 2>&1
    rc=$?
    took=$((SECONDS - started))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$dir/log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$dir/log" | tail -1 | cut -d' ' -f2)
    corpus=$(find "$dir/corpus" -type f | wc -l)
    if [ $rc -eq 0 ] && ! grep -q -E '^==[0-9]+==ERROR|runtime error:|^SUMMARY: ' "$dir/log"; then
        printf '%-24s ok    %4ss  %9s runs  %6s exec/s  cov %5s  ft %6s  corpus %5s  rss %4s MB\n' \
            "$target" "$took" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$corpus" "${rss:-?}"
        continue
    fi
    failed=1
    kind=crash
    if grep -q 'ERROR: libFuzzer: timeout' "$dir/log"; then kind=timeout
    elif grep -q 'ERROR: LeakSanitizer' "$dir/log"; then kind=leak
    elif grep -q -E 'ERROR: libFuzzer: (out-of-memory|malloc)' "$dir/log"; then kind=out-of-memory
    fi
    artifact=$(grep -o "Test unit written to .*" "$dir/log" | tail -1 | sed 's/Test unit written to //')
    printf '%-24s FAIL  %s after %ss (%s runs); input: %s\n' "$target" "$kind" "$took" "${runs:-?}" "${artifact:-none saved}"
    # The report itself, for CI logs.
    grep -v -E '^#[0-9]+\s' "$dir/log" | tail -n 60 | sed "s/^/    $target| /" >&2
done
exit $failed
