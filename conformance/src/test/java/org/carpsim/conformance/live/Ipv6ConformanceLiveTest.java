package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.node.Transition;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborAdvertisement;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.tester.ConformancePlan;
import org.carpsim.conformance.tester.ConformanceRunner;
import org.carpsim.conformance.tester.TesterPort;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Catalogue D3 live, in a lab with IPv6 on: carpsim's own live node (profile openbsd, the IPv6 VIP
 * fd99::100, advskew 100) is the IUT in one namespace, the conformance runner plays over IPv6 from
 * another. A1 and A2 judge its advertisements to ff02::12 (the HMAC over the IPv6 VIP); D3 makes it
 * BACKUP, falls silent and judges the unsolicited neighbour advertisement of its takeover, then
 * solicits the VIP from the master and from a backup. The rest of the catalogue runs over IPv6 too
 * (D1 and D2 SKIP: no IPv4 VIP). A dual-stack node is played over IPv4 with D3 on its IPv6 side.
 * ucarp has no IPv6: D3 against it SKIPs, saying so. The labs run two at a time (about 2 minutes).
 */
@Tag("live")
class Ipv6ConformanceLiveTest {

  private static final Ipv6Address VIP6 = Ipv6Address.parse("fd99::100");
  private static final int ADVSKEW = 100;

  @Test
  void ipv6OnlyDualStackAndUcarpLabs() throws Exception {
    NamespaceLab.assumeLabAvailable();
    // Loads every class of carp-node and sim-core, and crafts and decodes every frame kind, up front:
    // a jar rebuilt by a parallel build while the labs run cannot then break a node's receive path
    // (a lost bow-out) or E1's start with a NoClassDefFoundError.
    preloadClassesBeside(org.carpsim.carp.node.CarpHost.class);
    preloadClassesBeside(org.carpsim.sim.pcap.PcapWriter.class);
    MacAddress m = MacAddress.parse("02:00:00:00:00:01");
    for (ConformancePlan p : List.of(
        new ConformancePlan(Profiles.OPENBSD, 1, LabPorts.PASS, List.of(), 1, ADVSKEW, false, ConformancePlan.CATALOGUE,
            List.of(VIP6)),
        new ConformancePlan(Profiles.OPENBSD, 1, LabPorts.PASS, LabPorts.VIPS, 1, ADVSKEW, false,
            ConformancePlan.CATALOGUE, List.of(VIP6)))) {
      assertEquals(ConformancePlan.CATALOGUE.size() + 2, ConformanceRunner.dryRun(p, m, LabPorts.VIP).size());
    }
    byte[] na = EthernetFrame.of(m, m, Ipv6Packet.of(0, 0, 255, VIP6, Ipv6Address.ALL_NODES,
        NeighborAdvertisement.of(false, false, true, VIP6, m))).toBytes();
    assertTrue(Frames.decode(na) instanceof EthernetFrame ef && ef.payload() instanceof Ipv6Packet p
        && p.payload() instanceof NeighborAdvertisement && p.payloadChecksumOk());
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<?> ipv6Only = two.submit((Callable<Void>) () -> {
        d3PassesAgainstOurNodeWithAnIpv6Vip();
        return null;
      });
      Future<?> others = two.submit((Callable<Void>) () -> {
        dualStackGroupPlayedOverIpv4WithD3OnItsIpv6Side();
        d3SkipsAgainstUcarpWhichIsIpv4Only();
        return null;
      });
      others.get();
      ipv6Only.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Error err) {
        throw err; // an assertion failure, as it is
      }
      throw e;
    } finally {
      two.shutdownNow();
    }
  }

  /** Loads (without initialising) every class in the jar or directory {@code anchor} came from. */
  private static void preloadClassesBeside(Class<?> anchor) throws Exception {
    java.nio.file.Path where = java.nio.file.Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (java.nio.file.Files.isDirectory(where)) {
      try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(where)) {
        walk.map(p -> where.relativize(p).toString()).filter(n -> n.endsWith(".class")).forEach(names::add);
      }
    } else {
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(where.toFile())) {
        jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.endsWith(".class")).forEach(names::add);
      }
    }
    for (String n : names) {
      if (!n.endsWith("module-info.class") && !n.endsWith("package-info.class")) {
        Class.forName(n.substring(0, n.length() - 6).replace('/', '.').replace(java.io.File.separatorChar, '.'), false,
            anchor.getClassLoader());
      }
    }
  }

  private void d3PassesAgainstOurNodeWithAnIpv6Vip() throws Exception {
    List<String> out = new ArrayList<>();
    Consumer<String> log = line -> {
      synchronized (out) {
        out.add(line);
      }
    };
    try (NamespaceLab lab = NamespaceLab.createWithIpv6("h1", "t")) {
      LiveNodeConfig iut = new LiveNodeConfig("eth0", Profiles.OPENBSD, 1, LabPorts.PASS, Optional.empty(), 0,
          Optional.of(VIP6), 64, 1, ADVSKEW, false, Optional.empty(), Optional.empty());
      LiveInterface nic = Netns.call(lab.ns("h1"), () -> LiveInterface.open("eth0", CaptureOptions.DEFAULT));
      MacAddress iutMac = nic.mac();
      Optional<Ipv6Address> iutLinkLocal = nic.linkLocal();
      assertTrue(iutLinkLocal.isPresent(), "the lab's eth0 has an IPv6 link-local address: " + nic.ipv6Addresses());
      assertTrue(nic.ipv6Addresses().stream().anyMatch(a -> a.address().toString().equals(lab.address6("h1"))),
          "the lab's eth0 has its ULA: " + nic.ipv6Addresses());
      try (LiveNode node = LiveNode.start(iut, nic, line -> log.accept("iut: " + line), NodeListener.NONE);
          TesterPort port = LabPorts.tester(lab, "t")) {
        ConformancePlan plan = new ConformancePlan(Profiles.OPENBSD, 1, LabPorts.PASS, List.of(), 1, ADVSKEW, false,
            ConformancePlan.CATALOGUE, List.of(VIP6));
        List<CaseResult> results = new ConformanceRunner(plan, port, s -> log.accept(".. " + s),
            LabPorts.nodeStarter(lab, "t")).run();
        synchronized (out) {
          out.forEach(System.out::println);
        }
        results.forEach(r -> System.out.println("ipv6 " + ConformanceRunner.line(r)));
        assertEquals(ConformancePlan.CATALOGUE, results.stream().map(CaseResult::id).toList());
        for (CaseResult r : results) {
          Verdict want = List.of("B5", "D1", "D2").contains(r.id()) ? Verdict.SKIP : Verdict.PASS;
          assertEquals(want, r.verdict(), ConformanceRunner.line(r));
        }
        CaseResult d1 = results.get(ConformancePlan.CATALOGUE.indexOf("D1"));
        assertTrue(d1.note().contains("no IPv4 VIP"), d1.note());
        // what the tester saw of the IUT: IPv6 advertisements from its link-local address, no IPv4 ones
        port.watchIpv6Advertisements(true);
        List<ObservedAdvertisement> ads = port.ads().stream().filter(a -> !a.sourceMac().equals(port.mac())).toList();
        assertTrue(ads.size() >= 11, ads.size() + " IPv6 advertisements");
        assertEquals(iutLinkLocal.get(), ads.get(0).ip6().source());
        port.watchIpv6Advertisements(false);
        assertTrue(port.ads().isEmpty(), "no IPv4 advertisement on an IPv6-only group: " + port.ads().size());
        CaseResult d3 = results.get(ConformancePlan.CATALOGUE.indexOf("D3"));
        assertTrue(d3.measured().startsWith("takeover: fd99::100 1 NA"), d3.measured());
        assertTrue(d3.measured().contains("from 00:00:5e:00:01:01 TLLA 00:00:5e:00:01:01 flags O to ff02::1"),
            d3.measured());
        assertTrue(d3.measured().contains("master: fd99::100 NA from 00:00:5e:00:01:01 TLLA 00:00:5e:00:01:01 flags SO"),
            d3.measured());
        assertTrue(d3.measured().endsWith("backup: fd99::100 no reply;"), d3.measured());
        // the node went BACKUP -> MASTER (start), MASTER -> BACKUP (B1? no: D3's master), and took over again
        List<CarpState> to = node.transitions().stream().map(Transition::to).toList();
        assertTrue(to.stream().filter(s -> s == CarpState.MASTER).count() >= 2, "transitions " + to);
        assertTrue(port.neighborAdvertisements().stream().noneMatch(a -> a.sourceMac().equals(iutMac)
            && a.na().target().equals(VIP6)), "the NIC's own MAC never announced the VIP");
      }
    }
  }

  private void d3SkipsAgainstUcarpWhichIsIpv4Only() throws Exception {
    try (NamespaceLab lab = NamespaceLab.createWithIpv6("h1", "t")) {
      lab.startUcarp("h1", ADVSKEW, false);
      try (TesterPort port = LabPorts.tester(lab, "t")) {
        ConformancePlan plan = new ConformancePlan(Profiles.UCARP, 1, LabPorts.PASS, LabPorts.VIPS, 1, ADVSKEW, false,
            List.of("A1", "D3"));
        List<CaseResult> results = new ConformanceRunner(plan, port, s -> { }).run();
        results.forEach(r -> System.out.println("ucarp " + ConformanceRunner.line(r)));
        assertEquals(Verdict.PASS, results.get(0).verdict(), ConformanceRunner.line(results.get(0)));
        assertEquals(Verdict.SKIP, results.get(1).verdict(), ConformanceRunner.line(results.get(1)));
        assertTrue(results.get(1).note().contains("is IPv4-only: ucarp has no IPv6"), results.get(1).note());
        assertTrue(port.linkLocal().isPresent(), "IPv6 was on: the SKIP is ucarp's, not the lab's");
        assertEquals(0, port.sent(), "D3 sent nothing");
      }
    }
  }

  /**
   * A dual-stack group (10.99.0.100 and fd99::100 on one carp interface): the node advertises over
   * both families with one HMAC over both VIPs; the tester plays over IPv4 and D3 judges the IPv6
   * side (the NA follows the gratuitous ARP).
   */
  private void dualStackGroupPlayedOverIpv4WithD3OnItsIpv6Side() throws Exception {
    try (NamespaceLab lab = NamespaceLab.createWithIpv6("h1", "t")) {
      LiveNodeConfig iut = new LiveNodeConfig("eth0", Profiles.OPENBSD, 1, LabPorts.PASS, Optional.of(LabPorts.VIP), 24,
          Optional.of(VIP6), 64, 1, ADVSKEW, false, Optional.empty(), Optional.empty());
      List<String> out = new ArrayList<>();
      try (LiveNode node = LiveNode.start(iut, Netns.call(lab.ns("h1"), () -> LiveInterface.open("eth0",
          CaptureOptions.DEFAULT)), line -> {
            synchronized (out) {
              out.add("iut: " + line);
            }
          }, NodeListener.NONE);
          TesterPort port = LabPorts.tester(lab, "t")) {
        List<String> cases = List.of("A1", "A2", "D1", "D2", "D3", "E1");
        ConformancePlan plan = new ConformancePlan(Profiles.OPENBSD, 1, LabPorts.PASS, LabPorts.VIPS, 1, ADVSKEW, false,
            cases, List.of(VIP6));
        List<CaseResult> results = new ConformanceRunner(plan, port, s -> {
          synchronized (out) {
            out.add(Instant.now() + " .. " + s);
          }
        }, LabPorts.nodeStarter(lab, "t")).run();
        synchronized (out) {
          out.forEach(line -> System.out.println("dual " + line));
        }
        results.forEach(r -> System.out.println("dual " + ConformanceRunner.line(r)));
        assertEquals(cases, results.stream().map(CaseResult::id).toList());
        for (CaseResult r : results) {
          assertEquals(Verdict.PASS, r.verdict(), ConformanceRunner.line(r));
        }
        // the node advertised over IPv6 too, with the same HMAC (A2 judged the IPv4 side)
        port.watchIpv6Advertisements(true);
        assertTrue(port.ads().stream().anyMatch(a -> a.sourceMac().equals(MacAddress.carpVirtual(1))),
            "no IPv6 advertisement from the dual-stack node");
      }
    }
  }
}
