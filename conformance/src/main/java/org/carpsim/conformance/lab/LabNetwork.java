package org.carpsim.conformance.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.carpsim.conformance.live.LiveIoException;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.NicAddress;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.Segment;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Partition;

/**
 * The scenario's segments and hosts as Linux network namespaces: {@code PREFIX-sw} holds one bridge
 * per segment ({@code b0}, {@code b1}, … STP off, multicast snooping off; a hub's bridge forgets
 * every MAC at once, so it floods like a hub), and one namespace {@code PREFIX-HOST} per host whose
 * NICs are veth pairs named as the scenario names them, with the scenario's MACs and addresses, the
 * other end ({@code pHnN}) a port of the segment's bridge. Every interface is created inside these
 * namespaces, never in the caller's; IPv6 is off in all of them. {@link #close} deletes exactly the
 * namespaces this object created.
 */
public final class LabNetwork implements AutoCloseable {

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9-]{0,19}");
  private static final Path NETNS = Path.of("/var/run/netns");

  private final String prefix;
  private final Scenario scenario;
  private final List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, String> ports = new LinkedHashMap<>();
  private final Map<String, Integer> segmentIndex = new LinkedHashMap<>();
  private final List<String> extraBridges = new ArrayList<>();
  private boolean closed;

  private LabNetwork(String prefix, Scenario scenario) {
    this.prefix = prefix;
    this.scenario = scenario;
  }

  /** Why {@code prefix} cannot name a lab, if it cannot: letters, digits and '-', at most 20, a letter first. */
  public static java.util.Optional<String> badPrefix(String prefix) {
    if (!PREFIX.matcher(prefix).matches()) {
      return java.util.Optional.of("--lab-prefix '" + prefix + "': lower-case letters, digits and '-', a letter"
          + " first, at most 20 characters");
    }
    return java.util.Optional.empty();
  }

  /**
   * Builds the lab of {@code scenario}. Refuses a prefix whose namespaces already exist (another
   * run's, or someone's own): the lab only ever touches what it made.
   *
   * @throws LiveIoException if a step fails (what was built is deleted first)
   */
  public static LabNetwork build(String prefix, Scenario scenario) {
    LabNetwork lab = prepare(prefix, scenario);
    try {
      lab.create();
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  /**
   * The lab of {@code scenario}, checked but not yet built: {@link #create} builds it, {@link #close}
   * deletes whatever was built so far (so a teardown can hold it before the first namespace exists).
   */
  public static LabNetwork prepare(String prefix, Scenario scenario) {
    badPrefix(prefix).ifPresent(why -> {
      throw new LiveIoException(why);
    });
    try (var existing = Files.list(NETNS)) {
      List<String> clash = existing.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix + "-"))
          .toList();
      if (!clash.isEmpty()) {
        throw new LiveIoException("namespaces named " + prefix + "-… already exist (" + String.join(", ", clash)
            + "): another lab runs, or one was kept with --keep-lab; choose another --lab-prefix or delete them");
      }
    } catch (IOException e) {
      // no /var/run/netns yet: no namespace exists
    }
    return new LabNetwork(prefix, scenario);
  }

  /** Builds the namespaces, bridges and veth pairs; a failure leaves what was built for {@link #close}. */
  public void create() {
    addNamespace(switchNs());
    for (int s = 0; s < scenario.segments().size(); s++) {
      Segment seg = scenario.segments().get(s);
      segmentIndex.put(seg.name(), s);
      List<String> bridge = new ArrayList<>(List.of("link", "add", "b" + s, "type", "bridge", "stp_state", "0",
          "forward_delay", "0", "mcast_snooping", "0"));
      if (!seg.isSwitch()) {
        bridge.addAll(List.of("ageing_time", "0")); // a hub: no MAC learnt, every frame flooded
      }
      ipIn(switchNs(), bridge);
      ipIn(switchNs(), List.of("link", "set", "b" + s, "up"));
    }
    for (int h = 0; h < scenario.hosts().size(); h++) {
      Host host = scenario.hosts().get(h);
      String ns = ns(host.name());
      addNamespace(ns);
      for (int n = 0; n < host.nics().size(); n++) {
        Nic nic = host.nics().get(n);
        String port = "p" + h + "n" + n;
        ports.put(nic.qualifiedName(), port);
        ipIn(switchNs(), List.of("link", "add", port, "type", "veth", "peer", "name", nic.name(), "netns", ns));
        ipIn(switchNs(), List.of("link", "set", port, "master", "b" + segmentIndex.get(nic.segment()), "up"));
        ipIn(ns, List.of("link", "set", nic.name(), "address", nic.mac().toString()));
        addAddresses(nic);
        ipIn(ns, List.of("link", "set", nic.name(), "up"));
      }
    }
    // the impairments the scenario starts with, as its timeline would set them
    for (Segment seg : scenario.segments()) {
      if (!seg.conditions().isPerfect()) {
        segmentConditions(seg.name(), seg.conditions());
      }
    }
    for (Nic n : scenario.nics()) {
      if (!n.conditions().isPerfect()) {
        nicConditions(n.qualifiedName(), n.conditions());
      }
    }
    for (int s = 0; s < scenario.segments().size(); s++) {
      String name = scenario.segments().get(s).name();
      if (scenario.clients().stream().anyMatch(c -> c.segment().equals(name))) {
        // the tester's port: c<s> on the bridge, its peer t<s> where the tester sends and listens
        ipIn(switchNs(), List.of("link", "add", "c" + s, "type", "veth", "peer", "name", "t" + s));
        ipIn(switchNs(), List.of("link", "set", "c" + s, "master", "b" + s, "up"));
        ipIn(switchNs(), List.of("link", "set", "t" + s, "up"));
      }
    }
  }

  private void addAddresses(Nic nic) {
    for (NicAddress a : nic.addresses()) {
      if (a instanceof NicAddress.Inet4 v4) {
        ipIn(ns(nic.host()), List.of("addr", "add", v4.address() + "/" + v4.prefixLength(), "dev", nic.name()));
      }
    }
  }

  private void addNamespace(String ns) {
    synchronized (this) { // a teardown (Ctrl-C) may close the lab while it is being built
      if (closed) {
        throw new LiveIoException("the lab was torn down while it was being built");
      }
      run(List.of("ip", "netns", "add", ns));
      created.add(ns);
    }
    run(List.of("ip", "netns", "exec", ns, "sh", "-c",
        "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6"));
    ipIn(ns, List.of("link", "set", "lo", "up"));
  }

  /** The namespace holding the bridges. */
  public String switchNs() {
    return prefix + "-sw";
  }

  /** The namespace of host {@code host}. */
  public String ns(String host) {
    return prefix + "-" + host;
  }

  /** The bridge port of NIC {@code host.nic}, in {@link #switchNs()}. */
  public String port(String qualifiedNic) {
    return ports.get(qualifiedNic);
  }

  /** The tester's interface on {@code segment}, in {@link #switchNs()}. */
  public String testerInterface(String segment) {
    return "t" + segmentIndex.get(segment);
  }

  /** The tester's bridge port on {@code segment}, in {@link #switchNs()}. */
  public String testerPort(String segment) {
    return "c" + segmentIndex.get(segment);
  }

  /** A power cut: the host's NICs lose their addresses and their carrier. */
  public void powerOff(Host host) {
    for (Nic n : host.nics()) {
      ipIn(ns(host.name()), List.of("addr", "flush", "dev", n.name()));
      ipIn(ns(host.name()), List.of("link", "set", n.name(), "down"));
    }
  }

  /** Power back: the NICs up with their scenario addresses again. */
  public void powerOn(Host host) {
    for (Nic n : host.nics()) {
      addAddresses(n);
      ipIn(ns(host.name()), List.of("link", "set", n.name(), "up"));
    }
  }

  /**
   * {@code ifconfig NIC [up|down] [inet A/len [alias|-alias]]} typed on a Linux host: {@code ip addr}
   * (a primary address replaces the NIC's addresses, as ifconfig replaces the first) and {@code ip link}.
   */
  public void ifconfig(String host, org.carpsim.carp.config.HostCommand.IfconfigSet set) {
    String ns = ns(host);
    if (set.address().isPresent() && set.address().get() instanceof org.carpsim.carp.config.AddressChange.Inet a) {
      String addr = a.address() + "/" + a.prefixLength();
      switch (a.op()) {
        case DELETE -> ipIn(ns, List.of("addr", "del", addr, "dev", set.ifname()));
        case ADD_ALIAS -> ipIn(ns, List.of("addr", "add", addr, "dev", set.ifname()));
        case REPLACE_PRIMARY -> {
          ipIn(ns, List.of("addr", "flush", "dev", set.ifname()));
          ipIn(ns, List.of("addr", "add", addr, "dev", set.ifname()));
        }
      }
    }
    for (org.carpsim.carp.config.IfSetting s : set.settings()) {
      boolean up = s instanceof org.carpsim.carp.config.IfSetting.Up;
      ipIn(ns, List.of("link", "set", set.ifname(), up ? "up" : "down"));
    }
  }

  /** {@code ip link set NIC up|down} in the host's namespace. */
  public void link(String qualifiedNic, boolean up) {
    Nic n = scenario.nic(qualifiedNic).orElseThrow();
    ipIn(ns(n.host()), List.of("link", "set", n.name(), up ? "up" : "down"));
  }

  /**
   * Cuts {@code segment} into the partition's sides: each side after the first moves to a bridge of
   * its own, so frames cross no side boundary (ports of hosts not named stay with the first side).
   */
  public void partition(String segment, Partition partition) {
    heal(segment);
    int s = segmentIndex.get(segment);
    for (int side = 1; side < partition.sides().size(); side++) {
      String bridge = "b" + s + "x" + side;
      ipIn(switchNs(), List.of("link", "add", bridge, "type", "bridge", "stp_state", "0", "forward_delay", "0",
          "mcast_snooping", "0"));
      ipIn(switchNs(), List.of("link", "set", bridge, "up"));
      extraBridges.add(bridge);
      for (String member : partition.sides().get(side)) {
        for (Nic n : portsOf(segment, member)) {
          ipIn(switchNs(), List.of("link", "set", port(n.qualifiedName()), "master", bridge));
        }
      }
    }
  }

  /** Every port of {@code segment} back on its bridge; the sides' bridges deleted. */
  public void heal(String segment) {
    int s = segmentIndex.get(segment);
    for (Nic n : scenario.nicsOn(segment)) {
      ipIn(switchNs(), List.of("link", "set", port(n.qualifiedName()), "master", "b" + s));
    }
    for (var it = extraBridges.iterator(); it.hasNext(); ) {
      String b = it.next();
      if (b.startsWith("b" + s + "x")) {
        ipIn(switchNs(), List.of("link", "del", b));
        it.remove();
      }
    }
  }

  /** The NICs on {@code segment} a partition member names: a host, or a NIC {@code host.nic}. */
  private List<Nic> portsOf(String segment, String member) {
    return scenario.nicsOn(segment).stream()
        .filter(n -> n.host().equals(member) || n.qualifiedName().equals(member)).toList();
  }

  /**
   * Impairs every frame a segment's hosts send: netem on each host NIC's egress (a frame leaves one
   * host once, so it is impaired once, as a segment impairs it).
   */
  public void segmentConditions(String segment, LinkConditions c) {
    for (Nic n : scenario.nicsOn(segment)) {
      netem(ns(n.host()), n.name(), c);
    }
  }

  /** Impairs one NIC's cable, both directions: netem on the host's side and on the bridge port. */
  public void nicConditions(String qualifiedNic, LinkConditions c) {
    Nic n = scenario.nic(qualifiedNic).orElseThrow();
    netem(ns(n.host()), n.name(), c);
    netem(switchNs(), port(qualifiedNic), c);
  }

  private void netem(String ns, String dev, LinkConditions c) {
    if (c.isPerfect()) {
      runQuietly(List.of("ip", "netns", "exec", ns, "tc", "qdisc", "del", "dev", dev, "root"));
      return;
    }
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, "tc", "qdisc", "replace", "dev", dev, "root",
        "netem"));
    if (c.latency() > 0 || c.jitter() > 0) {
      argv.addAll(List.of("delay", micros(c.latency())));
      if (c.jitter() > 0) {
        argv.add(micros(c.jitter()));
      }
    }
    if (c.loss() > 0) {
      argv.addAll(List.of("loss", percent(c.loss())));
    }
    if (c.duplicate() > 0) {
      argv.addAll(List.of("duplicate", percent(c.duplicate())));
    }
    run(argv);
  }

  private static String micros(long ns) {
    return (ns / 1000) + "us";
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.4f%%", fraction * 100);
  }

  /** {@code ip -n NS ARGS}. */
  private void ipIn(String ns, List<String> args) {
    List<String> argv = new ArrayList<>(List.of("ip", "-n", ns));
    argv.addAll(args);
    run(argv);
  }

  /** Runs a command to its end; a failure is a {@link LiveIoException} naming it and what it printed. */
  static void run(List<String> argv) {
    String output = "";
    int rc;
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      rc = p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      throw new LiveIoException("cannot run " + argv.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiveIoException("interrupted while running " + String.join(" ", argv));
    }
    if (rc != 0) {
      throw new LiveIoException(String.join(" ", argv) + " failed (exit " + rc + ")" + (output.isEmpty() ? ""
          : ": " + output));
    }
  }

  private static void runQuietly(List<String> argv) {
    try {
      run(argv);
    } catch (LiveIoException e) {
      // nothing to undo
    }
  }

  /** The namespaces this lab made, in the order made. */
  public List<String> namespaces() {
    return List.copyOf(created);
  }

  /** Deletes the namespaces this lab made (their interfaces and bridges go with them); once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = created.size() - 1; i >= 0; i--) {
      runQuietly(List.of("ip", "netns", "del", created.get(i)));
    }
  }

  /** Whether any namespace this lab made is still there. */
  public boolean anyLeft() {
    return created.stream().anyMatch(n -> Files.exists(NETNS.resolve(n)));
  }
}
