package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.tester.ConformancePlan;
import org.carpsim.conformance.tester.ConformanceRunner;
import org.carpsim.conformance.tester.TesterPort;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code carpsim conformance}'s runner against a real ucarp (advskew 100) in the namespace lab:
 * A1–A5 by watching, B4 and C1 by playing its master; every case must PASS against the
 * {@code ucarp} profile's expectations, and the capture must be written.
 */
@Tag("live")
class ConformanceRunnerLiveTest {

  @Test
  void ucarpPassesTheImplementedCases() throws Exception {
    NamespaceLab.assumeLabAvailable();
    try (NamespaceLab lab = NamespaceLab.create("h1", "t");
        TesterPort port = Netns.call(lab.ns("t"), () -> new TesterPort(
            LiveInterface.open("eth0", TesterPort.captureOptions()),
            LiveInterface.open("eth0", TesterPort.injectorOptions()), 1))) {
      lab.startUcarp("h1", 100, false);
      ConformancePlan plan = new ConformancePlan(Profiles.UCARP, 1, LabTester.PASS, List.of(LabTester.VIP), 1, 100,
          false, ConformancePlan.parseCases("A1,A2,A3,A4,A5,B4,C1"));
      List<CaseResult> results = new ConformanceRunner(plan, port, s -> System.out.println("  .. " + s)).run();
      for (CaseResult r : results) {
        System.out.println("ucarp " + ConformanceRunner.line(r));
      }
      assertEquals(List.of("A1", "A2", "A3", "A4", "A5", "B4", "C1"), results.stream().map(CaseResult::id).toList());
      for (CaseResult r : results) {
        assertEquals(Verdict.PASS, r.verdict(), ConformanceRunner.line(r));
      }
      assertTrue(port.sent() >= 6 && port.sent() <= 40, "injected " + port.sent() + " frames");
      Path pcap = lab.dir().resolve("run.pcap");
      long n = port.writePcap(pcap);
      assertTrue(n >= 11 + port.sent(), "pcap holds " + n + " frames");
      assertTrue(Files.size(pcap) >= 24 + n * (16 + 60), "every record holds at least a 60-byte frame");
    }
  }
}
