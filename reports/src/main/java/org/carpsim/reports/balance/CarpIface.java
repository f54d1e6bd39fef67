package org.carpsim.reports.balance;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.CarpState;

/**
 * One running carp interface of a host that holds the shared address, as the ARP code sees it.
 *
 * @param name the interface ({@code carp0}; {@code em0} for a FreeBSD vhid on the parent)
 * @param vhosts its virtual hosts, ascending vhid; the first is the leader (one for every system but
 *     current OpenBSD's {@code carpnodes})
 * @param mode OpenBSD {@code balancing} mode, NONE elsewhere
 * @param key its CARP key (only the MAC-hash rules read it; never printed)
 * @param addressOrder the position of its copy of the shared address in the host's global address
 *     list (NetBSD and OpenBSD 1.137 walk holders in this order); smaller = added earlier
 * @param ucarpVipHeld for a ucarp daemon: whether its up-script has added the address (and no
 *     down-script removed it since); such a host answers ARP with its own MAC whatever the daemon's
 *     state. Empty for a kernel carp interface.
 */
public record CarpIface(String name, List<Vhost> vhosts, BalancingMode mode, CarpKey key, long addressOrder,
    Optional<Boolean> ucarpVipHeld) {

  /** One vhid of the interface and its state. */
  public record Vhost(int vhid, CarpState state) {
    /** True when MASTER. */
    public boolean master() {
      return state == CarpState.MASTER;
    }
  }

  /** A kernel carp interface. */
  public CarpIface(String name, List<Vhost> vhosts, BalancingMode mode, CarpKey key, long addressOrder) {
    this(name, vhosts, mode, key, addressOrder, Optional.empty());
  }

  /** Copies the list and checks there is a leader. */
  public CarpIface {
    vhosts = List.copyOf(vhosts);
    if (vhosts.isEmpty()) {
      throw new IllegalArgumentException(name + " has no vhid");
    }
  }

  /** The leader (lowest vhid): owns the lladdr and answers ARP unless balancing says otherwise. */
  public Vhost leader() {
    return vhosts.get(0);
  }

  /** {@code sc_hashkey}, derived from the key as the node derives it. */
  public int[] hashKey() {
    return CarpHmac.balancingHashKey(key);
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return name + vhosts + (mode == BalancingMode.NONE ? "" : " balancing " + mode.keyword());
  }
}
