package org.carpsim.carp.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.config.ConfigException;
import org.carpsim.carp.config.ConfigParser;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.SysctlSpec;
import org.carpsim.carp.profile.Wording;
import org.carpsim.carp.wire.Bytes;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.carp.wire.Frames;

/**
 * One host running CARP as the system its {@link Profile} names: physical NICs, carp interfaces
 * (or FreeBSD vhids on the parent, or ucarp daemons), sysctls, the per-vhid state machines and
 * timers, the ARP/ND responder, statistics and log lines.
 *
 * <p>It is driven only through the seam: frames and link changes come in through {@link #receive}
 * and {@link #setCarrier}, configuration through {@link #execute}; time, timers, randomness and
 * transmission go through the {@link NodeEnvironment}; state transitions and log lines go to the
 * {@link NodeListener}. A crash is modelled outside (drop the host and its timers); a boot is a new
 * host with the same NICs and configuration.
 *
 * <pre>{@code
 * CarpHost fw1 = new CarpHost(Profiles.OPENBSD, env, listener);
 * fw1.addNic("em0", MacAddress.parse("02:00:00:00:00:01"));
 * fw1.run("ifconfig em0 inet 192.0.2.2/24");
 * fw1.run("ifconfig carp0 create");
 * fw1.run("ifconfig carp0 vhid 1 pass secret carpdev em0 192.0.2.1/24");
 * }</pre>
 *
 * <p>Not thread-safe: one event loop drives one host. Frames handed to {@link #receive} are only
 * read (a ucarp daemon keeps a reference until its next receive tick), never modified.
 *
 * <p>Modelling choices where the reference is open are listed in {@code package-info.java}.
 */
public final class CarpHost {

  private final Profile profile;
  private final NodeEnvironment env;
  private final NodeListener listener;
  private final RandomGenerator random;
  private final CarpLog log;
  private final Engine engine;
  private final Receiver receiver;
  private final Ifconfig ifconfig;
  /** Group memberships and their IGMP/MLD reports. */
  final Memberships memberships;

  final Map<String, Nic> nics = new LinkedHashMap<>();
  /** Every carp interface, FreeBSD vhid and ucarp daemon, in creation order. */
  final List<CarpIf> holders = new ArrayList<>();
  /** carpN interfaces by name. */
  final Map<String, CarpIf> carpIfs = new LinkedHashMap<>();
  /** Statistics by interface name; they outlive a destroyed interface, as the kernels' carpstats do. */
  final Map<String, long[]> statsByName = new LinkedHashMap<>();
  final Map<String, Long> sysctls = new HashMap<>();
  /** The sysctls read on every packet, copied out of {@link #sysctls} whenever one is written. */
  long sysctlAllow;
  long sysctlPreempt;
  long sysctlDemotion;
  long sysctlDscp;
  long sysctlArpbalance;
  long sysctlIp6Forwarding;
  long sysctlLog;
  /** OpenBSD interface groups' {@code ifg_carp_demoted}. */
  final VersionedMap<String, Integer> groupDemoted = new VersionedMap<>();
  /** pfsync0, created by its first ifconfig line. */
  Pfsync pfsync;
  /** When this host (re)booted: its {@code time_uptime} counts from here. */
  private final long bootNanos;
  /** The older systems' global {@code carp_suppress_preempt}. */
  int suppressCounter;
  String hostname = "";
  private final java.util.Map<String, String> routes = new java.util.LinkedHashMap<>();
  private long addressOrder;
  private int ipId = -1;
  private int ucarpDaemons;
  /** The keepalived process (profile keepalived), running or killed; null before the first start. */
  KeepalivedDaemon keepalived;
  /** Configuration files written by {@code file … end} blocks the daemons read (keepalived.conf). */
  private final Map<String, org.carpsim.carp.vrrp.KeepalivedConfig> keepalivedFiles = new HashMap<>();

  /**
   * A host with no NICs yet.
   *
   * @param profile the system it behaves like
   * @param env its clock, timers, randomness and wire
   * @param listener where transitions and log lines go
   */
  public CarpHost(Profile profile, NodeEnvironment env, NodeListener listener) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.env = Objects.requireNonNull(env, "env");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.random = env::randomLong;
    this.bootNanos = env.now();
    for (SysctlSpec s : profile.sysctls().known().values()) {
      sysctls.put(s.name(), s.defaultValue());
    }
    refreshSysctls();
    if (profile.demotion().groupCounters()) {
      groupDemoted.put("carp", 0);
    }
    this.log = new CarpLog(this);
    this.engine = new Engine(this);
    this.receiver = new Receiver(this);
    this.ifconfig = new Ifconfig(this);
    this.memberships = new Memberships(this);
  }

  /** The profile this host behaves like. */
  public Profile profile() {
    return profile;
  }

  /** The hostname set by rc.conf {@code hostname="…"}, empty if none. */
  public String hostname() {
    return hostname;
  }

  /** The names of the physical NICs, in the order they were added. */
  public List<String> nicNames() {
    return List.copyOf(nics.keySet());
  }

  /**
   * Adds a physical Ethernet NIC, UP and with carrier, no address. Addresses come by executing
   * {@code ifconfig NIC inet A/len}.
   *
   * @throws IllegalArgumentException if a NIC of that name exists
   */
  public void addNic(String name, MacAddress mac) {
    addNic(name, mac, true);
  }

  /**
   * Adds a physical NIC; {@code simplex = false} models a NIC that hears its own transmissions (no
   * IFF_SIMPLEX), which changes how OpenBSD counts its own looped advertisements and enables
   * NetBSD's own-source check.
   */
  public void addNic(String name, MacAddress mac, boolean simplex) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mac, "mac");
    if (nics.containsKey(name)) {
      throw new IllegalArgumentException("NIC " + name + " exists already");
    }
    if (mac.isGroup()) {
      throw new IllegalArgumentException("NIC " + name + ": " + mac + " is a group address, not a station MAC");
    }
    Nic n = new Nic(name, mac, statsFor(name));
    n.simplex = simplex;
    nics.put(name, n);
  }

  // ---- commands ---------------------------------------------------------------------------------

  /**
   * Parses {@code line} with this host's profile and runs it (a convenience for tests and consoles).
   * A parse error is a failed result carrying the parser's message.
   */
  public CommandResult run(String line) {
    ParsedLine parsed;
    try {
      parsed = ConfigParser.forProfile(profile).parseCommandLine(line);
    } catch (ConfigException e) {
      return CommandResult.failed(e.getMessage());
    }
    return execute(parsed);
  }

  /**
   * Runs the steps of a parsed line as a shell would: a step after {@code &&} runs only if the
   * previous step that ran succeeded. The result is the last step's status; outputs and errors of
   * all steps are joined by newlines.
   */
  public CommandResult execute(ParsedLine line) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    boolean lastOk = true;
    for (ParsedLine.Step step : line.steps()) {
      if (step.condition() == ParsedLine.RunCondition.IF_PREVIOUS_SUCCEEDED && !lastOk) {
        continue;
      }
      CommandResult r = execute(step.command());
      lastOk = r.ok();
      append(out, r.output());
      append(err, r.error());
    }
    return new CommandResult(lastOk, out.toString(), err.toString());
  }

  private static void append(StringBuilder sb, String s) {
    if (!s.isEmpty()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(s);
    }
  }

  /**
   * Runs one parsed command now. A failing command changes nothing; its error is worded like the
   * real tool's ({@code ifconfig: SIOCSVH: Invalid argument}).
   */
  public CommandResult execute(HostCommand command) {
    Objects.requireNonNull(command, "command");
    CommandResult result = executeNow(command);
    memberships.refresh(); // a carp address or a daemon came or went: the kernel joins or leaves
    if (keepalived != null) {
      keepalived.exited();
    }
    return result;
  }

  private CommandResult executeNow(HostCommand command) {
    if (command instanceof HostCommand.IfconfigCreate c) {
      return ifconfig.create(c.ifname());
    } else if (command instanceof HostCommand.IfconfigDestroy c) {
      return ifconfig.destroy(c.ifname());
    } else if (command instanceof HostCommand.IfconfigQuery c) {
      return ifconfig.query(c.ifname());
    } else if (command instanceof HostCommand.IfconfigSet c) {
      return ifconfig.set(c);
    } else if (command instanceof HostCommand.GroupDemote c) {
      return ifconfig.groupDemote(c.group(), c.delta());
    } else if (command instanceof HostCommand.GroupQuery c) {
      return ifconfig.groupQuery(c.group());
    } else if (command instanceof HostCommand.SysctlSet c) {
      return sysctlSet(c.name(), c.value());
    } else if (command instanceof HostCommand.SysctlGet c) {
      return sysctlGet(c.name(), c.valueOnly());
    } else if (command instanceof HostCommand.SetHostname c) {
      hostname = c.hostname();
      return CommandResult.OK;
    } else if (command instanceof HostCommand.UcarpStart c) {
      return ifconfig.startUcarp(c.options());
    } else if (command instanceof HostCommand.SignalUcarp c) {
      return signalUcarp(c);
    } else if (command instanceof HostCommand.KeepalivedConfFile c) {
      keepalivedFiles.put(c.path(), c.config());
      return CommandResult.OK;
    } else if (command instanceof HostCommand.KeepalivedStart c) {
      return startKeepalived(c.path());
    } else if (command instanceof HostCommand.SignalKeepalived c) {
      return signalKeepalived(c);
    } else if (command instanceof HostCommand.KernelDevice) {
      return CommandResult.OK;
    } else if (command instanceof HostCommand.Route c) {
      return route(c);
    }
    throw new AssertionError(command);
  }

  /** route(8) add/delete: the table a host keeps; the messages are FreeBSD route(8)'s. */
  private CommandResult route(HostCommand.Route c) {
    String key = (c.inet6() ? "inet6 " : "inet ") + c.destination();
    String what = c.destination().equals("default") ? "net default" : "net " + c.destination();
    if (c.add()) {
      if (routes.containsKey(key)) {
        return CommandResult.failed("route: writing to routing socket: File exists\nadd " + what + ": gateway "
            + c.gateway().orElse("") + " fib 0: route already in table");
      }
      routes.put(key, c.gateway().orElse(""));
      return CommandResult.printed("add " + what + ": gateway " + c.gateway().orElse(""));
    }
    if (routes.remove(key) == null) {
      return CommandResult.failed("route: writing to routing socket: No such process\ndelete " + what + " fib 0: not in table");
    }
    return CommandResult.printed("delete " + what);
  }

  /** The static routes typed with route(8): "inet default" → gateway. */
  public java.util.Map<String, String> routes() {
    return java.util.Collections.unmodifiableMap(routes);
  }

  /** pkill/killall/kill of ucarp: every running daemon gets the signal; with none, what each tool does. */
  private CommandResult signalUcarp(HostCommand.SignalUcarp c) {
    List<UcarpDaemon> running = new ArrayList<>();
    for (CarpIf sc : holders) {
      if (sc.kind == CarpIf.Kind.UCARP && !sc.daemon.dead()) {
        running.add(sc.daemon);
      }
    }
    if (running.isEmpty()) {
      return switch (c.tool()) {
        case "killall" -> CommandResult.failed("ucarp: no process found");
        // $(pidof ucarp) expands to nothing: bash's kill prints its usage and exits 2
        case "kill" -> CommandResult.failed("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... "
            + "or kill -l [sigspec]");
        default -> CommandResult.failed(""); // pkill: no match, exit status 1, nothing printed
      };
    }
    for (UcarpDaemon d : running) {
      d.signal(c.signal());
    }
    return CommandResult.OK;
  }

  private CommandResult startKeepalived(String path) {
    if (profile.config().interfaces() != org.carpsim.carp.profile.ConfigStyle.InterfaceModel.KEEPALIVED_DAEMON) {
      return CommandResult.failed("keepalived: not available in profile " + profile.name());
    }
    if (keepalived != null && !keepalived.dead()) {
      return CommandResult.failed("Keepalived: daemon is already running");
    }
    org.carpsim.carp.vrrp.KeepalivedConfig config = keepalivedFiles.get(path);
    if (config == null) {
      return CommandResult.failed("Keepalived: Configuration file '" + path + "' does not exist (give it in a "
          + "'file " + path + " … end' block before the line that starts keepalived)");
    }
    for (org.carpsim.carp.vrrp.KeepalivedConfig.Instance in : config.instances()) {
      if (!nics.containsKey(in.iface())) {
        return CommandResult.failed("(" + in.name() + ") Unknown interface! (" + in.iface() + "; NICs: " + nics.keySet()
            + ")");
      }
    }
    keepalived = new KeepalivedDaemon(this, config, keepalived);
    keepalived.start(env.now() / 1000);
    return CommandResult.OK;
  }

  /** kill/pkill/killall/systemctl stop of keepalived. */
  private CommandResult signalKeepalived(HostCommand.SignalKeepalived c) {
    if (keepalived == null || keepalived.dead()) {
      return switch (c.tool()) {
        case "killall" -> CommandResult.failed("keepalived: no process found");
        case "systemctl" -> CommandResult.OK; // stopping a stopped unit succeeds
        case "kill" -> CommandResult.failed("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... "
            + "or kill -l [sigspec]");
        default -> CommandResult.failed("");
      };
    }
    keepalived.signal(c.signal(), c.tool());
    return CommandResult.OK;
  }

  /**
   * keepalived's per-instance counters ({@code vrrp_stats}: advert_rcvd, authtype_mismatch,
   * addr_list_err, …) by instance name; empty without keepalived.
   */
  public Map<String, Map<org.carpsim.carp.vrrp.KeepalivedCheck.Counter, Long>> keepalivedStatistics() {
    Map<String, Map<org.carpsim.carp.vrrp.KeepalivedCheck.Counter, Long>> out = new LinkedHashMap<>();
    if (keepalived != null) {
      for (KeepalivedDaemon.Bound b : keepalived.instances) {
        out.put(b.instance.config().name(), new java.util.TreeMap<>(b.instance.statistics()));
      }
    }
    return out;
  }

  // ---- the wire ---------------------------------------------------------------------------------

  /** A frame arrived on physical NIC {@code nic} (ignored if there is no such NIC or it is down). */
  public void receive(String nic, byte[] frame) {
    Nic n = nics.get(nic);
    if (n != null && frame != null) {
      receiver.receive(n, frame);
    }
  }

  /**
   * The same as {@link #receive} for one NIC, without looking the NIC up by name at every frame:
   * what a simulator binds once per boot and calls for each frame.
   *
   * @throws IllegalArgumentException if there is no such NIC
   */
  public java.util.function.Consumer<byte[]> receiverOf(String nic) {
    Nic n = nics.get(nic);
    if (n == null) {
      throw new IllegalArgumentException("no NIC " + nic + " (NICs: " + nics.keySet() + ")");
    }
    return frame -> {
      if (frame != null) {
        receiver.receive(n, frame);
      }
    };
  }

  /** The carrier (link) of physical NIC {@code nic} came or went. */
  public void setCarrier(String nic, boolean up) {
    Nic n = nics.get(nic);
    if (n == null) {
      throw new IllegalArgumentException("no NIC " + nic + " (NICs: " + nics.keySet() + ")");
    }
    if (n.carrier != up) {
      n.carrier = up;
      engine.parentStateChanged(n);
    }
  }

  // ---- queries ----------------------------------------------------------------------------------

  /** Whether the host takes a client's IPv4 packet at one NIC ({@link #takerOf}), asked once per packet. */
  @FunctionalInterface
  public interface Taker {
    boolean takes(MacAddress destination, Ipv4Address address);
  }

  /**
   * Whether this host takes an IPv4 packet for an address that reached its NIC {@code nic}
   * addressed to a destination MAC: some vhost holding the address on that NIC is MASTER, and the
   * frame is for the MAC the vhost answers ARP with (its virtual MAC or lladdr) or for the NIC's own
   * MAC (the stack takes any local address whatever MAC it came to). A BACKUP takes nothing: its
   * carp interface drops frames to the virtual MAC, and its address is not the master's to serve.
   * ucarp keeps no address itself: the host takes the packet while the up-script's address is on
   * the NIC, whatever the daemon's state. What a client's traffic to a virtual address meets here.
   */
  public Taker takerOf(String nic) {
    Nic n = nics.get(nic);
    if (n == null) {
      throw new IllegalArgumentException("no NIC " + nic + " (NICs: " + nics.keySet() + ")");
    }
    return (destination, address) -> {
      long to = destination.value();
      boolean toNic = to == n.macValue;
      if (keepalived != null && keepalived.takes(n, to, address.value())) {
        return true;
      }
      List<CarpIf> carps = n.carps;
      for (int i = 0; i < carps.size(); i++) {
        CarpIf sc = carps.get(i);
        if (sc.kind == CarpIf.Kind.UCARP) {
          if (toNic && sc.daemon.holdsVip() && sc.ucarp.virtualAddress().equals(address)) {
            return true;
          }
          continue;
        }
        List<Vhost> vhosts = sc.vhosts;
        for (int k = 0; k < vhosts.size(); k++) {
          Vhost v = vhosts.get(k);
          // cheap tests first: this runs for every client packet every host on the segment receives
          if (v.state == CarpState.MASTER && (toNic || to == answerMac(sc, v).value())
              && sc.holdsV4(address.value())) {
            return true;
          }
        }
      }
      return false;
    };
  }

  /** Whether some carp interface holds an IPv6 address now. */
  public boolean holdsIpv6() {
    for (CarpIf sc : holders) {
      if (sc.countV6() > 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether the host takes a client's IPv6 packet at one NIC ({@link #ipv6TakerOf}), asked once per packet. */
  @FunctionalInterface
  public interface Ipv6Taker {
    boolean takes(MacAddress destination, Ipv6Address address);
  }

  /**
   * {@link #takerOf} for IPv6: some vhost holding the address on that NIC is MASTER and the frame is
   * for the MAC it answers neighbour solicitations with (its virtual MAC or lladdr) or for the NIC's
   * own MAC. ucarp and keepalived hold IPv4 addresses only here.
   */
  public Ipv6Taker ipv6TakerOf(String nic) {
    Nic n = nics.get(nic);
    if (n == null) {
      throw new IllegalArgumentException("no NIC " + nic + " (NICs: " + nics.keySet() + ")");
    }
    return (destination, address) -> {
      long to = destination.value();
      for (CarpIf sc : n.carps) {
        if (sc.kind == CarpIf.Kind.UCARP || !sc.holdsV6(address)) {
          continue;
        }
        for (Vhost v : sc.vhosts) {
          if (v.state == CarpState.MASTER && (to == n.macValue || to == answerMac(sc, v).value())) {
            return true;
          }
        }
      }
      return false;
    };
  }

  /**
   * The MACs besides the NIC's own that {@link #takerOf}{@code (nic)} may take a packet for: the
   * virtual MACs and {@code lladdr}s of every vhost on the NIC, whatever its state (the taker checks
   * the state). They change only with the configuration; a simulator hands a NIC the packets to these
   * and its own MAC, and need not ask the taker about any other.
   */
  public long[] unicastMacsOf(String nic) {
    Nic n = nics.get(nic);
    if (n == null) {
      throw new IllegalArgumentException("no NIC " + nic + " (NICs: " + nics.keySet() + ")");
    }
    long[] vrrp = keepalived == null ? new long[0] : keepalived.macsOn(n); // use_vmac's macvlans
    long[] macs = java.util.Arrays.copyOf(vrrp, vrrp.length + 4);
    int count = vrrp.length;
    for (CarpIf sc : n.carps) {
      if (sc.kind == CarpIf.Kind.UCARP) {
        continue; // answers with the NIC's own MAC
      }
      for (Vhost v : sc.vhosts) {
        if (count + 2 > macs.length) {
          macs = java.util.Arrays.copyOf(macs, macs.length * 2);
        }
        macs[count++] = v.enaddr.value();
        if (sc.lladdr != null) {
          macs[count++] = sc.lladdr.value();
        }
      }
    }
    return java.util.Arrays.copyOf(macs, count);
  }

  /**
   * The (destination MAC, IPv4 address) pairs {@link #takerOf}{@code (nic)} says yes to now, for a
   * simulator to answer from without walking the node: {@code macs[i]} with {@code addresses[i]}.
   * They change only with a transition or the configuration. Null when the NIC carries a ucarp
   * daemon, whose answer follows its up-script instead, or a keepalived instance, whose follows its
   * VIPs (kept after a SIGKILL): ask the taker.
   */
  public record Takes(long[] macs, int[] addresses) {
    /** Whether a packet to {@code mac} for {@code address} is taken. */
    public boolean takes(long mac, int address) {
      for (int i = 0; i < macs.length; i++) {
        if (macs[i] == mac && addresses[i] == address) {
          return true;
        }
      }
      return false;
    }
  }

  /** See {@link Takes}. */
  public Takes takesAt(String nic) {
    Nic n = nics.get(nic);
    if (n == null) {
      throw new IllegalArgumentException("no NIC " + nic + " (NICs: " + nics.keySet() + ")");
    }
    if (keepalived != null && keepalived.runsOn(n)) {
      return null;
    }
    long[] macs = new long[0];
    int[] addresses = new int[0];
    for (CarpIf sc : n.carps) {
      if (sc.kind == CarpIf.Kind.UCARP) {
        return null;
      }
      for (Vhost v : sc.vhosts) {
        if (v.state != CarpState.MASTER) {
          continue;
        }
        long answer = answerMac(sc, v).value();
        for (Ipv4Address a : sc.ipv4()) {
          int at = macs.length;
          macs = java.util.Arrays.copyOf(macs, at + 2);
          addresses = java.util.Arrays.copyOf(addresses, at + 2);
          macs[at] = answer;
          macs[at + 1] = n.macValue; // the stack takes a local address whatever MAC it came to
          addresses[at] = a.value();
          addresses[at + 1] = a.value();
        }
      }
    }
    return new Takes(macs, addresses);
  }

  /** Every virtual host: carp interfaces in creation order, then FreeBSD vhids and ucarp daemons as created. */
  public List<VirtualHostStatus> virtualHosts() {
    List<VirtualHostStatus> out = new ArrayList<>();
    for (CarpIf sc : holders) {
      for (Vhost v : sc.vhosts) {
        out.add(status(sc, v));
      }
    }
    if (keepalived != null) {
      for (KeepalivedDaemon.Bound b : keepalived.instances) {
        org.carpsim.carp.vrrp.KeepalivedConfig.Instance in = b.instance.config();
        // VRRP has no advskew: the status shows 256 − priority, the same ordering (lower wins)
        out.add(new VirtualHostStatus(b.nic.name, in.vrid(), b.instance.state(), in.advertIntCentis() / 100,
            256 - in.priority(), 256 - in.priority(), 0, b.nic.name, new MacAddress(b.mac()), b.vipAddresses(),
            List.of(), true));
      }
    }
    return out;
  }

  /** The MAC a vhost answers ARP with: its virtual MAC, its interface's lladdr (leader only), or ucarp's NIC's. */
  private static MacAddress answerMac(CarpIf sc, Vhost v) {
    if (sc.kind == CarpIf.Kind.UCARP) {
      return sc.carpdev.mac;
    } else if (sc.kind == CarpIf.Kind.PARENT_VHID || sc.lladdr == null) {
      return v.enaddr;
    }
    return v.isLeader() ? sc.lladdr : v.enaddr;
  }

  private VirtualHostStatus status(CarpIf sc, Vhost v) {
    MacAddress mac = answerMac(sc, v);
    return new VirtualHostStatus(sc.name, v.vhid, v.state, sc.advbase, v.advskew,
        profile.effectiveAdvskew(v.advskew, sc.kind == CarpIf.Kind.UCARP ? 0 : engine.demotion()),
        engine.demotionInEffect(sc), sc.carpdev == null ? "" : sc.carpdev.name, mac, sc.ipv4(), sc.ipv6(),
        v.isLeader());
  }

  /**
   * The state of an interface's (leader) virtual host: a carp interface, a FreeBSD parent with
   * exactly one vhid, or a ucarp interface with exactly one daemon. Empty when there is none (or
   * several: ask {@link #stateOfVhid}).
   */
  public Optional<CarpState> state(String iface) {
    CarpIf c = carpIfs.get(iface);
    if (c != null) {
      return Optional.ofNullable(c.leader()).map(v -> v.state);
    }
    Nic n = nics.get(iface);
    if (n != null && keepalived != null) {
      List<KeepalivedDaemon.Bound> on = keepalived.instances.stream().filter(b -> b.nic == n).toList();
      if (on.size() == 1 && n.carps.isEmpty()) {
        return Optional.of(on.get(0).instance.state());
      }
    }
    if (n != null && n.carps.size() == 1 && n.carps.get(0).kind != CarpIf.Kind.CARP_INTERFACE) {
      return Optional.ofNullable(n.carps.get(0).leader()).map(v -> v.state);
    }
    return Optional.empty();
  }

  /** The state of virtual host {@code vhid} wherever it lives on this host (the first one found). */
  public Optional<CarpState> stateOfVhid(int vhid) {
    for (CarpIf sc : holders) {
      Vhost v = sc.vhost(vhid);
      if (v != null) {
        return Optional.of(v.state);
      }
    }
    if (keepalived != null) {
      for (KeepalivedDaemon.Bound b : keepalived.instances) {
        if (b.instance.config().vrid() == vhid) {
          return Optional.of(b.instance.state());
        }
      }
    }
    return Optional.empty();
  }

  /** The state of {@code vhid} on interface {@code iface} (FreeBSD: the parent). */
  public Optional<CarpState> stateOfVhid(String iface, int vhid) {
    for (CarpIf sc : holders) {
      if (sc.name.equals(iface)) {
        Vhost v = sc.vhost(vhid);
        if (v != null) {
          return Optional.of(v.state);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The carpstats counters per interface: a packet whose vhid belongs to a carp interface (or a
   * FreeBSD parent, or a ucarp daemon's interface) is counted there from {@code ipackets} on;
   * packets for no local vhid are counted on the NIC they arrived on. ucarp keeps no statistics;
   * the simulator counts them the same way all the same. Every NIC and every carp interface that
   * ever existed has an entry, zeros included.
   */
  public Map<String, Map<CarpStat, Long>> statistics() {
    Map<String, Map<CarpStat, Long>> out = new LinkedHashMap<>();
    statsByName.forEach((name, counters) -> out.put(name, toMap(counters)));
    return Collections.unmodifiableMap(out);
  }

  /** The host-wide {@code struct carpstats} (what {@code netstat -s -p carp} shows): the sum of all entries. */
  public Map<CarpStat, Long> systemStatistics() {
    long[] sum = new long[CarpStat.values().length];
    for (long[] c : statsByName.values()) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += c[i];
      }
    }
    return toMap(sum);
  }

  private static Map<CarpStat, Long> toMap(long[] counters) {
    Map<CarpStat, Long> m = new EnumMap<>(CarpStat.class);
    for (CarpStat s : CarpStat.values()) {
      m.put(s, counters[s.ordinal()]);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * What {@code ifconfig IFACE} prints: the flags line, the §8.2 {@code carp:} line(s) and the
   * address lines, in the shape of the profile's system.
   *
   * @throws IllegalArgumentException when there is no such interface
   */
  public String ifconfigStatus(String iface) {
    CommandResult r = ifconfig.query(Optional.of(iface));
    if (!r.ok()) {
      throw new IllegalArgumentException(r.error());
    }
    return r.output();
  }

  /** The current value of a sysctl this profile knows. */
  public Optional<Long> sysctl(String name) {
    return Optional.ofNullable(sysctls.get(name));
  }

  /** Whether NIC {@code nic} passes frames now: link up and IFF_UP. */
  public boolean nicRunning(String nic) {
    Nic n = nics.get(nic);
    return n != null && n.running();
  }

  /**
   * Whether the host answers an ICMP echo (ping) for {@code address} arriving at NIC {@code nic} now:
   * the NIC runs and holds it as its own address, or a vhost on it holding it is MASTER (a BACKUP's
   * carp address answers nothing), or a ucarp daemon's up-script put it on the NIC.
   */
  public boolean answersEcho(String nic, InetAddressText address) {
    Nic n = nics.get(nic);
    if (n == null || !n.running()) {
      return false;
    }
    if (address.v4() != null) {
      int a = address.v4().value();
      if (n.ownsV4(a)) {
        return true;
      }
      if (keepalived != null && keepalived.takes(n, n.macValue, a)) {
        return true;
      }
    } else {
      for (AddressList.V6 own : n.addrs.v6) {
        if (own.vhid() == 0 && own.address().equals(address.v6())) {
          return true;
        }
      }
    }
    for (CarpIf sc : n.carps) {
      if (sc.kind == CarpIf.Kind.UCARP) {
        if (address.v4() != null && sc.daemon.holdsVip() && sc.ucarp.virtualAddress().equals(address.v4())) {
          return true;
        }
        continue;
      }
      boolean holds = address.v4() != null ? sc.holdsV4(address.v4().value()) : sc.holdsV6(address.v6());
      if (holds) {
        for (Vhost v : sc.vhosts) {
          if (v.state == CarpState.MASTER) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether NIC {@code nic} holds an address of its own (not a vhid's) of that family to send from. */
  public boolean hasOwnAddress(String nic, boolean inet6) {
    Nic n = nics.get(nic);
    if (n == null) {
      return false;
    }
    return inet6 ? n.addrs.v6.stream().anyMatch(a -> a.vhid() == 0) : n.firstOwnV4() != null;
  }

  /** An IPv4 or an IPv6 address, as a ping names it: exactly one of the two is set. */
  public record InetAddressText(Ipv4Address v4, org.carpsim.carp.net.Ipv6Address v6) {
    /** {@code 192.0.2.1} or {@code 2001:db8::1}. */
    public static InetAddressText parse(String text) {
      return text.contains(":") ? new InetAddressText(null, org.carpsim.carp.net.Ipv6Address.parse(text))
          : new InetAddressText(Ipv4Address.parse(text), null);
    }

    @Override
    public String toString() {
      return v4 != null ? v4.toString() : v6.toString();
    }
  }

  /** The MAC the host's ARP cache holds for {@code address} on {@code nic}, if any. */
  public Optional<MacAddress> arpCacheEntry(String nic, Ipv4Address address) {
    Nic n = nics.get(nic);
    long mac = n == null ? -1 : n.arpCache.get(address.value());
    return mac < 0 ? Optional.empty() : Optional.of(new MacAddress(mac));
  }

  // ---- sysctl -----------------------------------------------------------------------------------

  private CommandResult sysctlSet(String name, long value) {
    Optional<SysctlSpec> spec = profile.sysctls().find(name);
    if (spec.isEmpty()) {
      return CommandResult.failed("sysctl: " + name + ": unknown in profile " + profile.name());
    }
    if (spec.get().access() == SysctlSpec.Access.READ_ONLY) {
      return CommandResult.failed("sysctl: " + name + ": read-only");
    }
    if (!spec.get().range().contains(value)) {
      return CommandResult.failed("sysctl: " + name + ": " + value + " out of range (" + spec.get().range() + ")");
    }
    long old = sysctls.getOrDefault(name, spec.get().defaultValue());
    if (spec.get().write() == SysctlSpec.Write.ADD) {
      engine.freebsdDemoteAdj((int) value, "sysctl");
    } else {
      putSysctl(name, value);
      if (name.equals("net.inet.carp.allow") && (old != 0) != (value != 0)) {
        engine.allowChanged();
      }
    }
    return CommandResult.printed(name + ": " + old + " -> " + sysctls.get(name));
  }

  private CommandResult sysctlGet(String name, boolean valueOnly) {
    List<String> lines = new ArrayList<>();
    for (SysctlSpec s : profile.sysctls().known().values()) {
      String n = s.name();
      if (!(name.isEmpty() || n.equals(name) || n.startsWith(name.endsWith(".") ? name : name + "."))) {
        continue;
      }
      if (n.equals("net.inet.carp.stats")) {
        for (Map.Entry<CarpStat, Long> e : systemStatistics().entrySet()) {
          lines.add(valueOnly ? e.getValue().toString() : sysctlLine(n + "." + e.getKey().counterName(), e.getValue()));
        }
        continue;
      }
      long v = sysctls.getOrDefault(n, s.defaultValue());
      lines.add(valueOnly ? Long.toString(v) : sysctlLine(n, v));
    }
    if (lines.isEmpty()) {
      return CommandResult.failed("sysctl: " + name + ": unknown in profile " + profile.name());
    }
    return CommandResult.printed(String.join("\n", lines));
  }

  private String sysctlLine(String name, long value) {
    return Wording.fill(profile.wording().commands().sysctlLine(), "name", name, "value", value);
  }

  // ---- package-private plumbing for the node's parts --------------------------------------------

  NodeEnvironment env() {
    return env;
  }

  NodeListener listener() {
    return listener;
  }

  RandomGenerator random() {
    return random;
  }

  CarpLog log() {
    return log;
  }

  Engine engine() {
    return engine;
  }

  long sysctlValue(String name, long fallback) {
    Long v = sysctls.get(name);
    return v == null ? fallback : v;
  }

  /** Sets a sysctl; every write goes through here so that the copies in fields stay current. */
  void putSysctl(String name, long value) {
    sysctls.put(name, value);
    refreshSysctls();
  }

  private void refreshSysctls() {
    sysctlAllow = sysctlValue("net.inet.carp.allow", 1);
    sysctlPreempt = sysctlValue("net.inet.carp.preempt", 0);
    sysctlDemotion = sysctlValue("net.inet.carp.demotion", 0);
    sysctlDscp = sysctlValue("net.inet.carp.dscp", 56);
    sysctlArpbalance = sysctlValue("net.inet.carp.arpbalance", 0);
    sysctlIp6Forwarding = sysctlValue("net.inet6.ip6.forwarding", 0);
    sysctlLog = sysctlValue("net.inet.carp.log", 0);
  }

  long[] statsFor(String name) {
    return statsByName.computeIfAbsent(name, k -> new long[CarpStat.values().length]);
  }

  long nextAddressOrder() {
    return addressOrder++;
  }

  /** FreeBSD 6's sequential IP ID ({@code ip_newid} with random ids off): a random start, then +1. */
  int nextIpId() {
    if (ipId < 0) {
      ipId = (int) (random.nextLong() & 0xffff);
    }
    ipId = (ipId + 1) & 0xffff;
    return ipId;
  }

  /** A packet a ucarp daemon's loop took from its capture ring. */
  void ucarpInput(Nic nic, byte[] f, UcarpDaemon daemon) {
    int ip = 14;
    int ihl = (Bytes.u8(f, ip) & 0xf) * 4;
    int total = Math.min(Bytes.u16(f, ip + 2), f.length - ip);
    int dst = Bytes.i32(f, ip + 16);
    receiver.carpInput(nic, f, 4, ip + ihl, total - ihl, ihl, Bytes.u8(f, ip + 8), Bytes.i32(f, ip + 12), dst,
        (dst >>> 28) == 0xe, daemon);
  }

  boolean hasUcarp() {
    return ucarpDaemons > 0;
  }

  void ucarpStarted() {
    ucarpDaemons++;
  }

  int[] hashKey(CarpIf sc) {
    if (sc.hashKey == null) {
      sc.hashKey = CarpHmac.balancingHashKey(sc.key);
    }
    return sc.hashKey;
  }

  /** {@code time_uptime}: whole seconds since this host booted. */
  long uptimeSeconds() {
    return (env.now() - bootNanos) / 1_000_000_000L;
  }

  /** pfsync0, created on first use. */
  Pfsync pfsync() {
    if (pfsync == null) {
      pfsync = new Pfsync(this);
    }
    return pfsync;
  }

  /** Runs {@code action} now, or after {@code delayNs} on a one-shot timer. */
  void later(long delayNs, Runnable action) {
    if (delayNs <= 0) {
      action.run();
    } else {
      env.newTimer(action).armAfter(delayNs);
    }
  }

  /**
   * Hands a frame to the NIC if it can send (a NIC without carrier or UP drops it). False when the
   * driver failed the send (a tx-error fault: ENOBUFS); the frame is then not on the wire.
   */
  boolean transmit(Nic nic, byte[] frame) {
    if (nic.txErrors) {
      return false;
    }
    if (nic.running()) {
      env.transmit(nic.name, frame);
    }
    return true;
  }

  /**
   * The driver of physical NIC {@code nic} starts or stops failing every transmit with ENOBUFS, as
   * a NIC whose send queue is stuck: advertisements fail and count as send errors (§5.4, §5.5).
   */
  public void setTransmitErrors(String nic, boolean failing) {
    Nic n = nics.get(nic);
    if (n == null) {
      throw new IllegalArgumentException("no NIC " + nic + " (NICs: " + nics.keySet() + ")");
    }
    n.txErrors = failing;
  }

  /**
   * Sends an IPv4 frame; a unicast destination is resolved through the NIC's ARP cache as a BSD
   * kernel does: unknown → the frame is held (the last one per destination) and an ARP request is
   * broadcast; the reply releases it. The destination is taken as on-link (no routes are modelled).
   */
  boolean transmitIpv4(Nic nic, byte[] frame, int dst) {
    if ((dst >>> 28) == 0xe || dst == -1) {
      return transmit(nic, frame);
    }
    long mac = nic.arpCache.get(dst);
    if (mac >= 0) {
      Bytes.putMac(frame, 0, mac);
      return transmit(nic, frame);
    }
    nic.held.put(dst, frame);
    int src = Bytes.i32(frame, 14 + 12);
    transmit(nic, Emitter.arp(Wire.BROADCAST_MAC, nic.macValue, 1, nic.macValue, src, 0, dst));
    return true; // held for the ARP reply: ether_output reports no error
  }

  /**
   * What an ARP packet teaches, as RFC 826's merge does and the BSD kernels' arpinput: an entry for
   * its sender that exists is updated (a gratuitous ARP moves it); a new one is made only when the
   * packet was for this host ({@code forUs}). A backup on a busy segment does not learn every
   * client that asks for the master; the cache is written only when it changes.
   */
  void learnArp(Nic nic, int ip, long mac, boolean forUs) {
    long known = nic.arpCache.get(ip);
    if (known < 0 ? forUs : known != mac) {
      nic.arpCache.put(ip, mac);
    }
    if (nic.held.isEmpty()) {
      return;
    }
    byte[] held = nic.held.remove(ip);
    if (held != null) {
      Bytes.putMac(held, 0, mac);
      transmit(nic, held);
    }
  }

  void learnNd(Nic nic, Ipv6Address ip, MacAddress mac) {
    nic.ndCache.put(ip, mac);
  }

  /** The MAC of an IPv6 unicast peer: learned from its solicitations, else all-nodes (no ND resolution modelled). */
  long neighborMac6(Nic nic, Ipv6Address dst) {
    MacAddress m = nic.ndCache.get(dst);
    return m != null ? m.value() : Frames.multicastMac(Ipv6Address.ALL_NODES).value();
  }

  /** The holders the kernel state machine drives (everything but ucarp daemons). */
  List<CarpIf> kernelCarps() {
    List<CarpIf> out = new ArrayList<>(holders.size());
    for (CarpIf sc : holders) {
      if (sc.kind != CarpIf.Kind.UCARP) {
        out.add(sc);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "CarpHost[" + profile.name() + (hostname.isEmpty() ? "" : " " + hostname) + ", NICs " + nics.keySet()
        + "]";
  }
}
