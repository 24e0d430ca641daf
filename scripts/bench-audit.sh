#!/usr/bin/env bash
# Wall time, CPU time and peak memory (RSS) of `juwei sample` and
# `juwei audit` on generated committees, and of a bare serde + ron parse of
# the same files on one thread (examples/ron_baseline.rs), the figure the
# audit is held to. Each audit runs RUNS times; the table gives the median
# and, in brackets, the smallest and largest figure.
#
#   cargo build --release --no-default-features --bin juwei --example ron_baseline
#   scripts/bench-audit.sh                 # 5000 40000 117000 committees
#   scripts/bench-audit.sh 5000 40000      # chosen sizes
#
# Environment: BENCH_DIR (default /tmp/juwei-bench, the generated folders are
# kept there and reused; a 117,000-committee folder takes about 1 GB),
# FORMATS (default "text json html xlsx"; each written with -o to a new file
# under BENCH_DIR, text and json as to a file: an existing output file is
# read first to check what it holds, which would add to the peak), RUNS
# (default 3), CARGO_TARGET_DIR. Needs GNU time (/usr/bin/time -v). Prints
# a Markdown table; the last column compares the median wall time with the
# baseline parse.
set -uo pipefail

target=${CARGO_TARGET_DIR:-target}
juwei=${JUWEI_BIN:-$target/release/juwei}
baseline=${BASELINE_BIN:-$target/release/examples/ron_baseline}
work=${BENCH_DIR:-/tmp/juwei-bench}
formats=${FORMATS:-text json html xlsx}
runs=${RUNS:-3}
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(5000 40000 117000)

for b in "$juwei" "$baseline"; do
    [ -x "$b" ] || { echo "missing $b: build it first (see the top of $0)" >&2; exit 2; }
done
mkdir -p "$work"

# run a command under /usr/bin/time -v; prints "WALL_SECONDS MB CPU_SECONDS"
# (CPU = user + system, all threads: on a shared machine the wall time
# depends on the other work, the CPU time much less)
measure() {
    local log
    log=$(mktemp)
    /usr/bin/time -v "$@" >/dev/null 2>"$log"
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    usr=$(sed -n 's/.*User time (seconds): //p' "$log")
    sys=$(sed -n 's/.*System time (seconds): //p' "$log")
    rm -f "$log"
    # h:mm:ss or m:ss.ss to seconds
    awk -v t="$wall" -v r="$rss" -v u="$usr" -v y="$sys" 'BEGIN { n = split(t, p, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + p[i];
        printf "%.1f %.1f %.1f\n", s, r / 1024, u + y }'
}

# median [min–max] of the numbers on standard input (one per line)
spread() {
    sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
        if (NR > 1) printf "%.1f [%.1f–%.1f]", m, v[1], v[NR]; else printf "%.1f", m }'
}

echo "| committees | step | runs | wall s | CPU s | peak RSS MB | wall × baseline |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
    dir=$work/$n
    if [ ! -d "$dir" ]; then
        read -r t m c < <(measure "$juwei" sample "$dir" --committees "$n" --broken $((n / 100)))
        echo "| $n | sample | 1 | $t | $c | $m | |"
    fi
    # a warm page cache for every run alike
    "$baseline" "$dir" >/dev/null
    read -r base bm bc < <(measure "$baseline" "$dir")
    echo "| $n | serde+ron parse, 1 thread | 1 | $base | $bc | $bm | 1.00 |"
    for f in $formats; do
        out=$work/out-$n.$f
        : >"$work/runs"
        for _ in $(seq "$runs"); do
            rm -f "$out"
            measure "$juwei" audit "$dir" --no-progress --format "$f" --date 2026-06-01 -o "$out" >>"$work/runs"
        done
        rm -f "$out"
        t=$(awk '{ print $1 }' "$work/runs" | spread)
        m=$(awk '{ print $2 }' "$work/runs" | spread)
        c=$(awk '{ print $3 }' "$work/runs" | spread)
        ratio=$(awk '{ print $1 }' "$work/runs" | sort -g | awk -v b="$base" '{ v[NR] = $1 } END {
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", (b > 0 ? m / b : 0) }')
        echo "| $n | audit --format $f | $runs | $t | $c | $m | $ratio |"
    done
done
