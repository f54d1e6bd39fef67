package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.tester.ConformancePlan;
import org.carpsim.reports.ConformanceJson;
import org.carpsim.reports.ConformanceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carpsim report RESULT -o DIR}: the report of a saved run, sweep or conformance result. */
class ReportCommandTest {

  @TempDir Path dir;

  private Path scenario(String name) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, TwoFirewalls.scenario("scenario \"crash of the master <1>\"\n", """
        clients lan 10 from 10.0.0.0/24 arp 10.0.0.100 every 2s
        at 10s crash fw1
        run 20s
        expect within 4s after 10s fw2.carp0 MASTER
        """));
    return f;
  }

  @Test
  void aSavedRunDrawsExactlyWhatRunReportDrew() throws Exception {
    Path a = scenario("a.carp");
    Path b = scenario("b.carp");
    CliResult json = carpsim("run", "--json", a.toString(), b.toString());
    assertEquals(0, json.exit(), json.err());
    Path saved = dir.resolve("result.json");
    Files.writeString(saved, json.out());
    CliResult direct = carpsim("run", "--report", dir.resolve("direct").toString(), a.toString(), b.toString());
    assertEquals(0, direct.exit(), direct.err());

    CliResult r = carpsim("report", saved.toString(), "-o", dir.resolve("redrawn").toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("report: " + dir.resolve("redrawn/index.html") + "\n", r.out());
    assertEquals(Files.readString(dir.resolve("direct/index.html")), Files.readString(dir.resolve("redrawn/index.html")));
    for (String png : List.of("a-states.png", "a-adverts.png", "a-arp-1.png", "b-states.png")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("direct").resolve(png)),
          Files.readAllBytes(dir.resolve("redrawn").resolve(png)), png);
    }
    String html = Files.readString(dir.resolve("redrawn/index.html"));
    assertTrue(html.contains("crash of the master &lt;1&gt;"), "escaped title");
    assertFalse(html.contains("s3cret"));
  }

  @Test
  void aSavedSweepIsRecognisedByItsContent() throws Exception {
    Path saved = dir.resolve("sweep.json");
    CliResult s = carpsim("sweep", scenario("s.carp").toString(), "--seeds", "1..3", "--out", saved.toString());
    assertEquals(0, s.exit(), s.err());
    CliResult r = carpsim("report", saved.toString(), "-o", dir.resolve("rep").toString());
    assertEquals(0, r.exit(), r.err());
    String html = Files.readString(dir.resolve("rep/index.html"));
    assertTrue(html.contains("<title>carpsim sweep: crash of the master &lt;1&gt;</title>"), html);
    assertTrue(html.contains("pass ******** carpdev"), "the scenario text travels in the sweep JSON, masked");
    assertTrue(Files.exists(dir.resolve("rep/sweep-failover-cdf.png")));
  }

  @Test
  void aSavedConformanceResultIsRecognisedByItsContent() throws Exception {
    ConformancePlan plan = new ConformancePlan(Profiles.byName("openbsd"), 3, "s3cret",
        List.of(Ipv4Address.parse("10.0.0.3")), 1, 0, true, List.of("A3"));
    List<CaseResult> results = List.of(new CaseResult("A3", "advertisement interval (median)", Verdict.PASS,
        "1.0004 s (n=12, min 0.9990 s, max 1.0010 s)", "1.0000 s", "20 ms", ""));
    Path saved = dir.resolve("conf.json");
    Files.writeString(saved, ConformanceJson.write(ConformanceRecord.of(plan, "eth0", results, Optional.empty())));
    CliResult r = carpsim("report", saved.toString(), "-o", dir.resolve("rep").toString());
    assertEquals(0, r.exit(), r.err());
    String html = Files.readString(dir.resolve("rep/index.html"));
    assertTrue(html.contains("carpsim conformance: openbsd, vhid 3"), html);
    assertTrue(Files.exists(dir.resolve("rep/conformance-timing.png")));
  }

  @Test
  void badResultsExitTwoWithTheReason() throws Exception {
    CliResult missing = carpsim("report", dir.resolve("nope.json").toString(), "-o", dir.resolve("x").toString());
    assertEquals(2, missing.exit());
    assertEquals("carpsim report: " + dir.resolve("nope.json") + ": no such file\n", missing.err());

    Path notJson = dir.resolve("bad.json");
    Files.writeString(notJson, "{\"scenario\": ");
    CliResult bad = carpsim("report", notJson.toString(), "-o", dir.resolve("x").toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().startsWith("carpsim report: " + notJson + ": not JSON ("), bad.err());

    Path other = dir.resolve("other.json");
    Files.writeString(other, "{\"hello\": 1}\n");
    CliResult unknown = carpsim("report", other.toString(), "-o", dir.resolve("x").toString());
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("not a carpsim result"), unknown.err());

    CliResult noOut = carpsim("report", other.toString());
    assertEquals(2, noOut.exit());
    assertTrue(noOut.err().contains("Missing required option: '--out=DIR'"), noOut.err());
    assertFalse(Files.exists(dir.resolve("x")), "nothing written for bad input");
  }
}
