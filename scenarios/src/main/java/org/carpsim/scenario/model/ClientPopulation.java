package org.carpsim.scenario.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.IpFamily;

/**
 * Simulated clients on a segment, one of two kinds:
 * <ul>
 *   <li>{@code clients SEG N from CIDR arp VIP every D [mac FIRST] [start T]}: they ARP for a
 *       virtual address at a steady rate, to measure ARP balancing ({@code expect arp-share});
 *   <li>{@code clients SEG N from CIDR send VIP every D [cache MODEL] [mac FIRST] [start T]}: they
 *       send a packet to the virtual address every D through a neighbour cache of their own ({@link
 *       NeighbourCacheModel}: ARP for IPv4, neighbour discovery for IPv6), each counted as served or
 *       gone nowhere by the host that receives it, to measure what users feel: the outage per client
 *       ({@code expect outage}).
 * </ul>
 *
 * <p>Client {@code i} (0-based):
 * <ul>
 *   <li>has the MAC {@code firstMac + i};
 *   <li>has the {@code i}-th free host address of {@code from} (ascending, network and broadcast
 *       addresses, an IPv6 prefix's Subnet-Router anycast address and {@link #reserved()} skipped), wrapping around when there are more clients than free
 *       addresses, so that several clients then share an address;
 *   <li>sends its first ARP request (or packet) for {@code target} at {@code start + i * interval /
 *       count} (evenly staggered over one interval), then one every {@code interval}.
 * </ul>
 *
 * @param segment where the clients are
 * @param count how many, 1..1000000
 * @param from the subnet (IPv4) or prefix (IPv6) their addresses come from
 * @param target the address they ARP for or send to, of {@code from}'s family (IPv4 only for ARP)
 * @param interval time between two requests of one client, positive
 * @param start when the first client sends its first request
 * @param firstMac the first client's MAC; the default is {@code 0a:00:KK:00:00:01} for the K-th
 *     {@code clients} line of the scenario
 * @param cache the neighbour cache of clients that send traffic, of {@code from}'s family; empty for
 *     clients that only ARP
 * @param reserved host addresses of {@code from} that clients never take (the NICs' addresses and the
 *     addresses the hosts' configuration sets), ascending
 * @param origin the {@code clients} line
 */
public record ClientPopulation(String segment, int count, IpPrefix from, IpAddress target, long interval,
    long start, MacAddress firstMac, Optional<NeighbourCacheModel> cache, List<IpAddress> reserved, Origin origin) {

  /** One simulated client. */
  public record Client(int index, MacAddress mac, IpAddress address, long firstRequestAt) {}

  /** Validates the ranges and sorts the reserved addresses. */
  public ClientPopulation {
    if (count < 1) {
      throw new IllegalArgumentException("a client population needs at least one client");
    }
    if (interval <= 0) {
      throw new IllegalArgumentException("the request interval must be positive");
    }
    if (family(from) != family(target)) {
      throw new IllegalArgumentException("the clients' " + from.familyName() + " subnet " + from + " and the address "
          + target + " are of different families");
    }
    if (cache.isPresent() ? cache.get().family() != family(from) : family(from) != IpFamily.IPV4) {
      throw new IllegalArgumentException("clients that only ARP need an IPv4 subnet, and a cache model of their family");
    }
    List<IpAddress> r = new ArrayList<>();
    for (IpAddress a : reserved) {
      if (from.hostIndexOf(a) >= 0 && !r.contains(a)) {
        r.add(a);
      }
    }
    r.sort(java.util.Comparator.comparingLong(from::hostIndexOf));
    reserved = List.copyOf(r);
    if (from.hostCount() - reserved.size() <= 0) {
      throw new IllegalArgumentException(from + " has no free address for clients");
    }
  }

  /**
   * The simulated host that stands for the {@code ordinal}-th (1-based) {@code clients} line: one
   * NIC, {@code eth0}, for all its clients (':' is no host name character, so it names no real host).
   * A partition places it on a side by the line's {@code from} subnet.
   */
  public static String hostName(int ordinal) {
    return "clients:" + ordinal;
  }

  /** The default first MAC of the {@code ordinal}-th (1-based) {@code clients} line. */
  public static MacAddress defaultFirstMac(int ordinal) {
    return new MacAddress(0x0a00_0000_0001L | ((long) (ordinal & 0xff) << 24));
  }

  /** The address family of a prefix. */
  public static IpFamily family(IpPrefix prefix) {
    return prefix instanceof Ipv4Prefix ? IpFamily.IPV4 : IpFamily.IPV6;
  }

  /** The family of an address. */
  public static IpFamily family(IpAddress address) {
    return address instanceof org.carpsim.carp.net.Ipv4Address ? IpFamily.IPV4 : IpFamily.IPV6;
  }

  /** The clients' address family. */
  public IpFamily family() {
    return family(from);
  }

  /** Whether the clients send traffic to the target (rather than only ARP for it). */
  public boolean sendsTraffic() {
    return cache.isPresent();
  }

  /** Number of distinct addresses the clients can take. */
  public long freeAddresses() {
    return from.hostCount() - reserved.size();
  }

  /** Client {@code i}'s MAC. */
  public MacAddress mac(int i) {
    return new MacAddress(firstMac.value() + checkIndex(i));
  }

  /** Client {@code i}'s address. */
  public IpAddress address(int i) {
    long k = checkIndex(i) % freeAddresses();
    for (IpAddress r : reserved) {
      if (from.hostIndexOf(r) <= k) {
        k++;
      } else {
        break;
      }
    }
    return from.hostAddress(k);
  }

  /** When client {@code i} sends its first request. */
  public long firstRequestAt(int i) {
    BigInteger offset = BigInteger.valueOf(interval).multiply(BigInteger.valueOf(checkIndex(i)))
        .divide(BigInteger.valueOf(count));
    return start + offset.longValueExact();
  }

  /** Client {@code i}. */
  public Client client(int i) {
    return new Client(i, mac(i), address(i), firstRequestAt(i));
  }

  /** All clients, in index order. */
  public List<Client> clients() {
    List<Client> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(client(i));
    }
    return out;
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("client " + i + " of " + count);
    }
    return i;
  }
}
