package org.carpsim.carp.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;

/** A physical Ethernet interface of a host: carrier, UP flag, addresses, attached carp, ARP cache. */
final class Nic {

  final String name;
  final MacAddress mac;
  final long macValue;
  /** Link (carrier) state, set by the world. */
  boolean carrier = true;
  /** The driver fails every transmit with ENOBUFS (a tx-error fault), set by the world. */
  boolean txErrors;
  /** IFF_UP, set by {@code ifconfig em0 up|down}. */
  boolean adminUp = true;
  /** IFF_SIMPLEX: the NIC does not hear its own transmissions (true for Ethernet). */
  boolean simplex = true;
  int mtu = 1500;
  String description = "";
  /** Own addresses, and on FreeBSD also the vhid addresses (tagged with their vhid). */
  final AddressList addrs = new AddressList();
  /** Carp interfaces / vhids / ucarp daemons on this parent, kept in vhid order (the kernels' list). */
  final List<CarpIf> carps = new ArrayList<>(2);
  final Set<String> groups = new LinkedHashSet<>();
  /**
   * At most this many ARP (and ND) entries per NIC, as a kernel bounds its table (Linux's
   * gc_thresh3 is 1024): a flood of requests from made-up senders must not grow a long-running
   * live node for ever. The oldest entry goes first; no simulated segment comes near it.
   */
  static final int NEIGHBOUR_LIMIT = 4096;
  /** ARP cache learned from received ARP packets: IPv4 (network order) → MAC. */
  final ArpTable arpCache = new ArpTable(NEIGHBOUR_LIMIT);
  /** IPv6 neighbours learned from solicitations (their source link-layer option). */
  final Map<org.carpsim.carp.net.Ipv6Address, MacAddress> ndCache = bounded();
  /** Frames waiting for an ARP reply (BSD keeps the last one per destination), keyed by next hop. */
  final Map<Integer, byte[]> held = new HashMap<>();
  final long[] stats;

  private static <K, V> Map<K, V> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > NEIGHBOUR_LIMIT;
      }
    };
  }

  Nic(String name, MacAddress mac, long[] stats) {
    this.name = name;
    this.mac = mac;
    this.macValue = mac.value();
    this.stats = stats;
  }

  /** Link up and IFF_UP: frames pass. */
  boolean running() {
    return carrier && adminUp;
  }

  /** The first own (not vhid-bound) IPv4 address, or null. */
  Ipv4Address firstOwnV4() {
    for (AddressList.V4 a : addrs.v4) {
      if (a.vhid() == 0) {
        return a.address();
      }
    }
    return null;
  }

  /** True when {@code value} is one of the NIC's own IPv4 addresses (not a vhid's). */
  boolean ownsV4(int value) {
    for (AddressList.V4 a : addrs.v4) {
      if (a.vhid() == 0 && a.address().value() == value) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return name;
  }
}
