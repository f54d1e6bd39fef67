package org.carpsim.scenario.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.CarpHost;
import org.carpsim.carp.node.CommandResult;
import org.carpsim.carp.node.LogLine;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.node.Transition;
import org.carpsim.carp.node.VirtualHostStatus;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.scenario.history.CommandTyped;
import org.carpsim.scenario.history.CountersTaken;
import org.carpsim.scenario.history.Logged;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.model.ConfigLine;
import org.carpsim.scenario.model.Origin;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.net.Host;
import org.carpsim.sim.net.HostStack;
import org.carpsim.sim.net.Nic;

/**
 * Binds a carp-node {@link CarpHost} into a simulated host: the node's environment is the host's
 * virtual clock, timers, NICs and random stream, and everything the node reports (state changes,
 * log lines, commands' outcomes, counters when its life ends) goes into the run's history. A boot
 * builds a fresh node and types the host's configuration again; a crash throws the node away.
 */
final class CarpHostStack implements HostStack {

  private final org.carpsim.scenario.model.Host spec;
  private final Map<String, String> segmentOfNic = new HashMap<>();
  private final ArpReplies arpReplies;
  private Host host;
  private CarpHost node;
  /** The simulated NICs and, in the same order, the node's input for each: bound at every boot. */
  private Nic[] simNics = new Nic[0];
  private java.util.function.Consumer<byte[]>[] inputs;
  /** Per simulated NIC, whether the node takes a client's packet that arrived there. */
  private CarpHost.Taker[] takers;
  private CarpHost.Ipv6Taker[] ipv6Takers;
  /**
   * Per simulated NIC, the taker's answers as of the last transition or command (null: ask the
   * taker), so that a client's packet is judged without walking the node's objects.
   */
  private CarpHost.Takes[] takes = new CarpHost.Takes[0];

  CarpHostStack(org.carpsim.scenario.model.Host spec, ArpReplies arpReplies) {
    this.spec = spec;
    this.arpReplies = arpReplies;
    spec.nics().forEach(n -> segmentOfNic.put(n.name(), n.segment()));
  }

  /** The running node, or null while the host is powered off. */
  CarpHost node() {
    return node;
  }

  @Override
  public void onBoot(Host booted) {
    host = booted;
    node = new CarpHost(spec.profile(), new SimulatedNodeEnvironment(booted, this::transmit), new Listener());
    typeBoot(node, spec, nic -> {
      if (!booted.nic(nic).hasCarrier()) {
        node.setCarrier(nic, false);
      }
    }, (origin, result) -> recordAtBoot(origin.where(), origin.text(), result));
    bindInputs(booted);
  }

  @SuppressWarnings("unchecked")
  private void bindInputs(Host booted) {
    List<Nic> nics = booted.nics();
    simNics = nics.toArray(new Nic[0]);
    inputs = new java.util.function.Consumer[simNics.length];
    takers = new CarpHost.Taker[simNics.length];
    ipv6Takers = new CarpHost.Ipv6Taker[simNics.length];
    for (int i = 0; i < simNics.length; i++) {
      String name = simNics[i].name();
      boolean known = node.nicNames().contains(name);
      inputs[i] = known ? node.receiverOf(name) : frame -> { };
      takers[i] = known ? node.takerOf(name) : (destination, address) -> false;
      ipv6Takers[i] = known ? node.ipv6TakerOf(name) : (destination, address) -> false;
    }
    listenOnVirtualMacs();
  }

  /**
   * Tells each NIC the virtual MACs it may take clients' packets for, so that the packets to other
   * MACs stop at the NIC; after every boot, typed command and transition (what can change them).
   */
  private void listenOnVirtualMacs() {
    if (takes.length != simNics.length) {
      takes = new CarpHost.Takes[simNics.length];
    }
    for (int i = 0; i < simNics.length; i++) {
      Nic nic = simNics[i];
      boolean known = node != null && node.nicNames().contains(nic.name());
      takes[i] = known ? node.takesAt(nic.name()) : new CarpHost.Takes(new long[0], new int[0]);
      // with the answers known, only a master's NIC needs to look; else (and for IPv6 packets, which
      // the IPv4 answers do not cover) every MAC a vhost may answer with
      boolean ipv6 = known && node.holdsIpv6();
      nic.listen(takes[i] != null && !ipv6 ? takes[i].macs() : node.unicastMacsOf(nic.name()));
    }
  }

  @Override
  public void onFrame(Nic nic, Frame frame) {
    Nic[] known = simNics;
    for (int i = 0; i < known.length; i++) {
      if (known[i] == nic) {
        if (!(frame instanceof TrafficPacket packet)) {
          inputs[i].accept(frame.array());
        } else if (packet.ipv4 != null
            ? (takes[i] != null ? takes[i].takes(packet.destination(), packet.ipv4.value())
                : takers[i].takes(packet.destinationMac, packet.ipv4))
            : ipv6Takers[i].takes(packet.destinationMac, packet.ipv6)) {
          packet.takers++; // a client's packet: counted where a master takes it, never seen by the node
        }
        return;
      }
    }
    node.receive(nic.name(), frame.array());
  }

  @Override
  public void onCarrier(Nic nic, boolean up) {
    node.setCarrier(nic.name(), up);
  }

  @Override
  public void onTransmitErrors(Nic nic, boolean failing) {
    node.setTransmitErrors(nic.name(), failing);
  }

  @Override
  public void onCrash(Host crashed) {
    record(new CountersTaken(spec.name(), node.statistics()));
    recordAdverts();
    for (VirtualHostStatus v : node.virtualHosts()) {
      if (v.state() != CarpState.INIT) {
        record(new StateChanged(spec.name(), v.iface(), v.vhid(), v.carpdev(), segmentOf(v.carpdev()), v.state(),
            CarpState.INIT, "host crashed", addresses(v.ipv4(), v.ipv6())));
      }
    }
    node = null;
  }

  /**
   * Runs a command typed at the host's prompt during the run and records it with its outcome; a
   * powered-off host ignores it (and the record says so).
   */
  void type(ParsedLine line, String where, String text) {
    if (node == null) {
      record(new CommandTyped(spec.name(), where, text, false, "host is powered off"));
      return;
    }
    CommandResult result = node.execute(line);
    listenOnVirtualMacs();
    record(new CommandTyped(spec.name(), where, text, result.ok(), outcome(result)));
  }

  /** Records the final counters of a host still running at the end. */
  void finish() {
    if (node != null) {
      record(new CountersTaken(spec.name(), node.statistics()));
    }
    recordAdverts();
  }

  private String segmentOf(String carpdev) {
    return carpdev == null ? "" : segmentOfNic.getOrDefault(carpdev, "");
  }

  /**
   * A host's boot typed into its node, as at power-on: each NIC with the commands its line implies
   * (then {@code nicAdded} hears its name), then the configuration lines, in order; {@code typed}
   * hears each result with the place it was written. The one boot order, for a run and for
   * {@link BootCheck}.
   */
  static void typeBoot(CarpHost node, org.carpsim.scenario.model.Host spec, Consumer<String> nicAdded,
      BiConsumer<Origin, CommandResult> typed) {
    for (org.carpsim.scenario.model.Nic nic : spec.nics()) {
      node.addNic(nic.name(), nic.mac());
      for (HostCommand c : nic.bootCommands()) {
        typed.accept(nic.origin(), node.execute(c));
      }
      nicAdded.accept(nic.name());
    }
    for (ConfigLine line : spec.configuration()) {
      typed.accept(line.origin(), node.execute(line.parsed()));
    }
  }

  /** A configuration line at boot is recorded when it fails or prints something: a campus boots thousands. */
  private void recordAtBoot(String where, String text, CommandResult result) {
    if (!result.ok() || !result.output().isEmpty()) {
      record(new CommandTyped(spec.name(), where, text, result.ok(), outcome(result)));
    }
  }

  /** What a terminal would show after the command: its error, or its output. */
  private static String outcome(CommandResult result) {
    return result.ok() ? result.output() : result.error();
  }

  private void record(org.carpsim.sim.history.HistoryEvent event) {
    host.world().record(event);
  }

  /** A vhost's addresses as a transition records them: IPv4, then IPv6. */
  private static List<IpAddress> addresses(List<Ipv4Address> ipv4, List<Ipv6Address> ipv6) {
    if (ipv6.isEmpty()) {
      return List.<IpAddress>copyOf(ipv4);
    }
    List<IpAddress> all = new ArrayList<>(ipv4);
    all.addAll(ipv6);
    return all;
  }

  /** The IPv6 addresses of a vhost (a transition carries only its IPv4 ones). */
  private List<Ipv6Address> ipv6Of(String iface, int vhid) {
    if (node == null || !node.holdsIpv6()) {
      return List.of();
    }
    for (VirtualHostStatus v : node.virtualHosts()) {
      if (v.iface().equals(iface) && v.vhid() == vhid) {
        return v.ipv6();
      }
    }
    return List.of();
  }

  private final class Listener implements NodeListener {

    @Override
    public void onTransition(Transition t) {
      if (node != null) {
        listenOnVirtualMacs();
      }
      record(new StateChanged(spec.name(), t.iface(), t.vhid(), t.carpdev(), segmentOf(t.carpdev()), t.from(), t.to(),
          t.reason(), addresses(t.ipv4(), ipv6Of(t.iface(), t.vhid()))));
    }

    @Override
    public void onLog(LogLine line) {
      record(new Logged(spec.name(), line.level(), line.text()));
    }
  }

  /** The node's frames go out of the host's NIC; ARP replies are noted, so a client learns who answered. */
  private void transmit(String nic, byte[] frame) {
    Frame f = Frame.wrap(frame);
    if (isArpReply(frame)) {
      arpReplies.sent(f, spec.name());
    } else {
      countAdvert(nic, frame);
    }
    host.nic(nic).transmit(f);
  }

  /** Per NIC, advertisements sent by (vhid << 48 | source MAC), in first-sent order: recorded when the life ends. */
  private final Map<String, Map<Long, long[]>> adverts = new java.util.TreeMap<>();

  /** An IPv4 or IPv6 packet of protocol 112 (CARP, VRRP), untagged: counted by vhid and source MAC. */
  private void countAdvert(String nic, byte[] f) {
    int vhidAt;
    if (f.length >= 34 && f[12] == 0x08 && f[13] == 0x00 && f[14 + 9] == 112) {
      vhidAt = 14 + (f[14] & 0x0f) * 4 + 1;
    } else if (f.length >= 54 && f[12] == (byte) 0x86 && f[13] == (byte) 0xdd && f[14 + 6] == 112) {
      vhidAt = 14 + 40 + 1;
    } else {
      return;
    }
    if (vhidAt >= f.length) {
      return;
    }
    long src = 0;
    for (int i = 6; i < 12; i++) {
      src = (src << 8) | (f[i] & 0xff);
    }
    long key = ((long) (f[vhidAt] & 0xff) << 48) | src;
    if (key != lastKey || !nic.equals(lastNic)) {
      // a host advertises from the same NIC and vhid again and again: the maps only see a change
      lastCounter = adverts.computeIfAbsent(nic, n -> new java.util.LinkedHashMap<>()).computeIfAbsent(key,
          k -> new long[1]);
      lastNic = nic;
      lastKey = key;
    }
    lastCounter[0]++;
  }

  private String lastNic;
  private long lastKey = -1;
  private long[] lastCounter;

  /** The advertisements counted over this life of the host, into the history; the count starts again. */
  private void recordAdverts() {
    adverts.forEach((nic, byKey) -> byKey.forEach((key, n) -> record(new org.carpsim.scenario.history.AdvertsSent(
        spec.name(), nic, segmentOfNic.getOrDefault(nic, ""), (int) (key >>> 48), new MacAddress(key & 0xffffffffffffL),
        n[0]))));
    adverts.clear();
    lastNic = null;
  }

  /** Ethernet type 0x0806 and ARP operation 2, untagged. */
  static boolean isArpReply(byte[] f) {
    return f.length >= 22 && f[12] == 0x08 && f[13] == 0x06 && f[20] == 0 && f[21] == 2;
  }
}
