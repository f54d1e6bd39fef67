package org.carpsim.carp.node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.config.AddressChange;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.config.UcarpOptions;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.ConfigStyle.CarpdevPolicy;
import org.carpsim.carp.profile.ConfigStyle.InterfaceModel;
import org.carpsim.carp.profile.Lifecycle.LinkLoss;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Wording;

/**
 * Executes ifconfig commands (and starts ucarp daemons) with the kernel's side effects, in the order
 * ifconfig issues its ioctls: each CARP option is its own {@code SIOCSVH} (which re-prepares the HMAC
 * and re-runs {@code carp_setrun}), flags and groups as they come, the address last. Every command
 * is first checked on a shadow of the state it touches, so a failing command changes nothing.
 */
final class Ifconfig {

  private static final String EINVAL = "Invalid argument";
  private static final String EADDRNOTAVAIL = "Can't assign requested address";

  private final CarpHost h;
  private final Profile p;
  private final Engine engine;

  Ifconfig(CarpHost h) {
    this.h = h;
    this.p = h.profile();
    this.engine = h.engine();
  }

  private CommandResult noSuchInterface(String name) {
    return CommandResult.failed(Wording.fill(p.wording().commands().noSuchInterface(), "if", name));
  }

  private static CommandResult ioctl(String ioctl, String errno) {
    return CommandResult.failed("ifconfig: " + ioctl + ": " + errno);
  }

  // ---- create / destroy -------------------------------------------------------------------------

  CommandResult create(String name) {
    if (p.config().interfaces() != InterfaceModel.CARP_INTERFACES || h.nics.containsKey(name)) {
      return ioctl(p.wording().commands().createIoctl(),
          h.nics.containsKey(name) ? "File exists" : EINVAL);
    }
    if (h.carpIfs.containsKey(name)) {
      return ioctl("SIOCIFCREATE", "File exists");
    }
    CarpIf sc = new CarpIf(CarpIf.Kind.CARP_INTERFACE, name, h.statsFor(name));
    sc.groups.add("carp");
    h.groupDemoted.putIfAbsent("carp", 0);
    engine.setEnaddr(sc);
    h.carpIfs.put(name, sc);
    h.holders.add(sc);
    return CommandResult.OK;
  }

  CommandResult destroy(String name) {
    CarpIf sc = h.carpIfs.get(name);
    if (sc == null) {
      return ioctl("SIOCIFDESTROY", "Device not configured");
    }
    engine.cancelAll(sc);
    if (sc.demoteCnt != 0) {
      engine.groupDemoteAdj(sc, -sc.demoteCnt, "detach");
    }
    if (sc.suppress && p.lifecycle().linkLoss() == LinkLoss.INIT_AND_SUPPRESS) {
      engine.suppress(-1);
    }
    sc.suppress = false;
    engine.setStateAll(sc, CarpState.INIT, Engine.R_DESTROYED);
    detachParent(sc);
    h.carpIfs.remove(name);
    h.holders.remove(sc);
    return CommandResult.OK;
  }

  // ---- queries ----------------------------------------------------------------------------------

  CommandResult query(Optional<String> name) {
    StatusText text = new StatusText(h);
    if (name.isEmpty()) {
      List<String> all = new ArrayList<>();
      for (Nic n : h.nics.values()) {
        all.add(text.nic(n));
      }
      for (CarpIf sc : h.carpIfs.values()) {
        all.add(text.carp(sc));
      }
      return CommandResult.printed(String.join("\n", all));
    }
    if (name.get().equals(Pfsync.NAME)) {
      return CommandResult.printed(h.pfsync().status());
    }
    CarpIf sc = h.carpIfs.get(name.get());
    if (sc != null) {
      return CommandResult.printed(text.carp(sc));
    }
    Nic n = h.nics.get(name.get());
    if (n != null) {
      return CommandResult.printed(text.nic(n));
    }
    return noSuchInterface(name.get());
  }

  CommandResult groupQuery(String group) {
    if (!groupExists(group)) {
      return ioctl("SIOCGIFGMEMB", "No such file or directory");
    }
    StringBuilder sb = new StringBuilder();
    for (Nic n : h.nics.values()) {
      if (n.groups.contains(group)) {
        sb.append(n.name).append('\n');
      }
    }
    for (CarpIf sc : h.carpIfs.values()) {
      if (sc.groups.contains(group)) {
        sb.append(sc.name).append('\n');
      }
    }
    sb.append(group).append(": carp demote count ").append(h.groupDemoted.getOrDefault(group, 0));
    return CommandResult.printed(sb.toString());
  }

  private boolean groupExists(String group) {
    if (h.groupDemoted.containsKey(group) && group.equals("carp")) {
      return true;
    }
    for (Nic n : h.nics.values()) {
      if (n.groups.contains(group)) {
        return true;
      }
    }
    for (CarpIf sc : h.carpIfs.values()) {
      if (sc.groups.contains(group)) {
        return true;
      }
    }
    return false;
  }

  /** OpenBSD {@code ifconfig -g GROUP carpdemote N} (§5.4). */
  CommandResult groupDemote(String group, int delta) {
    if (!groupExists(group)) {
      return ioctl("SIOCSIFGATTR", "No such file or directory");
    }
    int value = h.groupDemoted.getOrDefault(group, 0) + delta;
    if (value < 0 || value > 255) {
      return ioctl("SIOCSIFGATTR", EINVAL);
    }
    h.groupDemoted.put(group, value);
    for (CarpIf sc : new ArrayList<>(h.carpIfs.values())) {
      if (sc.groups.contains(group) && delta > 0 && sc.adminUp && sc.running) {
        engine.vheSendAdAll(sc);
      }
    }
    return CommandResult.OK;
  }

  // ---- ifconfig IF … ----------------------------------------------------------------------------

  CommandResult set(HostCommand.IfconfigSet cmd) {
    if (cmd.ifname().equals(Pfsync.NAME)) {
      return h.pfsync().set(cmd);
    }
    CarpIf sc = h.carpIfs.get(cmd.ifname());
    if (sc != null) {
      return setCarp(sc, cmd);
    }
    Nic nic = h.nics.get(cmd.ifname());
    if (nic != null) {
      if (p.config().interfaces() == InterfaceModel.VHID_ON_PARENT && cmd.setting(IfSetting.Vhid.class).isPresent()) {
        return setParentVhid(nic, cmd);
      }
      return setNic(nic, cmd);
    }
    if (p.config().clonesOnAnyVerb() && CARP_CLONE.matcher(cmd.ifname()).matches()) {
      // OpenBSD's ifconfig creates the clone first (SIOCIFCREATE), as `ifconfig carp0 create` would
      CommandResult created = create(cmd.ifname());
      return created.ok() ? setCarp(h.carpIfs.get(cmd.ifname()), cmd) : created;
    }
    return noSuchInterface(cmd.ifname());
  }

  /** A carp clone's name: what SIOCIFCREATE accepts for the carp cloner. */
  private static final java.util.regex.Pattern CARP_CLONE = java.util.regex.Pattern.compile("carp[0-9]{1,5}");

  // ---- carp interfaces --------------------------------------------------------------------------

  private CommandResult setCarp(CarpIf sc, HostCommand.IfconfigSet cmd) {
    String error = validateCarp(sc, cmd);
    if (error != null) {
      return CommandResult.failed(error);
    }
    for (IfSetting s : cmd.settings()) {
      applyCarpSetting(sc, s);
    }
    cmd.address().ifPresent(a -> applyCarpAddress(sc, a));
    return CommandResult.OK;
  }

  /** Checks a command against a shadow of the interface; the error ifconfig would print, or null. */
  private String validateCarp(CarpIf sc, HostCommand.IfconfigSet cmd) {
    Nic dev = sc.carpdev;
    boolean explicit = dev != null && !sc.carpdevBySubnet;
    List<Integer> vhids = vhids(sc);
    Set<String> groups = new LinkedHashSet<>(sc.groups);
    for (IfSetting s : cmd.settings()) {
      if (s instanceof IfSetting.Vhid x) {
        vhids = List.of(x.vhid());
        if (dev != null && duplicateOnParent(dev, sc, vhids)) {
          return "ifconfig: SIOCSVH: " + EINVAL;
        }
      } else if (s instanceof IfSetting.CarpNodes x) {
        vhids = x.nodes().stream().map(IfSetting.CarpNode::vhid).toList();
        if (dev != null && duplicateOnParent(dev, sc, vhids)) {
          return "ifconfig: SIOCSVH: " + EINVAL;
        }
      } else if (s instanceof IfSetting.Carpdev x) {
        Nic n = h.nics.get(x.parent());
        if (n == null || duplicateOnParent(n, sc, vhids)) {
          return "ifconfig: SIOCSVH: " + EINVAL;
        }
        dev = n;
        explicit = true;
      } else if (s instanceof IfSetting.NoCarpdev) {
        dev = null;
        explicit = false;
      } else if (s instanceof IfSetting.JoinGroup x) {
        if (!groups.add(x.group())) {
          return "ifconfig: SIOCAIFGROUP: File exists";
        }
      } else if (s instanceof IfSetting.LeaveGroup x) {
        if (!groups.remove(x.group())) {
          return "ifconfig: SIOCDIFGROUP: No such file or directory";
        }
      } else if (s instanceof IfSetting.UnicastPeer6 || s instanceof IfSetting.MulticastPeer6) {
        return "ifconfig: " + (s instanceof IfSetting.UnicastPeer6 ? "peer6" : "mcast6") + ": not a carp interface option";
      }
    }
    if (cmd.address().isEmpty()) {
      return null;
    }
    AddressChange a = cmd.address().get();
    boolean v6 = a instanceof AddressChange.Inet6;
    String add = v6 ? "SIOCAIFADDR_IN6" : "SIOCAIFADDR";
    if (a.op() == AddressChange.Op.DELETE) {
      boolean has = v6 ? sc.addrs.indexOf(((AddressChange.Inet6) a).address()) >= 0
          : sc.addrs.indexOf(((AddressChange.Inet) a).address()) >= 0;
      return has ? null : "ifconfig: " + (v6 ? "SIOCDIFADDR_IN6" : "SIOCDIFADDR") + ": " + EADDRNOTAVAIL;
    }
    CarpdevPolicy policy = p.config().carpdev();
    if (policy == CarpdevPolicy.REQUIRED || policy == CarpdevPolicy.NOT_APPLICABLE) {
      return dev == null ? "ifconfig: " + add + ": " + EINVAL : null;
    }
    if (explicit) {
      return null;
    }
    Nic bySubnet = v6 ? subnetParent6(((AddressChange.Inet6) a).address())
        : subnetParent(((AddressChange.Inet) a).address());
    if (bySubnet == null || (dev != null && dev != bySubnet)) {
      return "ifconfig: " + add + ": " + EADDRNOTAVAIL;
    }
    if (duplicateOnParent(bySubnet, sc, vhids)) {
      return "ifconfig: " + add + ": " + EINVAL;
    }
    return null;
  }

  private static List<Integer> vhids(CarpIf sc) {
    List<Integer> out = new ArrayList<>(sc.vhosts.size());
    for (Vhost v : sc.vhosts) {
      out.add(v.vhid);
    }
    return out;
  }

  /** Another carp interface on {@code dev} already has one of {@code vhids} (duplicate vhids on a parent). */
  private static boolean duplicateOnParent(Nic dev, CarpIf sc, List<Integer> vhids) {
    for (CarpIf other : dev.carps) {
      if (other == sc || other.kind == CarpIf.Kind.UCARP) {
        continue;
      }
      for (Vhost v : other.vhosts) {
        if (vhids.contains(v.vhid)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The first NIC (in address order) holding an IPv4 address whose subnet contains {@code a} (1.54 carp_set_addr). */
  private Nic subnetParent(Ipv4Address a) {
    Nic best = null;
    long bestOrder = Long.MAX_VALUE;
    for (Nic n : h.nics.values()) {
      for (AddressList.V4 x : n.addrs.v4) {
        if (x.vhid() == 0 && x.contains(a) && x.order() < bestOrder) {
          best = n;
          bestOrder = x.order();
        }
      }
    }
    return best;
  }

  private Nic subnetParent6(Ipv6Address a) {
    Nic best = null;
    long bestOrder = Long.MAX_VALUE;
    for (Nic n : h.nics.values()) {
      for (AddressList.V6 x : n.addrs.v6) {
        if (x.vhid() == 0 && x.contains(a) && x.order() < bestOrder) {
          best = n;
          bestOrder = x.order();
        }
      }
    }
    return best;
  }

  private void applyCarpSetting(CarpIf sc, IfSetting s) {
    MacAddress before = sc.lladdr;
    boolean svh = true;
    if (s instanceof IfSetting.Vhid x) {
      if (sc.vhosts.size() != 1 || sc.leader().vhid != x.vhid()) {
        int skew = sc.leader() != null ? sc.leader().advskew : sc.pendingAdvskew;
        replaceVhosts(sc, List.of(new IfSetting.CarpNode(x.vhid(), skew)));
        sc.balancing = BalancingMode.NONE;
      }
    } else if (s instanceof IfSetting.CarpNodes x) {
      replaceVhosts(sc, x.nodes());
      if (sc.vhosts.size() <= 1) {
        sc.balancing = BalancingMode.NONE;
      } else if (sc.balancing == BalancingMode.NONE) {
        sc.balancing = p.balancing().defaultModeForManyNodes();
      }
    } else if (s instanceof IfSetting.Advbase x) {
      sc.advbase = x.seconds();
    } else if (s instanceof IfSetting.Advskew x) {
      if (sc.leader() != null) {
        sc.leader().advskew = x.skew();
      }
      sc.pendingAdvskew = x.skew();
    } else if (s instanceof IfSetting.Pass x) {
      setKey(sc, x.pass().bytes());
    } else if (s instanceof IfSetting.Carpdev x) {
      attachParent(sc, h.nics.get(x.parent()), false);
    } else if (s instanceof IfSetting.NoCarpdev) {
      detachParent(sc);
    } else if (s instanceof IfSetting.UnicastPeer x) {
      sc.peer = x.peer();
    } else if (s instanceof IfSetting.MulticastPeer) {
      sc.peer = Ipv4Address.CARP_GROUP;
    } else if (s instanceof IfSetting.ForceState x) {
      engine.forceState(sc, x.state());
    } else if (s instanceof IfSetting.Balancing x) {
      sc.balancing = x.mode();
    } else {
      svh = false;
      if (s instanceof IfSetting.Lladdr x) {
        sc.lladdr = x.mac();
        sc.lladdrManual = true;
      } else if (s instanceof IfSetting.LladdrRandom) {
        sc.lladdr = new MacAddress((h.random().nextLong() & 0xfeff_ffff_ffffL) | 0x0200_0000_0000L);
        sc.lladdrManual = true;
      } else if (s instanceof IfSetting.JoinGroup x) {
        sc.groups.add(x.group());
        h.groupDemoted.merge(x.group(), sc.demoteCnt, Integer::sum);
      } else if (s instanceof IfSetting.LeaveGroup x) {
        sc.groups.remove(x.group());
        if (sc.demoteCnt != 0) {
          h.groupDemoted.computeIfPresent(x.group(), (g, n) -> Math.max(0, n - sc.demoteCnt));
        }
      } else if (s instanceof IfSetting.Up) {
        engine.carpUp(sc);
      } else if (s instanceof IfSetting.Down) {
        engine.carpDown(sc);
      } else if (s instanceof IfSetting.Mtu x) {
        sc.mtu = x.mtu();
      } else if (s instanceof IfSetting.Description x) {
        sc.description = x.text();
      }
    }
    refreshLladdr(sc, before);
    if (svh) {
      sc.invalidateHmacs();
      engine.setrunAll(sc, 0);
    }
  }

  /** The lladdr follows the leader (set_enaddr); when it changed, every vhost restarts from INIT. */
  private void refreshLladdr(CarpIf sc, MacAddress before) {
    engine.setEnaddr(sc);
    if (!Objects.equals(before, sc.lladdr)) {
      sc.invalidateHmacs();
      engine.setStateAll(sc, CarpState.INIT, Engine.R_RECONFIGURED);
      engine.setrunAll(sc, 0);
    }
  }

  private void setKey(CarpIf sc, byte[] pass) {
    if (pass.length == 0 && p.authentication().emptyPassKeepsKey()) {
      return;
    }
    sc.key = CarpKey.fromPassphraseBytes(pass);
    sc.hashKey = null;
    sc.invalidateHmacs();
  }

  /** {@code carp_vhids_ioctl}: all vhosts destroyed and re-created, sorted by vhid, in INIT. */
  private void replaceVhosts(CarpIf sc, List<IfSetting.CarpNode> nodes) {
    for (Vhost v : sc.vhosts) {
      v.cancelTimers();
      engine.setState(v, CarpState.INIT, Engine.R_RECONFIGURED);
    }
    sc.vhosts.clear();
    nodes.stream().sorted((a, b) -> Integer.compare(a.vhid(), b.vhid()))
        .forEach(n -> sc.vhosts.add(engine.newVhost(sc, n.vhid(), n.advskew())));
    if (sc.carpdev != null) {
      sc.carpdev.carps.remove(sc);
      insertSorted(sc.carpdev, sc);
    }
  }

  private static void insertSorted(Nic dev, CarpIf sc) {
    int i = 0;
    while (i < dev.carps.size() && dev.carps.get(i).leaderVhid() <= sc.leaderVhid()) {
      i++;
    }
    dev.carps.add(i, sc);
  }

  private void attachParent(CarpIf sc, Nic dev, boolean bySubnet) {
    if (sc.carpdev == dev) {
      sc.carpdevBySubnet &= bySubnet;
      return;
    }
    if (sc.carpdev != null) {
      sc.carpdev.carps.remove(sc);
    }
    sc.carpdev = dev;
    sc.carpdevBySubnet = bySubnet;
    insertSorted(dev, sc);
    if (sc.countV4() + sc.countV6() > 0) {
      sc.adminUp = true;
    }
    sc.invalidateHmacs();
    if (p.lifecycle().linkLoss() == LinkLoss.INIT_AND_DEMOTE) {
      engine.openbsdCarpdevState(sc);
    }
  }

  private void detachParent(CarpIf sc) {
    if (sc.carpdev != null) {
      sc.carpdev.carps.remove(sc);
      sc.carpdev = null;
      sc.carpdevBySubnet = false;
    }
  }

  private void applyCarpAddress(CarpIf sc, AddressChange a) {
    if (a.op() == AddressChange.Op.DELETE) {
      if (a instanceof AddressChange.Inet x) {
        sc.addrs.v4.remove(sc.addrs.indexOf(x.address()));
      } else {
        sc.addrs.v6.remove(sc.addrs.indexOf(((AddressChange.Inet6) a).address()));
      }
      sc.invalidateHmacs();
      if (sc.addrs.isEmpty()) {
        sc.adminUp = false;
        engine.setStateAll(sc, CarpState.INIT, Engine.R_RECONFIGURED);
        if (sc.carpdevBySubnet) {
          detachParent(sc);
        }
      }
      engine.setrunAll(sc, 0);
      return;
    }
    if (a instanceof AddressChange.Inet x) {
      int at = sc.addrs.indexOf(x.address());
      Ipv4Address bcast = x.broadcast().orElse(broadcast(x.address(), x.prefixLength()));
      if (at >= 0) {
        AddressList.V4 old = sc.addrs.v4.get(at);
        sc.addrs.v4.set(at, new AddressList.V4(x.address(), x.prefixLength(), bcast, 0, old.order()));
        engine.setrunAll(sc, 0);
        return;
      }
      if (x.op() == AddressChange.Op.REPLACE_PRIMARY && !sc.addrs.v4.isEmpty()) {
        sc.addrs.v4.remove(0);
      }
      if (needsSubnetParent(sc)) {
        Nic dev = subnetParent(x.address());
        attachParent(sc, dev, true);
        if (dev.ownsV4(x.address().value())) {
          setOwnAdvskew(sc); // 1.54: the VIP is the parent's own address → advskew 0
        }
      }
      sc.addrs.v4.add(new AddressList.V4(x.address(), x.prefixLength(), bcast, 0, h.nextAddressOrder()));
    } else {
      AddressChange.Inet6 x = (AddressChange.Inet6) a;
      int at = sc.addrs.indexOf(x.address());
      if (at >= 0) {
        AddressList.V6 old = sc.addrs.v6.get(at);
        sc.addrs.v6.set(at, new AddressList.V6(x.address(), x.prefixLength(), 0, old.order()));
        engine.setrunAll(sc, 0);
        return;
      }
      if (x.op() == AddressChange.Op.REPLACE_PRIMARY && !sc.addrs.v6.isEmpty()) {
        sc.addrs.v6.remove(0);
      }
      if (needsSubnetParent(sc)) {
        attachParent(sc, subnetParent6(x.address()), true);
      }
      sc.addrs.v6.add(new AddressList.V6(x.address(), x.prefixLength(), 0, h.nextAddressOrder()));
    }
    sc.adminUp = true;
    sc.invalidateHmacs();
    engine.setStateAll(sc, CarpState.INIT, Engine.R_RECONFIGURED);
    engine.setrunAll(sc, 0);
  }

  private boolean needsSubnetParent(CarpIf sc) {
    CarpdevPolicy policy = p.config().carpdev();
    return (policy == CarpdevPolicy.BY_SUBNET || policy == CarpdevPolicy.KEYWORD_ELSE_SUBNET)
        && (sc.carpdev == null || sc.carpdevBySubnet);
  }

  private static void setOwnAdvskew(CarpIf sc) {
    sc.pendingAdvskew = 0;
    if (sc.leader() != null) {
      sc.leader().advskew = 0;
    }
  }

  static Ipv4Address broadcast(Ipv4Address a, int prefix) {
    if (prefix >= 31) {
      return a;
    }
    int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
    return new Ipv4Address(a.value() | ~mask);
  }

  // ---- physical NICs ----------------------------------------------------------------------------

  private CommandResult setNic(Nic nic, HostCommand.IfconfigSet cmd) {
    Set<String> groups = new LinkedHashSet<>(nic.groups);
    for (IfSetting s : cmd.settings()) {
      if (s instanceof IfSetting.Lladdr || s instanceof IfSetting.LladdrRandom) {
        return CommandResult.failed("ifconfig: " + nic.name + ": changing a physical NIC's lladdr is not modelled");
      } else if (s instanceof IfSetting.JoinGroup x) {
        if (!groups.add(x.group())) {
          return CommandResult.failed("ifconfig: SIOCAIFGROUP: File exists");
        }
      } else if (s instanceof IfSetting.LeaveGroup x) {
        if (!groups.remove(x.group())) {
          return CommandResult.failed("ifconfig: SIOCDIFGROUP: No such file or directory");
        }
      } else if (!(s instanceof IfSetting.Up || s instanceof IfSetting.Down || s instanceof IfSetting.Mtu
          || s instanceof IfSetting.Description)) {
        return CommandResult.failed("ifconfig: " + nic.name + ": not a carp interface");
      }
    }
    String error = validateNicAddress(nic, cmd.address());
    if (error != null) {
      return CommandResult.failed(error);
    }
    for (IfSetting s : cmd.settings()) {
      applyNicSetting(nic, s);
    }
    cmd.address().ifPresent(a -> applyNicAddress(nic, a, 0));
    return CommandResult.OK;
  }

  private static String validateNicAddress(Nic nic, Optional<AddressChange> address) {
    if (address.isEmpty() || address.get().op() != AddressChange.Op.DELETE) {
      return null;
    }
    AddressChange a = address.get();
    boolean has = a instanceof AddressChange.Inet x ? nic.addrs.indexOf(x.address()) >= 0
        : nic.addrs.indexOf(((AddressChange.Inet6) a).address()) >= 0;
    return has ? null : "ifconfig: " + (a instanceof AddressChange.Inet ? "SIOCDIFADDR" : "SIOCDIFADDR_IN6") + ": "
        + EADDRNOTAVAIL;
  }

  private void applyNicSetting(Nic nic, IfSetting s) {
    if (s instanceof IfSetting.Up) {
      if (!nic.adminUp) {
        nic.adminUp = true;
        engine.parentStateChanged(nic);
      }
    } else if (s instanceof IfSetting.Down) {
      if (nic.adminUp) {
        nic.adminUp = false;
        engine.parentStateChanged(nic);
      }
    } else if (s instanceof IfSetting.Mtu x) {
      nic.mtu = x.mtu();
    } else if (s instanceof IfSetting.Description x) {
      nic.description = x.text();
    } else if (s instanceof IfSetting.JoinGroup x) {
      nic.groups.add(x.group());
    } else if (s instanceof IfSetting.LeaveGroup x) {
      nic.groups.remove(x.group());
    }
  }

  /** An address change on a NIC; FreeBSD binds it to {@code vhid} when one is given. */
  private void applyNicAddress(Nic nic, AddressChange a, int vhid) {
    List<Integer> touched = new ArrayList<>(2);
    if (a instanceof AddressChange.Inet x) {
      int at = nic.addrs.indexOf(x.address());
      if (x.op() == AddressChange.Op.DELETE) {
        touched.add(nic.addrs.v4.remove(at).vhid());
      } else {
        Ipv4Address bcast = x.broadcast().orElse(broadcast(x.address(), x.prefixLength()));
        if (at >= 0) {
          AddressList.V4 old = nic.addrs.v4.get(at);
          touched.add(old.vhid());
          nic.addrs.v4.set(at, new AddressList.V4(x.address(), x.prefixLength(), bcast, vhid, old.order()));
        } else {
          if (x.op() == AddressChange.Op.REPLACE_PRIMARY && !nic.addrs.v4.isEmpty()) {
            touched.add(nic.addrs.v4.remove(0).vhid());
          }
          nic.addrs.v4.add(new AddressList.V4(x.address(), x.prefixLength(), bcast, vhid, h.nextAddressOrder()));
        }
      }
    } else {
      AddressChange.Inet6 x = (AddressChange.Inet6) a;
      int at = nic.addrs.indexOf(x.address());
      if (x.op() == AddressChange.Op.DELETE) {
        touched.add(nic.addrs.v6.remove(at).vhid());
      } else if (at >= 0) {
        AddressList.V6 old = nic.addrs.v6.get(at);
        touched.add(old.vhid());
        nic.addrs.v6.set(at, new AddressList.V6(x.address(), x.prefixLength(), vhid, old.order()));
      } else {
        if (x.op() == AddressChange.Op.REPLACE_PRIMARY && !nic.addrs.v6.isEmpty()) {
          touched.add(nic.addrs.v6.remove(0).vhid());
        }
        nic.addrs.v6.add(new AddressList.V6(x.address(), x.prefixLength(), vhid, h.nextAddressOrder()));
      }
    }
    for (int t : touched) {
      if (t != 0 && t != vhid) {
        vhidAddressesChanged(nic, t);
      }
    }
    if (vhid != 0) {
      vhidAddressesChanged(nic, vhid);
    }
  }

  // ---- FreeBSD: vhid on the parent --------------------------------------------------------------

  private CarpIf findVhid(Nic nic, int vhid) {
    for (CarpIf sc : nic.carps) {
      if (sc.kind == CarpIf.Kind.PARENT_VHID && sc.leaderVhid() == vhid) {
        return sc;
      }
    }
    return null;
  }

  private CommandResult setParentVhid(Nic nic, HostCommand.IfconfigSet cmd) {
    String error = validateNicAddress(nic, cmd.address());
    if (error != null) {
      return CommandResult.failed(error);
    }
    Set<String> groups = new LinkedHashSet<>(nic.groups);
    for (IfSetting s : cmd.settings()) {
      if (s instanceof IfSetting.JoinGroup x && !groups.add(x.group())) {
        return CommandResult.failed("ifconfig: SIOCAIFGROUP: File exists");
      } else if (s instanceof IfSetting.LeaveGroup x && !groups.remove(x.group())) {
        return CommandResult.failed("ifconfig: SIOCDIFGROUP: No such file or directory");
      } else if (s instanceof IfSetting.Lladdr || s instanceof IfSetting.LladdrRandom) {
        return CommandResult.failed("ifconfig: " + nic.name + ": changing a physical NIC's lladdr is not modelled");
      }
    }
    int vhid = cmd.setting(IfSetting.Vhid.class).orElseThrow().vhid();
    CarpIf sc = findVhid(nic, vhid);
    if (sc == null) {
      sc = new CarpIf(CarpIf.Kind.PARENT_VHID, nic.name, nic.stats);
      sc.carpdev = nic;
      sc.vhosts.add(engine.newVhost(sc, vhid, 0));
      engine.setEnaddr(sc);
      insertSorted(nic, sc);
      h.holders.add(sc);
    }
    boolean carpChanged = false;
    for (IfSetting s : cmd.settings()) {
      if (s instanceof IfSetting.Advbase x) {
        sc.advbase = x.seconds();
        carpChanged = true;
      } else if (s instanceof IfSetting.Advskew x) {
        sc.leader().advskew = x.skew();
        carpChanged = true;
      } else if (s instanceof IfSetting.Pass x) {
        setKey(sc, x.pass().bytes());
        carpChanged = true;
      } else if (s instanceof IfSetting.UnicastPeer x) {
        sc.peer = x.peer();
        carpChanged = true;
      } else if (s instanceof IfSetting.MulticastPeer) {
        sc.peer = Ipv4Address.CARP_GROUP;
        carpChanged = true;
      } else if (s instanceof IfSetting.UnicastPeer6 x) {
        sc.peer6 = x.peer();
        carpChanged = true;
      } else if (s instanceof IfSetting.MulticastPeer6) {
        sc.peer6 = null;
        carpChanged = true;
      } else if (s instanceof IfSetting.ForceState x) {
        forceStateFreebsd(sc, x.state());
      } else if (!(s instanceof IfSetting.Vhid)) {
        applyNicSetting(nic, s);
      }
    }
    if (carpChanged) {
      sc.invalidateHmacs();
      engine.setrunAll(sc, 0);
    }
    if (cmd.address().isPresent()) {
      applyNicAddress(nic, cmd.address().get(), cmd.address().get().op() == AddressChange.Op.DELETE ? 0 : vhid);
    }
    return CommandResult.OK;
  }

  /** FreeBSD's SIOCSVH state change: acts on any state different from the request (§5.8). */
  private void forceStateFreebsd(CarpIf sc, CarpState want) {
    Vhost v = sc.leader();
    if (v.state == want) {
      return;
    }
    if (want == CarpState.BACKUP) {
      v.adTimer.cancel();
      engine.setState(v, CarpState.BACKUP, Engine.R_USER);
      engine.setrun(v, 0);
    } else if (want == CarpState.MASTER) {
      engine.masterDown(v, Engine.R_USER);
    }
  }

  /** A vhid's address set changed: re-prepare and re-run (carp_attach), or destroy it with its last address. */
  private void vhidAddressesChanged(Nic nic, int vhid) {
    CarpIf sc = findVhid(nic, vhid);
    if (sc == null) {
      return;
    }
    sc.invalidateHmacs();
    if (sc.countV4() + sc.countV6() == 0) {
      engine.cancelAll(sc);
      engine.setStateAll(sc, CarpState.INIT, Engine.R_DESTROYED);
      nic.carps.remove(sc);
      h.holders.remove(sc);
      return;
    }
    engine.freebsdScState(sc);
  }

  // ---- ucarp ------------------------------------------------------------------------------------

  CommandResult startUcarp(UcarpOptions o) {
    if (p.config().interfaces() != InterfaceModel.UCARP_DAEMON) {
      return CommandResult.failed("ucarp: not available in profile " + p.name());
    }
    String ifname = o.interfaceName().orElse(h.nics.isEmpty() ? "" : h.nics.keySet().iterator().next());
    Nic nic = h.nics.get(ifname);
    if (nic == null) {
      return CommandResult.failed("[ERROR] Unable to find MAC address of [" + (ifname.isEmpty() ? "-" : ifname) + "]");
    }
    if (o.pass().isEmpty()) {
      return CommandResult.failed("ucarp: --passfile " + o.passfile().orElse("") + ": files are not modelled; use --pass");
    }
    CarpIf killed = null;
    for (CarpIf other : nic.carps) {
      if (other.kind == CarpIf.Kind.UCARP && other.leaderVhid() == o.vhid()) {
        if (!other.daemon.dead()) {
          return CommandResult.failed("ucarp: a daemon for vhid " + o.vhid() + " already runs on " + ifname);
        }
        killed = other;
      }
    }
    if (killed != null) {
      // a restart: the killed daemon's record goes, the address it left on the NIC stays
      nic.carps.remove(killed);
      h.holders.remove(killed);
    }
    CarpIf sc = new CarpIf(CarpIf.Kind.UCARP, ifname, h.statsFor(ifname));
    sc.ucarp = o;
    sc.carpdev = nic;
    sc.advbase = o.advbase();
    sc.peer = o.multicastGroup();
    sc.key = CarpKey.fromPassphraseBytes(o.pass().get().bytes());
    sc.adminUp = true;
    Vhost v = engine.newVhost(sc, o.vhid(), o.advskew());
    sc.vhosts.add(v);
    sc.lladdr = nic.mac;
    insertSorted(nic, sc);
    h.holders.add(sc);
    h.ucarpStarted();
    sc.daemon = new UcarpDaemon(h, sc);
    if (killed != null) {
      sc.daemon.inheritAddress(killed.daemon);
    }
    sc.daemon.start();
    return CommandResult.OK;
  }
}
