#!/usr/bin/env bash
# Measures, side by side in one run, the floor (cmd/floor: read every post
# and decode its front matter, nothing else), sessionfeed binaries and
# Debian's hugo on sites written by cmd/gencorpus. docs/performance.md has
# the figures and says how they were taken.
#
#   docs/performance.sh REPS POSTS BIN...
#
# e.g. docs/performance.sh 5 350 /tmp/sf-before /tmp/sf-after
# Prints, per command, the median wall time (in ms, around GNU time), user
# and system CPU (GNU time's, in 10 ms steps), and the median peak RSS
# (GNU time's %M), over REPS runs; then, for the fresh builds, a table of
# runs each made right after a run of the floor, with the median ratio of
# the two (measure_ratios), which machine load and the state of the file
# system sway far less than a wall time.
set -euo pipefail
reps=$1 n=$2; shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp/sessionfeed-perf}
site=$work/site$n
mkdir -p "$work"
[ -x "$work/floor" ] || (cd "$root" && go build -o "$work/floor" ./cmd/floor)
[ -d "$site" ] || (cd "$root" && go run ./cmd/gencorpus -out "$site" -style hugo -posts "$n" -seed 1 >/dev/null)
# Hugo reads the same content folder with a configuration of its own kept
# beside it (a hugo.toml in the site would be read by sessionfeed too).
hsite=$work/hugo$n
if [ ! -d "$hsite" ]; then
  mkdir -p "$hsite/layouts/_default"
  printf 'baseURL = "https://hugo.example.org/"\ntitle = "t"\ntimeZone = "America/New_York"\ndisableKinds = ["taxonomy", "term"]\n[permalinks]\nposts = "/posts/:year/:month/:day/:slug/"\n' > "$hsite/hugo.toml"
  echo '{{ .Content }}' > "$hsite/layouts/_default/single.html"
  echo '{{ range .Pages }}{{ .Title }}{{ end }}' > "$hsite/layouts/_default/list.html"
fi
out=$work/out
export SESSIONFEED_CACHE=$work/cache
med() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
# measure LABEL MODE COMMAND...: MODE fresh empties the output folder before
# each run (the cache folder, with what earlier runs read of the posts, is
# kept); fresh-cold empties both, as on a new machine; changed edits one
# post (another each time) before each run.
measure() {
  local label=$1 mode=$2; shift 2
  : > "$work/times"
  for i in $(seq "$reps"); do
    [ "$mode" = fresh ] && rm -rf "$out"
    [ "$mode" = fresh-cold ] && rm -rf "$out" "$SESSIONFEED_CACHE"
    if [ "$mode" = changed ]; then
      post=$(find "$site/content" -name '*.md' ! -name '_index.md' | sort | sed -n "${i}p")
      printf '\nEdited for run %s.\n' "$i" >> "$post"
    fi
    t0=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 1000000 )) $(tail -n 1 "$work/t")" >> "$work/times"
  done
  printf "| %s | %s | %s | %s | %s | %s |\n" "$label" "$mode" \
    "$(cut -d' ' -f1 "$work/times" | med)" "$(cut -d' ' -f2 "$work/times" | med)" \
    "$(cut -d' ' -f3 "$work/times" | med)" "$(( $(cut -d' ' -f4 "$work/times" | med) / 1024 ))"
}
# fresh-new: each run into a new output folder, the binaries taking turns,
# before any run of this script removes a file: on an ext4 without a
# journal (this machine's) a new file is not given the inode of a file
# removed in the last minutes, and every such inode is stepped over, so
# that creating files after "rm -rf" of the last run's slows down with each
# run (the fresh and fresh-cold rows). The folders are removed at the end.
measure_new() {
  local i bin
  for bin in "$@"; do
    : > "$work/times-$(basename "$bin")"
    # A first build leaves in the cache folder what later ones find there.
    SESSIONFEED_CACHE="$work/cache-new-$(basename "$bin")" "$bin" build -site "$site" -out "$work/new-$(basename "$bin")-0" \
      -now 2026-01-01T00:00:00Z -previous none >/dev/null 2>&1 || true
  done
  for i in $(seq "$reps"); do
    for bin in "$@"; do
      local o="$work/new-$(basename "$bin")-$i" t0 t1
      t0=$(date +%s%N)
      SESSIONFEED_CACHE="$work/cache-new-$(basename "$bin")" /usr/bin/time -f "%U %S %M" -o "$work/t" \
        "$bin" build -site "$site" -out "$o" -now 2026-01-01T00:00:00Z -previous none >/dev/null 2>&1 || true
      t1=$(date +%s%N)
      echo "$(( (t1 - t0) / 1000000 )) $(tail -n 1 "$work/t")" >> "$work/times-$(basename "$bin")"
    done
  done
  for bin in "$@"; do
    local f="$work/times-$(basename "$bin")"
    printf "| %s | %s | %s | %s | %s | %s |\n" "$(basename "$bin")" fresh-new \
      "$(cut -d' ' -f1 "$f" | med)" "$(cut -d' ' -f2 "$f" | med)" \
      "$(cut -d' ' -f3 "$f" | med)" "$(( $(cut -d' ' -f4 "$f" | med) / 1024 ))"
  done
}
# measure_ratios MODE BIN...: fresh builds, each binary's run right after
# a run of the floor, so that both meet the machine (and the file system)
# in the same state; prints, per binary, the median wall time and the
# median of the ratios of each run to the floor run before it. MODE new:
# into a new folder each time (the cache kept); fresh: into an emptied
# folder (the cache kept); fresh-cold: output folder and cache emptied.
measure_ratios() {
  local mode=$1 i bin; shift
  for bin in "$@"; do
    local b; b=$(basename "$bin")
    : > "$work/ratio-wall-$b"; : > "$work/ratio-$b"
    rm -rf "$work/cache-ratio-$b"
    SESSIONFEED_CACHE="$work/cache-ratio-$b" "$bin" build -site "$site" -out "$work/ratio-$b-0" \
      -now 2026-01-01T00:00:00Z -previous none >/dev/null 2>&1 || true
  done
  for i in $(seq "$reps"); do
    local t0 t1 floor
    t0=$(date +%s%N); "$work/floor" "$site/content" >/dev/null; t1=$(date +%s%N)
    floor=$(( (t1 - t0) / 10000 ))
    for bin in "$@"; do
      local b o t; b=$(basename "$bin"); o="$work/ratio-$b-$i"
      case $mode in
        fresh) o="$work/ratio-$b-out"; rm -rf "$o" ;;
        fresh-cold) o="$work/ratio-$b-out"; rm -rf "$o" "$work/cache-ratio-$b" ;;
      esac
      t0=$(date +%s%N)
      SESSIONFEED_CACHE="$work/cache-ratio-$b" "$bin" build -site "$site" -out "$o" \
        -now 2026-01-01T00:00:00Z -previous none >/dev/null 2>&1 || true
      t1=$(date +%s%N); t=$(( (t1 - t0) / 10000 ))
      echo "$t" >> "$work/ratio-wall-$b"
      awk -v t="$t" -v f="$floor" 'BEGIN { printf "%.2f\n", t / f }' >> "$work/ratio-$b"
    done
  done
  for bin in "$@"; do
    local b; b=$(basename "$bin")
    printf "| %s | %s | %s | %s |\n" "$b" "$mode" \
      "$(awk '{ printf "%.1f\n", $1 / 100 }' "$work/ratio-wall-$b" | med)" "$(med < "$work/ratio-$b")"
  done
  rm -rf "$work"/ratio-* "$work"/cache-ratio-*
}
echo "| $n posts | run | wall ms | user s | sys s | peak RSS MB |"
echo "|---|---|---|---|---|---|"
measure floor read "$work/floor" "$site/content"
measure_new "$@"
for bin in "$@"; do
  build=("$bin" build -site "$site" -out "$out" -now 2026-01-01T00:00:00Z -previous none)
  measure "$(basename "$bin")" fresh-cold "${build[@]}"
  measure "$(basename "$bin")" fresh "${build[@]}"
  # rerun: nothing changed since the last run, which found everything up to
  # date (a binary with stamps left one; see README, "Reruns").
  rm -rf "$out" "$SESSIONFEED_CACHE"; "${build[@]}" >/dev/null 2>&1 || true
  sleep 0.2; "${build[@]}" >/dev/null 2>&1 || true
  measure "$(basename "$bin")" rerun "${build[@]}"
  # rerun, no stamp: the whole build over unchanged outputs.
  SESSIONFEED_CACHE=off measure "$(basename "$bin")" "rerun-nostamp" "${build[@]}"
  # changed: one post edited since the last run.
  cp -r "$site" "$work/pristine"
  measure "$(basename "$bin")" changed "${build[@]}"
  rm -rf "$site"; mv "$work/pristine" "$site"
done
if command -v hugo >/dev/null; then
  measure hugo fresh hugo --source "$hsite" --contentDir "$site/content" --destination "$out" --quiet
fi
rm -rf "$out" "$SESSIONFEED_CACHE" "$work"/new-* "$work"/cache-new-*
echo
echo "| $n posts, each run after one of the floor | run | wall ms | ratio to the floor |"
echo "|---|---|---|---|"
for mode in new fresh fresh-cold; do
  measure_ratios "$mode" "$@"
done
