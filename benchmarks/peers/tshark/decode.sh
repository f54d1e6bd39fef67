#!/usr/bin/env bash
# `carpsim decode` beside `tshark -T fields` on one capture, the same fields, alternating runs,
# whole process (/usr/bin/time: wall, CPU, max RSS), output to /dev/null. tshark is asked for what
# decode prints: number, time, MACs, IPv4 addresses, TTL and header checksum, every CARP field with
# its checksum checked, the ARP operation and addresses (it cannot check CARP HMACs, so --pass is
# set against the same tshark run).
#
# usage: benchmarks/peers/tshark/decode.sh PCAP [--rounds N] [--pass P]
#   e.g. ./carpsim generate --segments 100 --groups 1000 --hosts-per-group 3 --duration 5m --seed 7 > /tmp/campus.carp
#        ./carpsim run /tmp/campus.carp --quiet --pcap /tmp/campus.pcap
#        benchmarks/peers/tshark/decode.sh /tmp/campus.pcap --pass g0
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
pcap="${1:-}"
[[ -n "$pcap" && "$pcap" != -* ]] || { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
shift
rounds=5
pass=secret
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    --pass) pass="${2:?--pass needs a passphrase}"; shift 2 ;;
    *) echo "decode.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ -r "$pcap" ]] || { echo "decode.sh: $pcap: no such capture" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "decode.sh: --rounds $rounds: expected a whole number from 1" >&2; exit 2; }
command -v tshark >/dev/null || { echo "decode.sh: tshark is needed: apt-get install tshark" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "decode.sh: /usr/bin/time is needed: apt-get install time" >&2; exit 2; }

carpsim="$root/carpsim"
"$carpsim" --version >/dev/null # builds the jar on first use, outside the timings
work="$(mktemp -d "${TMPDIR:-/tmp}/carpsim-decode.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fields=(frame.number frame.time_relative eth.src eth.dst ip.src ip.dst ip.ttl ip.checksum.status carp.version carp.type
  carp.vhid carp.advskew carp.authlen carp.demotion carp.adver_int carp.counter carp.hmac carp.checksum.status
  arp.opcode arp.src.hw_mac arp.src.proto_ipv4 arp.dst.proto_ipv4)
tshark_cmd=(tshark -n -o ip.try_heuristic_first:TRUE -o ip.check_checksum:TRUE -r "$pcap" -T fields)
for f in "${fields[@]}"; do tshark_cmd+=(-e "$f"); done

timed() { # LABEL CMD...: appends "wall user sys maxrss_kb"
  local label="$1"
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/t" >>"$work/$label"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "$(basename "$pcap"): $(stat -c %s "$pcap") bytes; $rounds alternating rounds; $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 0; r < rounds; r++)); do
  timed tshark "${tshark_cmd[@]}"
  timed table "$carpsim" decode "$pcap" --quiet
  timed json "$carpsim" decode "$pcap" --quiet --json
  timed pass "$carpsim" decode "$pcap" --quiet --pass "$pass"
done
printf '%-34s %9s %9s %9s %10s\n' "command (medians)" "wall s" "CPU s" "max RSS" "tshark ÷"
tw=$(cut -d' ' -f1 "$work/tshark" | median)
for label in tshark table json pass; do
  case $label in
    tshark) name="tshark -T fields (${#fields[@]} fields)" ;;
    table) name="carpsim decode" ;;
    json) name="carpsim decode --json" ;;
    pass) name="carpsim decode --pass P" ;;
  esac
  wall=$(cut -d' ' -f1 "$work/$label" | median)
  cpu=$(awk '{print $2 + $3}' "$work/$label" | median)
  rss=$(cut -d' ' -f4 "$work/$label" | median)
  printf '%-34s %9.2f %9.2f %6d MB %9.1f×\n' "$name" "$wall" "$cpu" $((rss / 1024)) "$(awk -v a="$tw" -v b="$wall" 'BEGIN {print a / b}')"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
