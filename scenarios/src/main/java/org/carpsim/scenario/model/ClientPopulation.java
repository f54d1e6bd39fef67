package org.carpsim.scenario.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;

/**
 * Simulated clients on a segment, one of two kinds:
 * <ul>
 *   <li>{@code clients SEG N from CIDR arp VIP every D [mac FIRST] [start T]}: they ARP for a
 *       virtual address at a steady rate, to measure ARP balancing ({@code expect arp-share});
 *   <li>{@code clients SEG N from CIDR send VIP every D [cache MODEL] [mac FIRST] [start T]}: they
 *       send a packet to the virtual address every D through an ARP cache of their own ({@link
 *       ArpCacheModel}), each counted as served or gone nowhere by the host that receives it, to
 *       measure what users feel: the outage per client ({@code expect outage}).
 * </ul>
 *
 * <p>Client {@code i} (0-based):
 * <ul>
 *   <li>has the MAC {@code firstMac + i};
 *   <li>has the {@code i}-th free host address of {@code from} (ascending, network and broadcast
 *       addresses and {@link #reserved()} skipped), wrapping around when there are more clients than free
 *       addresses, so that several clients then share an address;
 *   <li>sends its first ARP request (or packet) for {@code target} at {@code start + i * interval /
 *       count} (evenly staggered over one interval), then one every {@code interval}.
 * </ul>
 *
 * @param segment where the clients are
 * @param count how many, 1..1000000
 * @param from the subnet their addresses come from
 * @param target the address they ARP for
 * @param interval time between two requests of one client, positive
 * @param start when the first client sends its first request
 * @param firstMac the first client's MAC; the default is {@code 0a:00:KK:00:00:01} for the K-th
 *     {@code clients} line of the scenario
 * @param cache the ARP cache of clients that send traffic; empty for clients that only ARP
 * @param reserved host addresses of {@code from} that clients never take (the NICs' addresses and the
 *     addresses the hosts' configuration sets), ascending
 * @param origin the {@code clients} line
 */
public record ClientPopulation(String segment, int count, Ipv4Prefix from, Ipv4Address target, long interval,
    long start, MacAddress firstMac, Optional<ArpCacheModel> cache, List<Ipv4Address> reserved, Origin origin) {

  /** One simulated client. */
  public record Client(int index, MacAddress mac, Ipv4Address address, long firstRequestAt) {}

  /** Validates the ranges and sorts the reserved addresses. */
  public ClientPopulation {
    if (count < 1) {
      throw new IllegalArgumentException("a client population needs at least one client");
    }
    if (interval <= 0) {
      throw new IllegalArgumentException("the request interval must be positive");
    }
    List<Ipv4Address> r = new ArrayList<>();
    for (Ipv4Address a : reserved) {
      if (from.isHostAddress(a) && !r.contains(a)) {
        r.add(a);
      }
    }
    r.sort(null);
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
  public Ipv4Address address(int i) {
    long k = checkIndex(i) % freeAddresses();
    for (Ipv4Address r : reserved) {
      if (from.hostIndex(r) <= k) {
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
