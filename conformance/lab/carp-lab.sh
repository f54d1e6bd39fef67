#!/bin/sh
# carp-lab.sh — a throwaway CARP lab of Linux network namespaces joined by a bridge.
#
#   carp-lab.sh up   PREFIX HOST...   build PREFIX-sw (bridge br0) and one namespace PREFIX-HOST per
#                                     HOST, each with eth0 = 10.99.0.(10+i)/24 (i = 1, 2, ...)
#   carp-lab.sh up --ipv6 PREFIX HOST...
#                                     the same with IPv6 on in the hosts: eth0 also has its EUI-64
#                                     link-local address and fd99::(10+i)/64 (no DAD, so at once)
#   carp-lab.sh down PREFIX HOST...   delete exactly those namespaces (kill your processes first)
#
# Example:  carp-lab.sh up cs-$$ h1 h2 t
#           ip netns exec cs-$$-h1 ucarp --interface=eth0 --srcip=10.99.0.11 --vhid=1 --pass=secret \
#               --addr=10.99.0.100 --upscript=/tmp/up.sh --downscript=/tmp/down.sh &
#           carp-lab.sh down cs-$$ h1 h2 t
#
# Safety: every interface lives inside the lab's namespaces (the veth pairs are created there, never
# in the caller's namespace); only 10.99.0.0/24 is used; IPv6 is disabled in every namespace unless
# --ipv6 is given (then the hosts use link-local addresses and the ULA fd99::/64 only); the
# bridge has STP off, forward delay 0 and multicast snooping off (so 224.0.0.18 reaches every port).
# Needs root (or CAP_SYS_ADMIN + CAP_NET_ADMIN) and iproute2.
set -eu

usage() { echo "usage: $0 up [--ipv6] PREFIX HOST... | down PREFIX HOST..." >&2; exit 2; }
[ $# -ge 3 ] || usage
cmd=$1; shift
ipv6=0
if [ "$cmd" = up ] && [ "$1" = --ipv6 ]; then ipv6=1; shift; fi
[ $# -ge 2 ] || usage
prefix=$1; shift
case "$prefix" in *[!A-Za-z0-9-]*|"") echo "bad PREFIX '$prefix' (letters, digits, '-')" >&2; exit 2;; esac
sw="$prefix-sw"

noipv6() { ip netns exec "$1" sh -c 'for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6; do [ -w "$f" ] && echo 1 > "$f"; done; true'; }
# IPv6 on, without duplicate address detection (addresses usable at once) and without router
# solicitations (nothing leaves the lab anyway, but the capture stays quiet).
ipv6on() { ip netns exec "$1" sh -c 'for k in accept_dad dad_transmits router_solicitations; do for c in all default; do f=/proc/sys/net/ipv6/conf/$c/$k; [ -w "$f" ] && echo 0 > "$f"; done; done; for c in all default; do echo 0 > /proc/sys/net/ipv6/conf/$c/disable_ipv6; done; true'; }

case "$cmd" in
up)
  ip netns add "$sw"
  noipv6 "$sw"
  ip -n "$sw" link set lo up
  ip -n "$sw" link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0
  ip -n "$sw" link set br0 up
  i=0
  for h in "$@"; do
    i=$((i + 1))
    ns="$prefix-$h"
    ip netns add "$ns"
    if [ "$ipv6" = 1 ]; then ipv6on "$ns"; else noipv6 "$ns"; fi
    ip -n "$ns" link set lo up
    ip -n "$sw" link add "p-$h" type veth peer name eth0 netns "$ns"
    ip -n "$sw" link set "p-$h" master br0
    ip -n "$sw" link set "p-$h" up
    ip -n "$ns" addr add "10.99.0.$((10 + i))/24" dev eth0
    if [ "$ipv6" = 1 ]; then ip -n "$ns" addr add "fd99::$((10 + i))/64" dev eth0 nodad; fi
    ip -n "$ns" link set eth0 up
  done
  ;;
down)
  rc=0
  for h in "$@"; do
    ip netns del "$prefix-$h" 2>/dev/null || [ ! -e "/var/run/netns/$prefix-$h" ] || rc=1
  done
  ip netns del "$sw" 2>/dev/null || [ ! -e "/var/run/netns/$sw" ] || rc=1
  exit $rc
  ;;
*) usage ;;
esac
