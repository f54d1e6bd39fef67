package org.carpsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;

/**
 * The virtual addresses the HMAC of each vhid is checked with: the {@code --vip} list for every
 * vhid, or, without it, the addresses announced by gratuitous ARPs that belong to the vhid.
 *
 * <p>A gratuitous ARP (sender IP = target IP) belongs to vhid V when its sender MAC is V's virtual
 * MAC 00:00:5e:00:01:V (OpenBSD, FreeBSD), or the Ethernet source of V's advertisements (a carp
 * interface with its own lladdr), or when it was sent within {@link #NEARBY_NANOS} of an
 * advertisement of V (ucarp announces with the host's real MAC 20–50 µs before or after its
 * advertisement).
 */
final class DecodeVips {

  /** How close in time a gratuitous ARP and an advertisement must be to belong together. */
  static final long NEARBY_NANOS = 10_000_000L;

  private final boolean given;
  private final List<Ipv4Address> givenV4;
  private final List<Ipv6Address> givenV6;
  private final Map<Integer, Set<Ipv4Address>> inferred = new TreeMap<>();
  private final Map<Integer, Integer> garpCount = new TreeMap<>();

  /** A gratuitous ARP and the vhid of the advertisement nearest in time (within the window), if any. */
  private static final class Garp {
    final long t;
    final Ipv4Address ip;
    final MacAddress sender;
    int nearVhid = -1;
    long nearGap = Long.MAX_VALUE;

    Garp(long t, Ipv4Address ip, MacAddress sender) {
      this.t = t;
      this.ip = ip;
      this.sender = sender;
    }

    void near(long gap, int vhid) {
      if (gap <= NEARBY_NANOS && gap < nearGap) {
        nearGap = gap;
        nearVhid = vhid;
      }
    }
  }

  /** What {@link #infer} needs of a gratuitous ARP once its nearest advertisement is known. */
  private record Settled(Ipv4Address ip, MacAddress sender, int nearVhid) {}

  /**
   * Streaming state: captures are in time order, so only the last advertisement and the ARPs since
   * then are held one by one; an ARP whose nearest advertisement is known is only counted, so a long
   * capture holds one entry per distinct (address, sender, nearest vhid), not one per ARP.
   */
  private final Map<Settled, Integer> settled = new java.util.HashMap<>();
  private final List<Garp> waitingForNextAdvert = new ArrayList<>();
  private final Map<MacAddress, Integer> vhidBySourceMac = new java.util.HashMap<>();
  private final Set<Integer> vhidsSeen = new TreeSet<>();
  private long lastAdvertT = Long.MIN_VALUE;
  private int lastAdvertVhid = -1;

  private DecodeVips(boolean given, List<Ipv4Address> v4, List<Ipv6Address> v6) {
    this.given = given;
    this.givenV4 = List.copyOf(v4);
    this.givenV6 = List.copyOf(v6);
  }

  /** The addresses of {@code --vip}, used for every vhid, in the order given. */
  static DecodeVips given(List<Ipv4Address> v4, List<Ipv6Address> v6) {
    return new DecodeVips(true, v4, v6);
  }

  /** Addresses to be inferred: feed {@link #advertisement} and {@link #gratuitousArp} in capture order, then {@link #infer}. */
  static DecodeVips toInfer() {
    return new DecodeVips(false, List.of(), List.of());
  }

  boolean isGiven() {
    return given;
  }

  void advertisement(long t, int vhid, MacAddress source) {
    vhidsSeen.add(vhid);
    vhidBySourceMac.putIfAbsent(source, vhid);
    for (Garp g : waitingForNextAdvert) {
      g.near(Math.abs(t - g.t), vhid);
      settle(g);
    }
    waitingForNextAdvert.clear();
    lastAdvertT = t;
    lastAdvertVhid = vhid;
  }

  void gratuitousArp(long t, Ipv4Address ip, MacAddress sender) {
    Garp g = new Garp(t, ip, sender);
    if (lastAdvertVhid >= 0) {
      g.near(Math.abs(t - lastAdvertT), lastAdvertVhid);
    }
    waitingForNextAdvert.add(g);
  }

  private void settle(Garp g) {
    settled.merge(new Settled(g.ip, g.sender, g.nearVhid), 1, Integer::sum);
  }

  /** Associates the gratuitous ARPs seen with vhids. */
  void infer() {
    waitingForNextAdvert.forEach(this::settle); // no advertisement came after these
    waitingForNextAdvert.clear();
    settled.forEach((g, count) -> {
      int vhid = owner(g);
      if (vhid >= 0) {
        inferred.computeIfAbsent(vhid, v -> new TreeSet<>()).add(g.ip());
        garpCount.merge(vhid, count, Integer::sum);
      }
    });
  }

  private int owner(Settled g) {
    // The virtual MAC names its vhid: 00:00:5e:00:01:vhid.
    if ((g.sender().value() & ~0xffL) == 0x00005e000100L && vhidsSeen.contains((int) (g.sender().value() & 0xff))) {
      return (int) (g.sender().value() & 0xff);
    }
    Integer byLladdr = vhidBySourceMac.get(g.sender());
    return byLladdr != null ? byLladdr : g.nearVhid();
  }

  List<Ipv4Address> ipv4(int vhid) {
    return given ? givenV4 : List.copyOf(inferred.getOrDefault(vhid, Set.of()));
  }

  List<Ipv6Address> ipv6(int vhid) {
    return given ? givenV6 : List.of();
  }

  boolean known(int vhid) {
    // an inferred set is made with its first address, so it is never empty
    return given ? !givenV4.isEmpty() || !givenV6.isEmpty() : inferred.containsKey(vhid);
  }

  /** One line per vhid saying which addresses are used and where they come from. */
  List<String> describe(Set<Integer> vhids) {
    List<String> lines = new ArrayList<>();
    if (given) {
      List<String> all = new ArrayList<>();
      givenV4.forEach(a -> all.add(a.toString()));
      givenV6.forEach(a -> all.add(a.toString()));
      lines.add("HMAC checked with VIPs " + String.join(", ", all) + " (from --vip) for every vhid");
      return lines;
    }
    for (int vhid : vhids) {
      if (known(vhid)) {
        lines.add("vhid " + vhid + ": HMAC checked with VIP " + join(ipv4(vhid)) + " (inferred from "
            + garpCount.get(vhid) + " gratuitous ARP(s) of that vhid)");
      } else {
        lines.add("vhid " + vhid + ": no VIP given and none can be inferred (no gratuitous ARP from "
            + MacAddress.carpVirtual(vhid) + " or next to its advertisements); HMAC not checked, use --vip");
      }
    }
    return lines;
  }

  private static String join(List<Ipv4Address> l) {
    List<String> s = new ArrayList<>();
    l.forEach(a -> s.add(a.toString()));
    return String.join(", ", s);
  }
}
