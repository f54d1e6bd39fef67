package org.carpsim.carp.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.carpsim.carp.profile.Balancing.BalancingMode;

/**
 * Which carp interface of one host answers an ARP request for a shared address (§7), under the
 * profile's balancing rule: the walk over the interfaces holding the address. The node's ARP code
 * and {@code carpsim balance} both call it, so the analysis cannot drift from the simulation.
 */
public final class ArpBalanceWalk {

  private ArpBalanceWalk() {}

  /** A carp interface (or ucarp daemon) of the host that holds the requested address. */
  public interface Holder {
    /** How many vhosts the interface has (one but for OpenBSD's carpnodes); the first leads. */
    int vhostCount();

    /** Whether vhost {@code index} (0 = the leader) is MASTER. */
    boolean master(int index);

    /** OpenBSD's {@code balancing} mode of the interface, NONE elsewhere. */
    BalancingMode mode();

    /** {@code sc_hashkey} ({@code CarpHmac.balancingHashKey}); only the MAC-hash rules ask. */
    int[] hashKey();

    /** The 20-byte CARP key; only the MAC-hash rules ask. */
    byte[] key();

    /** Position of its copy of the address in the host's global address list (smaller = earlier). */
    long addressOrder();

    /** True for a ucarp daemon rather than a kernel carp interface. */
    boolean ucarp();

    /** For a ucarp daemon: whether its up-script's address is on the NIC now. */
    boolean ucarpVipHeld();
  }

  /** Why the holder answers, which decides the MACs of the reply. */
  public enum Why {
    /** A ucarp host answers from its own NIC while the up-script's address is there. */
    UCARP_DAEMON,
    /** The sender-IP or sender-MAC arpbalance rule picked this holder; its leader answers. */
    ARPBALANCE,
    /** OpenBSD {@code balancing arp}: the hash picked vhost {@link Answer#vhost()} of the interface. */
    BALANCING_ARP,
    /** OpenBSD's other {@code balancing} modes (none, ip…): the leader answers with the interface's lladdr. */
    LEADER_WITH_LLADDR,
    /** No balancing: the first holder (vhid order) that may answer. */
    FIRST_HOLDER
  }

  /**
   * The answer of one host.
   *
   * @param holder the interface that answers
   * @param vhost the index of the answering vhost in it (0 = the leader)
   * @param why which rule chose it
   */
  public record Answer<H extends Holder>(H holder, int vhost, Why why) {}

  /**
   * The holder that answers, if any.
   *
   * @param balancing the profile's balancing switches
   * @param arpbalance the host's {@code net.inet.carp.arpbalance} is on
   * @param holders the running holders of the address on the receiving NIC, in the parent's carp list
   *     order (ascending leader vhid)
   * @param senderIp the ARP sender IP, network order (asked only by the sender-IP rules)
   * @param senderMac the ARP sender MAC in its low 48 bits (asked only by the MAC-hash rules)
   */
  public static <H extends Holder> Optional<Answer<H>> answer(Balancing balancing, boolean arpbalance,
      List<H> holders, IntSupplier senderIp, LongSupplier senderMac) {
    List<H> kernel = new ArrayList<>(holders.size());
    for (H sc : holders) {
      if (sc.ucarpVipHeld()) {
        return found(sc, 0, Why.UCARP_DAEMON);
      }
      if (!sc.ucarp()) {
        kernel.add(sc);
      }
    }
    if (kernel.isEmpty()) {
      return Optional.empty();
    }
    switch (balancing.arp()) {
      case SENDER_IP_RAW_MODULO:
      case SENDER_IP_HOST_ORDER_MODULO:
        if (arpbalance) {
          H sc = kernel.get(balancing.senderIndex(senderIp.getAsInt(), kernel.size()));
          return sc.master(0) ? found(sc, 0, Why.ARPBALANCE) : Optional.empty();
        }
        break;
      case SENDER_MAC_CARP_HASH:
        if (arpbalance) {
          // NetBSD and OpenBSD 1.137 walk the global address list: holder i answers iff hash % n == i
          kernel.sort(Comparator.comparingLong(Holder::addressOrder));
          for (int i = 0; i < kernel.size(); i++) {
            H sc = kernel.get(i);
            if (Balancing.senderMacIndex(sc.hashKey(), sc.key(), senderMac.getAsLong(), kernel.size()) == i
                && sc.master(0)) {
              return found(sc, 0, Why.ARPBALANCE);
            }
          }
          return Optional.empty();
        }
        break;
      case PER_INTERFACE_MODES:
        for (H sc : kernel) {
          if (sc.mode() == BalancingMode.ARP) {
            int count = Math.min(balancing.maxNodesPerInterface(), sc.vhostCount());
            int index = Balancing.senderMacIndex(sc.hashKey(), sc.key(), senderMac.getAsLong(), sc.vhostCount());
            if (index < count && sc.master(index)) {
              return found(sc, index, Why.BALANCING_ARP);
            }
          } else if (sc.master(0)) {
            return found(sc, 0, Why.LEADER_WITH_LLADDR);
          }
        }
        return Optional.empty();
      default:
        break;
    }
    for (H sc : kernel) {
      if (!balancing.arpReplyRequiresMaster() || sc.master(0)) {
        return found(sc, 0, Why.FIRST_HOLDER);
      }
    }
    return Optional.empty();
  }

  private static <H extends Holder> Optional<Answer<H>> found(H holder, int vhost, Why why) {
    return Optional.of(new Answer<>(holder, vhost, why));
  }
}
