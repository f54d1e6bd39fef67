package org.carpsim.conformance.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.ConfigStyle;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.conformance.live.LiveNodeConfig;
import org.carpsim.conformance.tester.ConformancePlan;
import org.carpsim.conformance.tester.ConformanceRunner;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.net.Host;
import org.carpsim.sim.net.World;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.TopologyBuilder;

/**
 * The namespace lab of the live tests, simulated: one hub, the IUT (carp-node with the plan's
 * profile and configuration) at .11 of its first VIP's /24, the tester at .12 with a capturing and
 * an injecting NIC, and a spare host where E1 starts carpsim's node "on the tester's NIC" (the
 * tester's MAC and address, as live). Everything runs on one thread in virtual time.
 */
public final class SimulatedLab {

  /**
   * The hub's latency: the injection-to-capture latency of a simulated run (the namespace lab's
   * veth pairs and bridge measured a median of 39 µs).
   */
  public static final long SEGMENT_LATENCY_NS = 40_000L;
  /** The interface name every simulated host uses, as in the namespace lab. */
  public static final String IFACE = "eth0";
  static final MacAddress IUT_MAC = MacAddress.parse("02:00:00:99:00:11");
  static final MacAddress TESTER_MAC = MacAddress.parse("02:00:00:99:00:12");
  private static final int PREFIX = 24;
  private static final String UCARP_UP = "/etc/ucarp/vip-up.sh";
  private static final String UCARP_DOWN = "/etc/ucarp/vip-down.sh";

  private final World world;
  private final SimClock clock;
  private final SimulatedTesterPort port;
  private final SimulatedCarpHost iut;
  private final Ipv4Address iutAddress;
  private final Ipv4Address testerAddress;
  private final Optional<Ipv6Address> iutAddress6;
  private final Optional<Ipv6Address> testerAddress6;
  private final LiveNodeConfig iutConfig;

  private SimulatedLab(ConformancePlan plan, Consumer<String> iutLog) {
    if (plan.vips().size() > 1 || plan.vips6().size() > 1) {
      throw new IllegalArgumentException("--simulate: the simulated IUT serves one VIP per family; got "
          + plan.vipTexts());
    }
    int net = plan.vips().isEmpty() ? Ipv4Address.parse("10.99.0.0").value() : plan.vips().get(0).value() & 0xffffff00;
    int vipHost = plan.vips().isEmpty() ? 0 : plan.vips().get(0).value() & 0xff;
    int base = vipHost == 11 || vipHost == 12 ? 21 : 11; // the VIP must stay free
    iutAddress = new Ipv4Address(net | base);
    testerAddress = new Ipv4Address(net | (base + 1));
    // the live lab's fd99::11 and fd99::12: in the IPv6 VIP's /64, which some profiles pick the carpdev by
    long vip6Low = plan.vips6().isEmpty() ? 0 : plan.vips6().get(0).lo();
    long base6 = vip6Low == 0x11 || vip6Low == 0x12 ? 0x21 : 0x11;
    iutAddress6 = plan.vips6().stream().findFirst().map(v -> new Ipv6Address(v.hi(), base6));
    testerAddress6 = plan.vips6().stream().findFirst().map(v -> new Ipv6Address(v.hi(), base6 + 1));
    world = World.builder(TopologyBuilder.create()
            .hub("lan", LinkConditions.NONE.withLatency(SEGMENT_LATENCY_NS))
            .hosts("iut", "tester", "peer")
            .nic("iut", IFACE, "lan", IUT_MAC.value())
            .nic("tester", IFACE, "lan", TESTER_MAC.value())
            .nic("tester", "inject", "lan", TopologyBuilder.AUTO_MAC)
            .nic("peer", IFACE, "lan", TopologyBuilder.AUTO_MAC)
            .build())
        .frames(FrameRecording.NONE)
        .build();
    clock = new SimClock(world);
    Host tester = world.host("tester");
    port = new SimulatedTesterPort(clock, tester, tester.nic(IFACE), tester.nic("inject"), TESTER_MAC,
        new LiveInterface.Ipv4InterfaceAddress(testerAddress, PREFIX),
        Optional.of(LiveInterface.eui64LinkLocal(TESTER_MAC)), plan.vhid());
    iutConfig = new LiveNodeConfig(IFACE, plan.profile(), plan.vhid(), plan.pass(), plan.vips().stream().findFirst(),
        PREFIX, plan.vips6().stream().findFirst(), 64, plan.advbase(), plan.advskew(), plan.preempt(),
        Optional.empty(), Optional.empty());
    iut = node(iutConfig, IUT_MAC, iutAddress, iutAddress6, line -> iutLog.accept("iut: " + line));
    world.host("iut").install(iut);
  }

  /**
   * A lab whose IUT runs {@code plan}'s profile and configuration from virtual time 0.
   *
   * @param iutLog the IUT's state changes, one line each
   * @throws IllegalArgumentException if the simulated IUT cannot have that configuration
   */
  public static SimulatedLab create(ConformancePlan plan, Consumer<String> iutLog) {
    return new SimulatedLab(plan, iutLog);
  }

  private static SimulatedCarpHost node(LiveNodeConfig config, MacAddress mac, Ipv4Address address,
      Optional<Ipv6Address> address6, Consumer<String> out) {
    List<LiveInterface.Ipv6InterfaceAddress> six = new ArrayList<>();
    if (config.vip6().isPresent()) {
      six.add(new LiveInterface.Ipv6InterfaceAddress(LiveInterface.eui64LinkLocal(mac), 64));
      address6.ifPresent(a -> six.add(new LiveInterface.Ipv6InterfaceAddress(a, 64)));
    }
    List<String> commands = new ArrayList<>(
        config.commands(Optional.of(new LiveInterface.Ipv4InterfaceAddress(address, PREFIX)), six));
    if (config.profile().config().interfaces() == ConfigStyle.InterfaceModel.UCARP_DAEMON) {
      // ucarp as deployed (and in the namespace lab): its scripts add and remove the VIP, so the
      // host answers ARP for it while MASTER
      int last = commands.size() - 1;
      commands.set(last, commands.get(last) + " --upscript=" + UCARP_UP + " --downscript=" + UCARP_DOWN);
    }
    return new SimulatedCarpHost(config.profile(), mac, commands, config.bowOutCommand(), out);
  }

  /** The tester's port on the hub. */
  public SimulatedTesterPort port() {
    return port;
  }

  /** The world's virtual clock. */
  public SimClock clock() {
    return clock;
  }

  /** The IUT's own address. */
  public Ipv4Address iutAddress() {
    return iutAddress;
  }

  /** The tester's address. */
  public Ipv4Address testerAddress() {
    return testerAddress;
  }

  /** The IUT (its state and transitions). */
  public ConformanceRunner.PeerNode iut() {
    return iut;
  }

  /** Starts E1's peer: carp-node with {@code config} on the spare host, with the tester's MAC and address. */
  public ConformanceRunner.NodeStarter nodeStarter() {
    return (config, out) -> {
      SimulatedCarpHost peer = node(config, TESTER_MAC, testerAddress, testerAddress6, out);
      world.host("peer").install(peer);
      return peer;
    };
  }

  /** Runs {@code plan}'s cases against this lab's IUT, in virtual time. */
  public List<CaseResult> run(ConformancePlan plan, Consumer<String> progress) throws InterruptedException {
    return new ConformanceRunner(plan, port, progress, nodeStarter()).run();
  }
}
