package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.conformance.catalogue.CaseResult;
import org.carpsim.conformance.catalogue.Verdict;
import org.carpsim.conformance.tester.ConformancePlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carpsim conformance}: option checking, dry run, exit status and --junit, all without a NIC. */
class ConformanceCommandTest {

  private static final String[] BASE = {"conformance", "--iface", "eth0", "--vhid", "7", "--pass", "hunter2",
      "--vip", "10.99.0.100", "--profile", "ucarp", "--advskew", "100"};

  private static CliResult run(String... extra) {
    String[] args = new String[BASE.length + extra.length];
    System.arraycopy(BASE, 0, args, 0, BASE.length);
    System.arraycopy(extra, 0, args, BASE.length, extra.length);
    return CliResult.carpsim(args);
  }

  @Test
  void badInputExitsTwoNamingTheOptionWithoutThePass() {
    CliResult vhid = CliResult.carpsim("conformance", "--iface", "eth0", "--vhid", "300", "--pass", "hunter2",
        "--vip", "10.99.0.100", "--profile", "ucarp", "--dry-run");
    assertEquals(2, vhid.exit());
    assertTrue(vhid.err().contains("--vhid 300 is out of range 1..255"), vhid.err());
    CliResult cases = run("--cases", "A1,Q7", "--dry-run");
    assertEquals(2, cases.exit());
    assertTrue(cases.err().contains("unknown case 'Q7'"), cases.err());
    CliResult any = CliResult.carpsim("conformance", "--iface", "any", "--vhid", "1", "--pass", "hunter2",
        "--vip", "10.99.0.100", "--profile", "ucarp");
    assertEquals(2, any.exit());
    assertTrue(any.err().contains("--iface any is refused"), any.err());
    CliResult vip = run("--vip", "10.99.0.300", "--dry-run");
    assertEquals(2, vip.exit());
    assertTrue(vip.err().contains("--vip '10.99.0.300'"), vip.err());
    for (CliResult r : List.of(vhid, cases, any, vip)) {
      assertFalse((r.out() + r.err()).contains("hunter2"));
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }

  @Test
  void dryRunPrintsTheFramesPerCaseAndSendsNothing() {
    CliResult r = run("--cases", "A3,B4,C5,D1", "--dry-run");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.lines();
    assertTrue(lines.get(0).contains("nothing is sent") && lines.get(0).contains("vhid 7 only"), r.out());
    assertTrue(lines.get(1).startsWith("A3 ") && lines.get(1).contains("observe only"), r.out());
    assertTrue(lines.get(2).startsWith("B4 ") && lines.get(2).contains("vhid 7 advbase 1 advskew 0")
        && lines.get(2).contains("TTL 255") && lines.get(2).contains("224.0.0.18"), r.out());
    assertTrue(lines.get(3).startsWith("C5 ") && lines.get(3).contains("HMAC of another passphrase"), r.out());
    assertTrue(lines.get(4).startsWith("D1 ") && lines.get(4).contains("not implemented yet"), r.out());
    assertFalse(r.out().contains("hunter2"));
  }

  @Test
  void helpStatesTheSafetyRules() {
    CliResult r = CliResult.carpsim("conformance", "--help");
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("never 'any'") && help.contains("at most 10 frames/s")
        && help.contains("stops advertising so the IUT reconverges") && help.contains("--dry-run"), r.out());
  }

  @Test
  void reportExitsOneOnAFailureZeroWithSkipsAndWritesJunit(@TempDir Path dir) throws Exception {
    ConformanceCommand cmd = new ConformanceCommand();
    cmd.junit = dir.resolve("r.xml");
    ConformancePlan plan = new ConformancePlan(Profiles.UCARP, 1, "hunter2",
        List.of(org.carpsim.carp.net.Ipv4Address.parse("10.99.0.100")), 1, 100, false, List.of("A1", "A3", "D1"));
    CaseResult pass = new CaseResult("A1", "advertisement format", Verdict.PASS, "11 ok", "proto 112", "exact", "");
    CaseResult skip = new CaseResult("D1", "gratuitous ARP", Verdict.SKIP, "-", "-", "exact", "not implemented yet");
    CaseResult fail = new CaseResult("A3", "interval", Verdict.FAIL, "1.3 s", "1.195 s", "20 ms", "");
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out);
    assertEquals(0, cmd.report(plan, List.of(pass, skip), pw, pw));
    assertTrue(out.toString().contains("A1  PASS  advertisement format  measured 11 ok  expected proto 112  tolerance exact"),
        out.toString());
    assertEquals(1, cmd.report(plan, List.of(pass, fail, skip), pw, pw));
    String xml = Files.readString(cmd.junit);
    assertEquals(3, xml.split("<testcase ", -1).length - 1, xml);
    assertTrue(xml.contains("<skipped message=\"not implemented yet\"/>") && xml.contains("<failure "), xml);
  }
}
