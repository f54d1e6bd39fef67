package org.carpsim.carp.node;

import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Knobs;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Wording.StatusLayout;

/**
 * What {@code ifconfig IF} prints, in the shape of the profile's system (carp-protocol.md §8.2,
 * §8.3; the NetBSD guide's example output):
 *
 * <pre>
 * carp0: flags=8843&lt;UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST&gt; mtu 1500
 * 	carp: BACKUP carpdev em0 vhid 1 advbase 1 advskew 100
 * 	inet 10.0.0.1 netmask 0xffffff00 broadcast 10.0.0.255
 * </pre>
 *
 * Current OpenBSD adds its {@code lladdr}, {@code groups:} and {@code status:} lines; OpenBSD 3.5 and
 * FreeBSD 6 print no {@code carpdev} (their ifconfig has no such keyword); FreeBSD prints the
 * {@code carp:} line of every vhid on the parent and tags vhid addresses; ucarp's host is Linux.
 */
final class StatusText {

  private final Profile p;
  private final StatusLayout layout;

  StatusText(CarpHost h) {
    this.p = h.profile();
    this.layout = p.wording().commands().status();
  }

  private static String flags(boolean up, boolean running) {
    StringBuilder names = new StringBuilder();
    int bits = 0x2 | 0x800 | 0x8000;
    if (up) {
      bits |= 0x1;
      names.append("UP,");
    }
    names.append("BROADCAST,");
    if (running) {
      bits |= 0x40;
      names.append("RUNNING,");
    }
    names.append("SIMPLEX,MULTICAST");
    return "flags=" + Integer.toHexString(bits) + "<" + names + ">";
  }

  static String netmask(int prefix) {
    int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
    return String.format("0x%08x", mask);
  }

  private static void inet(StringBuilder sb, AddressList.V4 a, boolean tagVhid) {
    sb.append("\n\tinet ").append(a.address()).append(" netmask ").append(netmask(a.prefix()));
    if (a.prefix() < 32) {
      sb.append(" broadcast ").append(a.broadcast());
    }
    if (tagVhid && a.vhid() != 0) {
      sb.append(" vhid ").append(a.vhid());
    }
  }

  private static void inet6(StringBuilder sb, AddressList.V6 a, boolean tagVhid) {
    sb.append("\n\tinet6 ").append(a.address()).append(" prefixlen ").append(a.prefix());
    if (tagVhid && a.vhid() != 0) {
      sb.append(" vhid ").append(a.vhid());
    }
  }

  /** {@code ifconfig carpN}. */
  String carp(CarpIf sc) {
    StringBuilder sb = new StringBuilder();
    sb.append(sc.name).append(": ").append(flags(sc.adminUp, sc.adminUp && sc.running)).append(" mtu ").append(sc.mtu);
    if (layout.carpLinkLines()) {
      sb.append("\n\tlladdr ").append(sc.lladdr);
    }
    if (!sc.description.isEmpty()) {
      sb.append("\n\tdescription: ").append(sc.description);
    }
    carpLines(sc, sb);
    if (layout.carpLinkLines()) {
      sb.append("\n\tgroups: ").append(String.join(" ", sc.groups));
      sb.append("\n\tstatus: ").append(linkStatus(sc));
    }
    for (AddressList.V4 a : sc.addrs.v4) {
      inet(sb, a, false);
    }
    for (AddressList.V6 a : sc.addrs.v6) {
      inet6(sb, a, false);
    }
    return sb.toString();
  }

  /** OpenBSD's carp link state: master if any vhost is MASTER, backup if any BACKUP, else invalid. */
  static String linkStatus(CarpIf sc) {
    String s = "invalid";
    for (Vhost v : sc.vhosts) {
      if (v.state == CarpState.MASTER) {
        return "master";
      }
      if (v.state == CarpState.BACKUP) {
        s = "backup";
      }
    }
    return s;
  }

  private void carpLines(CarpIf sc, StringBuilder sb) {
    if (sc.vhosts.isEmpty()) {
      return;
    }
    boolean printCarpdev = p.knobs().options().contains(Knobs.CarpOption.CARPDEV) && sc.carpdev != null;
    String carpdev = printCarpdev ? " carpdev " + sc.carpdev.name : "";
    String peer = sc.unicast() ? " carppeer " + sc.peer : "";
    if (sc.vhosts.size() == 1) {
      Vhost v = sc.leader();
      sb.append("\n\tcarp: ").append(v.state).append(carpdev).append(" vhid ").append(v.vhid)
          .append(" advbase ").append(sc.advbase).append(" advskew ").append(v.advskew).append(peer);
      return;
    }
    sb.append("\n\tcarp:").append(carpdev).append(" advbase ").append(sc.advbase).append(" balancing ")
        .append(sc.balancing.keyword()).append(peer);
    for (Vhost v : sc.vhosts) {
      sb.append("\n\t\tstate ").append(v.state).append(" vhid ").append(v.vhid).append(" advskew ").append(v.advskew);
    }
  }

  /** {@code ifconfig em0}: with FreeBSD's vhid lines, or Linux-style for ucarp hosts. */
  String nic(Nic n) {
    if (layout.linuxNetTools()) {
      return linuxNic(n);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(n.name).append(": ").append(flags(n.adminUp, n.adminUp)).append(" mtu ").append(n.mtu);
    sb.append("\n\t").append(layout.macLine()).append(n.mac);
    if (!n.description.isEmpty()) {
      sb.append("\n\tdescription: ").append(n.description);
    }
    if (!n.groups.isEmpty()) {
      sb.append("\n\tgroups: ").append(String.join(" ", n.groups));
    }
    sb.append("\n\tstatus: ").append(n.carrier ? "active" : "no carrier");
    boolean tag = false;
    for (CarpIf sc : n.carps) {
      if (sc.kind != CarpIf.Kind.PARENT_VHID) {
        continue;
      }
      tag = true;
      Vhost v = sc.leader();
      sb.append("\n\tcarp: ").append(v.state).append(" vhid ").append(v.vhid).append(" advbase ").append(sc.advbase)
          .append(" advskew ").append(v.advskew);
      sb.append("\n\t      peer ").append(sc.peer).append(" peer6 ").append(sc.peer6 == null ? "ff02::12" : sc.peer6);
    }
    for (AddressList.V4 a : n.addrs.v4) {
      inet(sb, a, tag);
    }
    for (AddressList.V6 a : n.addrs.v6) {
      inet6(sb, a, tag);
    }
    return sb.toString();
  }

  private String linuxNic(Nic n) {
    StringBuilder sb = new StringBuilder();
    int flags = (n.adminUp ? 0x1 : 0) | 0x2 | (n.running() ? 0x40 : 0) | 0x1000;
    sb.append(n.name).append(": flags=").append(flags).append('<').append(n.adminUp ? "UP," : "").append("BROADCAST,")
        .append(n.running() ? "RUNNING," : "").append("MULTICAST>  mtu ").append(n.mtu);
    for (AddressList.V4 a : n.addrs.v4) {
      sb.append("\n        inet ").append(a.address()).append("  netmask ").append(dotted(a.prefix()))
          .append("  broadcast ").append(a.broadcast());
    }
    for (AddressList.V6 a : n.addrs.v6) {
      sb.append("\n        inet6 ").append(a.address()).append("  prefixlen ").append(a.prefix());
    }
    sb.append("\n        ether ").append(n.mac);
    for (CarpIf sc : n.carps) {
      if (sc.kind != CarpIf.Kind.UCARP) {
        continue;
      }
      Vhost v = sc.leader();
      sb.append("\n        ucarp: ").append(v.state).append(" vhid ").append(v.vhid).append(" advbase ")
          .append(sc.advbase).append(" advskew ").append(v.advskew).append(" srcip ").append(sc.ucarp.sourceAddress())
          .append(" addr ").append(sc.ucarp.virtualAddress()).append(sc.daemon.holdsVip() ? " (held)" : "");
    }
    return sb.toString();
  }

  private static String dotted(int prefix) {
    return new Ipv4Address(prefix == 0 ? 0 : -1 << (32 - prefix)).toString();
  }

  /** For tests: every carp line of an interface, without the other lines. */
  static List<String> carpLinesOf(String status) {
    return status.lines().map(String::strip).filter(l -> l.startsWith("carp:") || l.startsWith("state ")).toList();
  }
}
