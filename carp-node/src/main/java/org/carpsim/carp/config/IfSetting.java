package org.carpsim.carp.config;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.CarpState;

/** One option of an {@code ifconfig} command, already range-checked against the profile. */
public sealed interface IfSetting {

  /** {@code vhid N}. */
  record Vhid(int vhid) implements IfSetting {}

  /** {@code advbase N} (seconds). */
  record Advbase(int seconds) implements IfSetting {}

  /** {@code advskew N} (1/256 s). */
  record Advskew(int skew) implements IfSetting {}

  /** {@code pass P}: holds the bytes that reach the key; prints masked. */
  record Pass(Passphrase pass) implements IfSetting {}

  /** {@code carpdev IF}. */
  record Carpdev(String parent) implements IfSetting {}

  /** {@code -carpdev}. */
  record NoCarpdev() implements IfSetting {}

  /** OpenBSD {@code carppeer A} / FreeBSD {@code peer A}: unicast advertisements to A. */
  record UnicastPeer(Ipv4Address peer) implements IfSetting {}

  /** OpenBSD {@code -carppeer} / FreeBSD {@code mcast}: back to 224.0.0.18. */
  record MulticastPeer() implements IfSetting {}

  /** FreeBSD {@code peer6 A}. */
  record UnicastPeer6(Ipv6Address peer) implements IfSetting {}

  /** FreeBSD {@code mcast6}: back to ff02::12. */
  record MulticastPeer6() implements IfSetting {}

  /** {@code state init|backup|master} (§5.8). */
  record ForceState(CarpState state) implements IfSetting {}

  /** OpenBSD {@code balancing MODE}. */
  record Balancing(BalancingMode mode) implements IfSetting {}

  /** OpenBSD {@code carpnodes vhid:advskew,…}, in the order typed. */
  record CarpNodes(List<CarpNode> nodes) implements IfSetting {
    public CarpNodes {
      nodes = List.copyOf(nodes);
    }
  }

  /** One {@code vhid:advskew} of {@code carpnodes}. */
  record CarpNode(int vhid, int advskew) {}

  /** {@code lladdr MAC}. */
  record Lladdr(MacAddress mac) implements IfSetting {}

  /** OpenBSD {@code lladdr random}: the host picks one from its seeded random source. */
  record LladdrRandom() implements IfSetting {}

  /** {@code group G}. */
  record JoinGroup(String group) implements IfSetting {}

  /** {@code -group G}. */
  record LeaveGroup(String group) implements IfSetting {}

  /** {@code up}. */
  record Up() implements IfSetting {}

  /** {@code down}. */
  record Down() implements IfSetting {}

  /** {@code mtu N}. */
  record Mtu(int mtu) implements IfSetting {}

  /** {@code description TEXT}. */
  record Description(String text) implements IfSetting {}

  /** {@code syncdev IF}: the interface pfsync sends and receives on (pfsync0 only). */
  record Syncdev(String nic) implements IfSetting {}

  /** {@code -syncdev}: no sync interface (pfsync0 only). */
  record NoSyncdev() implements IfSetting {}

  /** {@code syncpeer A}: pfsync sends unicast to A instead of the group 224.0.0.240 (pfsync0 only). */
  record Syncpeer(Ipv4Address peer) implements IfSetting {}

  /** {@code -syncpeer}: back to the multicast group 224.0.0.240 (pfsync0 only). */
  record NoSyncpeer() implements IfSetting {}
}
