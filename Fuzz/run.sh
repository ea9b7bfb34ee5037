#!/usr/bin/env bash
# Builds the libFuzzer targets (ASan + libFuzzer, SwiftPM's own flags) and runs each for
# SECONDS (default 60) on a scratch copy of its committed corpus. A crash's input is written to
# FailCases/<target>/ — commit it: `swift test` in the root package replays every file there.
# Targets run one after another, each on `-jobs=1`; exit status 1 if any target found a crash.
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
targets=(FuzzCheck FuzzReports FuzzPrecision)

# SwiftPM's flags link libFuzzer and ASan, but it passes them to swiftc as two -sanitize=
# options, of which swiftc keeps only the last: without the combined -Xswiftc flag the code has
# ASan but no coverage instrumentation, and libFuzzer runs blind.
flags=(-c debug --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address)
swift build "${flags[@]}" 2>&1 | grep -Ev "Cannot export local symbol|^ld" | tail -3
bin="$(swift build "${flags[@]}" --show-bin-path)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for target in "${targets[@]}"; do
    mkdir -p "$work/$target" "FailCases/$target"
    cp Corpus/"$target"/* "$work/$target/"
    echo "== $target: ${seconds}s"
    # The Swift backtracer can hang after a crash under ASan; libFuzzer reports it instead.
    SWIFT_BACKTRACE=enable=no "$bin/$target" "$work/$target" -max_total_time="$seconds" -timeout=20 \
        -rss_limit_mb=4096 -max_len=4096 -print_final_stats=1 -artifact_prefix="FailCases/$target/" \
        > "$work/$target.log" 2>&1
    code=$?
    grep -E "(INITED|DONE)|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|SUMMARY|invariant violated|Fatal error|Test unit written" \
        "$work/$target.log" | grep -v "^#.*pulse"
    if [ "$code" -ne 0 ]; then
        status=1
        tail -40 "$work/$target.log"
        echo "!! $target failed (exit $code); its input is in FailCases/$target/"
    fi
done
exit "$status"
