#!/usr/bin/env bash
# carpsim beside ns-3 on the same steady-state campus: 10 masters per 30-host segment advertising
# every second, every other host reading each advertisement, backups re-arming a 3 s timer.
# Installs Debian's ns3 and libns3-dev when missing (apt-get, needs root), builds carp-steady.cc
# with g++ -O2, then runs, alternating, for each size: `carpsim run CAMPUS` (the default path, as a
# user types it, on `carpsim generate --segments S --groups G --hosts-per-group 3 --duration 5m`),
# ns-3 with packet sockets (l2) and ns-3's IPv4 stack with raw sockets (ip). Prints, per size and
# contender, medians of the whole process: simulated seconds per wall second, deliveries per wall
# second, peak memory (max RSS) and CPU per advertisement, and carpsim's ratio to each ns-3 model.
#
# usage: benchmarks/peers/ns3/run.sh [--rounds N] [--sizes 300,3000,30000] [--no-30000]
#   --rounds N   alternating rounds per size (default 3; 30,000 hosts get one round)
#   --no-30000   skip the 30,000-host step (about 15 minutes on 2 cores)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
rounds=3
sizes="300,3000,30000"
skip30000=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    --sizes) sizes="${2:?--sizes needs a list such as 300,3000}"; shift 2 ;;
    --no-30000) skip30000=1; shift ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --rounds $rounds: expected a whole number from 1" >&2; exit 2; }
for n in ${sizes//,/ }; do
  [[ "$n" =~ ^[1-9][0-9]*$ && $((n % 30)) -eq 0 ]] || { echo "run.sh: --sizes: '$n' is not a multiple of 30 hosts" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "run.sh: python3 is needed to read carpsim's JSON" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "run.sh: /usr/bin/time is needed for peak memory: apt-get install time" >&2; exit 2; }

if ! dpkg -s ns3 libns3-dev >/dev/null 2>&1; then
  [[ $(id -u) -eq 0 ]] || { echo "run.sh: ns3 and libns3-dev are missing; run as root to install them, or apt-get install ns3 libns3-dev" >&2; exit 2; }
  echo "run.sh: installing ns3 and libns3-dev (Debian's ns-3)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y ns3 libns3-dev >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/carpsim-ns3.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Debian's .pc files carry a stray "-I/usr;" and name libgsl.so, which only libgsl-dev installs;
# the ns-3 libraries pull their own dependencies in, so both are left out.
libs=()
for t in $(pkg-config --libs ns3-csma ns3-internet ns3-network ns3-core); do
  case "$t" in
    *\;*) ;;
    /*) [[ -e "$t" ]] && libs+=("$t") ;;
    *) libs+=("$t") ;;
  esac
done
ns3bin="$work/carp-steady"
g++ -O2 -std=c++17 -o "$ns3bin" "$here/carp-steady.cc" "${libs[@]}"
ns3ver="$(pkg-config --modversion ns3-core)"

carpsim="$root/carpsim"
"$carpsim" --version >/dev/null # builds the jar on first use, outside the timings

# timed LABEL OUT CMD...: runs CMD with stdout to OUT, appends "wall user sys maxrss_kb" to $work/LABEL
timed() {
  local label="$1" out="$2"
  shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.$$" "$@" >"$out"
  cat "$work/time.$$" >>"$work/$label"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "carpsim $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') beside ns-3 $ns3ver; $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-7s %-22s %9s %12s %14s %9s %10s\n' hosts model "wall s" "sim s/wall s" "deliveries/s" "max RSS" "CPU/advert"
declare -A sps rss_mb
for hosts in ${sizes//,/ }; do
  [[ $skip30000 == 1 && $hosts == 30000 ]] && continue
  segments=$((hosts / 30))
  groups=$((hosts / 3))
  campus="$work/campus-$hosts.carp"
  "$carpsim" generate --segments "$segments" --groups "$groups" --hosts-per-group 3 --duration 5m --seed 7 >"$campus"
  simulated=300
  # carpsim's advertisements and deliveries (CARP packets counted in by a receiving interface) come
  # from one untimed --json run; the same seed gives the same history in the timed runs.
  "$carpsim" run "$campus" --quiet --json >"$work/run.json" || true
  read -r c_adverts c_deliveries < <(python3 - "$work/run.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
adverts = sum(len(a["t_ns"]) for a in d["adverts"])
deliveries = sum(i["ipackets"] + i["ipackets6"] for h in d["stats"].values() for i in h.values())
print(adverts, deliveries)
EOF
)
  n=$rounds
  [[ $hosts -ge 30000 ]] && n=1
  rm -f "$work"/carpsim "$work"/l2 "$work"/ip
  for ((r = 0; r < n; r++)); do
    timed carpsim /dev/null "$carpsim" run "$campus" || true # expectations may fail; the time counts
    timed l2 "$work/l2.out" "$ns3bin" --segments="$segments" --duration="$simulated" --mode=l2
    timed ip "$work/ip.out" "$ns3bin" --segments="$segments" --duration="$simulated" --mode=ip
  done

  for model in carpsim l2 ip; do
    if [[ $model == carpsim ]]; then
      adverts=$c_adverts deliveries=$c_deliveries name="carpsim run"
    else
      adverts=$(sed -n 's/.* adverts=\([0-9]*\).*/\1/p' "$work/$model.out")
      deliveries=$(sed -n 's/.* deliveries=\([0-9]*\).*/\1/p' "$work/$model.out")
      name="ns-3 $model"
    fi
    wall=$(cut -d' ' -f1 "$work/$model" | median)
    cpu=$(awk '{print $2 + $3}' "$work/$model" | median)
    rss=$(cut -d' ' -f4 "$work/$model" | median)
    sps[$model]=$(awk -v s=$simulated -v w="$wall" 'BEGIN {print s / w}')
    rss_mb[$model]=$((rss / 1024))
    printf '%-7s %-22s %9.2f %12.1f %14.0f %7d MB %7.1f µs\n' "$hosts" "$name ($n run(s))" "$wall" "${sps[$model]}" \
      "$(awk -v d="$deliveries" -v w="$wall" 'BEGIN {print d / w}')" $((rss / 1024)) \
      "$(awk -v c="$cpu" -v a="$adverts" 'BEGIN {print c * 1e6 / a}')"
  done
  for model in l2 ip; do
    printf '%-7s carpsim ÷ ns-3 %-7s %9s %12s  speed %.1f×, memory %.2f×\n' "$hosts" "$model" "" "" \
      "$(awk -v a="${sps[carpsim]}" -v b="${sps[$model]}" 'BEGIN {print a / b}')" \
      "$(awk -v a="${rss_mb[carpsim]}" -v b="${rss_mb[$model]}" 'BEGIN {print a / b}')"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
