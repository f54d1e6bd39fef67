package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.carpsim.scenario.examples.BuiltInExamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code carpsim demo}: the built-in examples, run from the jar's resources. */
class DemoCommandTest {

  private static int exit;
  private static String out;
  private static String err;

  @BeforeAll
  static void runTheDemoOnce() {
    CommandLine cl = Carpsim.commandLine();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cl.setOut(new PrintWriter(o));
    cl.setErr(new PrintWriter(e));
    exit = cl.execute("demo", "--no-report");
    out = o.toString();
    err = e.toString();
  }

  private static String demo(BuiltInExamples.Example... examples) {
    StringWriter o = new StringWriter();
    int status = DemoCommand.demo(List.of(examples), new PrintWriter(o));
    return status + "\n" + o;
  }

  @Test
  void everyBuiltInExampleHolds() {
    assertEquals(0, exit, out + err);
    assertEquals("", err);
    List<String> names = BuiltInExamples.names();
    List<String> field = BuiltInExamples.names(BuiltInExamples.FIELD);
    assertEquals(9, names.size());
    for (String name : names) {
      assertTrue(out.contains("\nexamples/" + name + " "), () -> "no summary row for " + name + ":\n" + out);
    }
    for (String name : field) {
      assertTrue(out.contains("\nfield/" + name + " "), () -> "no summary row for " + name + ":\n" + out);
    }
    int all = names.size() + field.size();
    assertTrue(out.startsWith("carpsim demo: " + all + " built-in scenarios, the seed documents' configuration examples"
        + " run as written, then the field guide: " + field.size() + " ways CARP deployments fail in the field, each"
        + " with its fix\n"), out);
    assertTrue(out.contains("\nall " + all + " scenarios held: "), out);
  }

  @Test
  void eachScenarioShowsItsKeyTransitionsWarningsAndCount() {
    String block = out.substring(out.indexOf("== carp(4) as rendered by NetBSD 9.2: preempt, collapsed lines"));
    block = block.substring(0, block.indexOf("\n\n"));
    assertTrue(block.contains("   examples/carp.4-manual-preempt.carp, profile netbsd, 90s simulated, seed 1\n"),
        block);
    assertTrue(block.contains("\n   32.390625s  B.carp1  vhid 2    BACKUP -> MASTER  master timed out\n"), block);
    assertTrue(block.contains("\n           0s  A.carp0  vhid 1    INIT   -> MASTER  preempting\n"), block);
    assertTrue(block.contains("(and 1 transition between INIT and BACKUP)"), block);
    assertTrue(block.endsWith("   10 of 10 expectations held"), block);
    assertTrue(out.contains("   warning: line 39:18: 'ifconfig create carp1': the interface name must come first"),
        out);
  }

  @Test
  void theBalancingExamplesShowWhoAnswered() {
    String block = out.substring(out.indexOf("== carp(4) EXAMPLES: ARP balancing"));
    block = block.substring(0, block.indexOf("\n\n"));
    assertTrue(block.contains("\n   ARP: A answered 100.0% of 551 requests (A 100.0%)\n"), block);
  }

  @Test
  void theSummaryTableHasARowPerExampleInIndexOrder() {
    String table = out.substring(out.lastIndexOf("\nscenario ") + 1);
    List<String> rows = table.lines().toList();
    int field = BuiltInExamples.names(BuiltInExamples.FIELD).size();
    assertEquals(1 + 9 + field + 1, rows.size(), table);
    for (int i = 0; i < 9; i++) {
      assertTrue(rows.get(i + 1).startsWith("examples/" + BuiltInExamples.names().get(i)), rows.get(i + 1));
      assertTrue(rows.get(i + 1).endsWith("  held"), rows.get(i + 1));
    }
  }

  @Test
  void noPassphraseIsShown() {
    for (String secret : List.of("mekmitasdigoat", "testpast", "testpass", "lanpasswd", "wanpasswd", "tyrell",
        "bryant")) {
      assertFalse(out.contains(secret), secret);
    }
  }

  @Test
  void aFailedExpectationFailsTheDemo() {
    String text = String.join("\n",
        "scenario \"lonely\"",
        "segment lan 10.0.0.0/24",
        "host a",
        "  nic em0 lan 10.0.0.2/24",
        "  ifconfig carp0 create",
        "  ifconfig carp0 vhid 1 pass secret carpdev em0 10.0.0.1/24",
        "run 10s",
        "expect at 5s a.carp0 MASTER",
        "expect at 5s a.carp0 BACKUP",
        "");
    String r = demo(new BuiltInExamples.Example("lonely.carp", text));
    assertTrue(r.startsWith("1\n"), r);
    assertTrue(r.contains("   FAIL line 9: expect at 5s a.carp0 BACKUP\n        a.carp0 was MASTER at 5s\n"), r);
    assertTrue(r.contains("\nexamples/lonely.carp  1/2           FAILED\n"), r);
    assertTrue(r.contains("\n1 of 1 scenario did not hold: 1 of 2 expectations held ("), r);
  }

  @Test
  void aRefusedExampleFailsTheDemoWithItsErrors() {
    String r = demo(new BuiltInExamples.Example("broken.carp", "segmnt lan 10.0.0.0/24\nrun 1s\n"));
    assertTrue(r.startsWith("1\n"), r);
    assertTrue(r.contains("== examples/broken.carp: refused\n   examples/broken.carp:1:1: unknown keyword 'segmnt'"), r);
    assertTrue(r.contains("\nexamples/broken.carp  0/0           refused\n"), r);
  }

  @Test
  void secondsAreExactAndShort() {
    assertEquals("0s", DemoCommand.seconds(0));
    assertEquals("3s", DemoCommand.seconds(3_000_000_000L));
    assertEquals("60.203125s", DemoCommand.seconds(60_203_125_000L));
    assertEquals("0.000000001s", DemoCommand.seconds(1));
  }

  @Test
  void reportCoversEveryExampleInOnePage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path out = dir.resolve("demo");
    CliResult r = CliResult.carpsim("demo", "--report", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().endsWith("report: " + out.resolve("index.html") + "\n"), r.out());
    String html = java.nio.file.Files.readString(out.resolve("index.html"));
    for (BuiltInExamples.Example e : BuiltInExamples.all()) {
      String stem = e.name().replaceFirst("\\.carp$", "");
      assertTrue(html.contains("<section id=\"" + stem + "\">"), "a section for " + e.name());
      assertTrue(java.nio.file.Files.exists(out.resolve(stem + "-states.png")), stem + "-states.png");
      assertTrue(html.contains("<a href=\"#" + stem + "\">"), "a link to " + e.name());
    }
    for (String secret : List.of("mekmitasdigoat", "tyrell", "bryant", "testpass", "lanpasswd")) {
      assertFalse(html.contains(secret), secret);
    }
  }

  @Test
  void noReportWritesNothingAndTheDefaultPlaceIsNamed() {
    CliResult r = CliResult.carpsim("demo", "--no-report");
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.out().contains("report:"), r.out());
    CliResult help = CliResult.carpsim("demo", "--help");
    assertTrue(help.out().replaceAll("\\s+", " ").contains("(default: " + DemoCommand.DEFAULT_REPORT + ")"), help.out());
  }
}
