package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.carpsim.carp.node.NodeListener;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.ObservedAdvertisement;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.tester.ConformancePlan;
import org.carpsim.conformance.tester.ConformanceRunner;
import org.carpsim.conformance.tester.TesterPort;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code carpsim conformance}'s whole catalogue A1–E1, in two labs at once: against a real ucarp
 * (profile {@code ucarp}, advskew 100, no preempt, its scripts adding and removing the VIP) and
 * against carpsim's own live node (profile {@code openbsd}, advskew 100, no preempt) in its own
 * namespace. Every case must give the verdict the profile predicts; the SKIPs are the ones the
 * configuration and profile call for (B5 without preempt, B8 for ucarp, D3 without IPv6).
 */
@Tag("live")
class ConformanceRunnerLiveTest {

  private static final int ADVSKEW = 100;

  record Run(String name, List<CaseResult> results, List<String> output) {}

  @Test
  void theCatalogueAgainstUcarpAndAgainstOurNode() throws Exception {
    NamespaceLab.assumeLabAvailable();
    // Crafts (and so loads) every frame kind up front: a jar rebuilt by a parallel build while
    // the labs run cannot then break the run with a NoClassDefFoundError.
    List<String> dry = ConformanceRunner.dryRun(new ConformancePlan(Profiles.UCARP, 1, LabPorts.PASS, LabPorts.VIPS, 1,
        ADVSKEW, false, ConformancePlan.CATALOGUE), org.carpsim.carp.net.MacAddress.parse("02:00:00:00:00:01"),
        LabPorts.VIP);
    assertEquals(ConformancePlan.CATALOGUE.size() + 2, dry.size());
    Path empty = Files.createTempFile("cs-empty", ".pcap");
    org.carpsim.sim.pcap.PcapWriter.create(empty, 0).close();
    Files.delete(empty);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<Run> ucarp = two.submit(this::againstUcarp);
      Future<Run> ours = two.submit(this::againstOurNode);
      Run u = ucarp.get();
      Run o = ours.get();
      for (Run r : List.of(u, o)) {
        r.output().forEach(line -> System.out.println(r.name() + " " + line));
      }
      assertVerdicts(u, Map.of("B5", Verdict.SKIP, "B8", Verdict.SKIP, "D3", Verdict.SKIP));
      assertVerdicts(o, Map.of("B5", Verdict.SKIP, "D3", Verdict.SKIP));
    } finally {
      two.shutdownNow();
    }
  }

  private static void assertVerdicts(Run run, Map<String, Verdict> exceptions) {
    assertEquals(ConformancePlan.CATALOGUE, run.results().stream().map(CaseResult::id).toList());
    for (CaseResult r : run.results()) {
      assertEquals(exceptions.getOrDefault(r.id(), Verdict.PASS), r.verdict(), run.name() + " " + ConformanceRunner.line(r));
    }
  }

  private Run againstUcarp() throws Exception {
    try (NamespaceLab lab = NamespaceLab.create("h1", "t")) {
      List<String> out = new ArrayList<>();
      lab.startUcarpOwningVip("h1", ADVSKEW, false);
      Run run = run("ucarp", Profiles.UCARP, lab, out);
      abortBowsOut(lab, out);
      lab.processesKill("h1");
      lab.startUcarpOwningVip("h1", ADVSKEW, true);
      withPreempt(Profiles.UCARP, lab, out, List.of("B5"));
      return run;
    }
  }

  private Run againstOurNode() throws Exception {
    try (NamespaceLab lab = NamespaceLab.create("h1", "t")) {
      List<String> out = new ArrayList<>();
      LiveNodeConfig iut = new LiveNodeConfig("eth0", Profiles.OPENBSD, 1, LabPorts.PASS, LabPorts.VIP, 24, 1, ADVSKEW,
          false, Optional.empty(), Optional.empty());
      try (LiveNode node = LiveNode.start(iut,
          Netns.call(lab.ns("h1"), () -> LiveInterface.open("eth0", CaptureOptions.DEFAULT)),
          line -> log(out, "iut: " + line), NodeListener.NONE)) {
        Run run = run("openbsd", Profiles.OPENBSD, lab, out);
        normalEndBowsOut(lab, out);
        node.stop();
        try (LiveNode preempting = LiveNode.start(new LiveNodeConfig("eth0", Profiles.OPENBSD, 1, LabPorts.PASS,
            LabPorts.VIP, 24, 1, ADVSKEW, true, Optional.empty(), Optional.empty()),
            Netns.call(lab.ns("h1"), () -> LiveInterface.open("eth0", CaptureOptions.DEFAULT)),
            line -> log(out, "iut: " + line), NodeListener.NONE)) {
          withPreempt(Profiles.OPENBSD, lab, out, List.of("B5", "B6", "B8"));
        }
        return run;
      }
    }
  }

  private static void log(List<String> out, String line) {
    synchronized (out) {
      out.add(line);
    }
  }

  private Run run(String name, Profile profile, NamespaceLab lab, List<String> out) throws Exception {
    try (TesterPort port = LabPorts.tester(lab, "t")) {
      ConformancePlan plan = new ConformancePlan(profile, 1, LabPorts.PASS, LabPorts.VIPS, 1, ADVSKEW, false,
          ConformancePlan.CATALOGUE);
      Consumer<String> progress = s -> log(out, ".. " + s);
      long t0 = System.nanoTime();
      List<CaseResult> results = new ConformanceRunner(plan, port, progress, LabPorts.nodeStarter(lab, "t")).run();
      log(out, String.format("catalogue took %.1f s", (System.nanoTime() - t0) / 1e9));
      for (CaseResult c : results) {
        System.out.println(name + " " + ConformanceRunner.line(c));
      }
      ConformanceRunner summary = new ConformanceRunner(plan, port, progress);
      log(out, summary.latencySummary());
      Path pcap = lab.dir().resolve("run.pcap");
      long n = port.writePcap(pcap);
      log(out, "pcap: " + n + " frames, " + port.sent() + " injected, " + port.uncaptured().size() + " not captured");
      assertTrue(port.uncaptured().isEmpty(), name + ": the capture missed " + port.uncaptured().size() + " injections");
      assertTrue(n >= port.sent() + 11, name + ": pcap holds " + n + " frames");
      assertTrue(Files.size(pcap) >= 24 + n * (16 + 60), "every record holds at least a 60-byte frame");
      return new Run(name, results, out);
    }
  }

  private static ConformancePlan b6Only(Profile profile) {
    return new ConformancePlan(profile, 1, LabPorts.PASS, LabPorts.VIPS, 1, ADVSKEW, false, List.of("B6"));
  }

  /**
   * Ctrl-C: {@link ConformanceRunner#abort()} (what the command's shutdown hook calls) while the
   * tester plays a slower master over a BACKUP ucarp: the last frame sent is a bow-out, nothing can
   * be sent after it, and ucarp takes over at its next receive tick instead of after master-down.
   */
  private static void abortBowsOut(NamespaceLab lab, List<String> out) throws Exception {
    try (TesterPort port = LabPorts.tester(lab, "t")) {
      CountDownLatch slower = new CountDownLatch(1);
      ConformanceRunner runner = new ConformanceRunner(b6Only(Profiles.UCARP), port, s -> {
        log(out, ".. abort test: " + s);
        if (s.startsWith("B6: sending")) {
          slower.countDown();
        }
      });
      Thread t = new Thread(() -> {
        try {
          runner.run();
        } catch (InterruptedException | IllegalStateException e) {
          log(out, "abort test: run ended with " + e);
        }
      });
      t.start();
      assertTrue(slower.await(30, TimeUnit.SECONDS), "B6 never reached its slower-master phase");
      Thread.sleep(1500);
      assertTrue(runner.testerMayBeMaster(), "the tester plays master");
      runner.abort();
      t.join(15_000);
      assertFalse(t.isAlive(), "the run did not end after abort()");
      assertFalse(runner.testerMayBeMaster());
      List<TesterPort.Injection> sent = port.injections();
      ObservedAdvertisement last = ObservedAdvertisement.of(0, sent.get(sent.size() - 1).bytes()).orElseThrow();
      assertEquals(255, last.carp().advbase(), "the last frame sent is a bow-out");
      assertEquals(255, last.carp().advskew(), "the last frame sent is a bow-out");
      assertThrows(IllegalStateException.class, () -> port.inject(sent.get(0).bytes()), "sealed after the bow-out");
      port.await(all -> all.stream().anyMatch(a -> a.carp().advskew() == 255), 2000);
      long bowOut = port.ads().stream().filter(a -> a.carp().advskew() == 255).mapToLong(ObservedAdvertisement::epochNanos)
          .max().orElseThrow();
      port.await(all -> all.stream().anyMatch(a -> a.epochNanos() > bowOut && a.ip().source().toString().equals(
          lab.address("h1"))), 4000);
      long takeover = port.ads().stream().filter(a -> a.epochNanos() > bowOut
          && a.ip().source().toString().equals(lab.address("h1"))).mapToLong(ObservedAdvertisement::epochNanos)
          .min().orElse(-1);
      String m = String.format("abort: ucarp took over %.3f s after the tester's bow-out (receive tick 1 s, master-down "
          + "%.3f s)", (takeover - bowOut) / 1e9, Profiles.UCARP.masterDownIntervalNs(1, ADVSKEW, 0) / 1e9);
      log(out, m);
      assertTrue(takeover > 0 && takeover - bowOut <= 1_250_000_000L, m);
    }
  }

  /** A run that ends with the tester as master (B6) bows out on its own, and our node takes over at once. */
  private static void normalEndBowsOut(NamespaceLab lab, List<String> out) throws Exception {
    try (TesterPort port = LabPorts.tester(lab, "t")) {
      List<CaseResult> r = new ConformanceRunner(b6Only(Profiles.OPENBSD), port, s -> log(out, ".. end test: " + s)).run();
      assertEquals(Verdict.PASS, r.get(0).verdict(), ConformanceRunner.line(r.get(0)));
      List<TesterPort.Injection> sent = port.injections();
      ObservedAdvertisement last = ObservedAdvertisement.of(0, sent.get(sent.size() - 1).bytes()).orElseThrow();
      assertEquals(255, last.carp().advskew(), "the run ended with a bow-out");
      port.await(all -> all.stream().anyMatch(a -> a.carp().advskew() == 255), 2000);
      long bowOut = port.ads().stream().filter(a -> a.carp().advskew() == 255).mapToLong(ObservedAdvertisement::epochNanos)
          .max().orElseThrow();
      port.await(all -> all.stream().anyMatch(a -> a.epochNanos() > bowOut && a.ip().source().toString().equals(
          lab.address("h1"))), 3000);
      long takeover = port.ads().stream().filter(a -> a.epochNanos() > bowOut
          && a.ip().source().toString().equals(lab.address("h1"))).mapToLong(ObservedAdvertisement::epochNanos)
          .min().orElse(-1);
      String m = String.format("normal end: our node took over %.4f s after the tester's bow-out", (takeover - bowOut) / 1e9);
      log(out, m);
      assertTrue(takeover > 0 && takeover - bowOut <= 250_000_000L, m);
    }
  }

  /** The IUT now runs with preempt: B5 must PASS, B6 SKIP, B8 (where the profile has it) PASS. */
  private static void withPreempt(Profile profile, NamespaceLab lab, List<String> out, List<String> cases)
      throws Exception {
    try (TesterPort port = LabPorts.tester(lab, "t")) {
      ConformancePlan plan = new ConformancePlan(profile, 1, LabPorts.PASS, LabPorts.VIPS, 1, ADVSKEW, true, cases);
      for (CaseResult r : new ConformanceRunner(plan, port, s -> log(out, ".. preempt: " + s)).run()) {
        String line = "with preempt: " + ConformanceRunner.line(r);
        System.out.println(profile.name() + " " + line);
        assertEquals(r.id().equals("B6") ? Verdict.SKIP : Verdict.PASS, r.verdict(), profile.name() + " " + line);
      }
    }
  }
}
