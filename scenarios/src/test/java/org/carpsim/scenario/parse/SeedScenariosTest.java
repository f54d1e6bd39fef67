package org.carpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.carpsim.carp.config.AddressChange;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.scenario.examples.BuiltInExamples;
import org.carpsim.scenario.model.ConfigLine;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.junit.jupiter.api.Test;

/**
 * The seeds' configuration examples, pasted into the scenarios of {@code scenarios/examples} as the
 * documents print them, are read as the documents mean them.
 */
class SeedScenariosTest {

  private static Scenario example(String name) {
    return BuiltInExamples.all().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().parse();
  }

  private static List<String> warnings(Scenario s) {
    return s.warnings().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void theIndexListsEveryExampleOfTheFolderOnce() throws IOException {
    List<String> folder;
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      folder = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".carp")).sorted().toList();
    }
    List<String> index = BuiltInExamples.names();
    assertEquals(folder, index.stream().sorted().toList(), "examples/index.txt and the folder disagree");
    assertEquals(index.size(), index.stream().distinct().count(), "a name is listed twice");
    assertEquals(9, index.size(), "every configuration example of the five seed documents");
  }

  @Test
  void theFieldGuidesIndexListsEveryScenarioOfItsFolderOnceEachCitingItsFailureMode() throws IOException {
    List<String> folder;
    try (Stream<Path> files = Files.list(Path.of("field"))) {
      folder = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".carp")).sorted().toList();
    }
    List<String> index = BuiltInExamples.names(BuiltInExamples.FIELD);
    assertEquals(folder, index.stream().sorted().toList(), "field/index.txt and the folder disagree");
    assertEquals(index.size(), index.stream().distinct().count(), "a name is listed twice");
    for (BuiltInExamples.Example e : BuiltInExamples.fieldGuide()) {
      assertTrue(e.text().startsWith("# Field failure "), e.name() + " must start by naming its failure mode");
      assertTrue(e.text().contains("field-failures.md"), e.name());
      Scenario s = e.parse();
      assertEquals("field/" + e.name(), s.file());
      assertTrue(s.title().orElseThrow().startsWith("Field "), e.name());
    }
  }

  @Test
  void everyExampleNamesItsSourceDocumentFirst() {
    for (BuiltInExamples.Example e : BuiltInExamples.all()) {
      assertTrue(e.text().startsWith("# Source: "), e.name() + " must start with a header naming its source");
      Scenario s = e.parse();
      assertEquals("examples/" + e.name(), s.file());
      assertTrue(s.title().isPresent(), e.name());
      assertFalse(s.expectations().isEmpty(), e.name());
    }
  }

  @Test
  void carp4ContinuationLinesAtColumnOneBelongToTheCommandAbove() {
    Host a = example("carp.4-examples-preempt.carp").host("A").orElseThrow();
    ConfigLine carp0 = a.configuration().get(2);
    assertEquals(30, carp0.origin().line());
    HostCommand.IfconfigSet set = assertInstanceOf(HostCommand.IfconfigSet.class, carp0.commands().get(0));
    assertEquals(new AddressChange.Inet(Ipv4Address.parse("192.168.1.1"), 24, true, Optional.empty(),
        AddressChange.Op.REPLACE_PRIMARY), set.address().orElseThrow(), "'netmask 255.255.255.0' on the next line");
    assertEquals(List.of("carp0", "carp1"), a.carpInterfaces());
    assertEquals(Profiles.OPENBSD_3_5, a.profile());
  }

  @Test
  void theManualsCollapsedLinesAreFourCommandsEach() {
    Scenario manual = example("carp.4-manual-preempt.carp");
    Scenario clean = example("carp.4-examples-preempt.carp");
    for (String host : List.of("A", "B")) {
      List<ConfigLine> m = manual.host(host).orElseThrow().configuration();
      List<ConfigLine> c = clean.host(host).orElseThrow().configuration();
      assertEquals(c.stream().map(ConfigLine::commands).toList(), m.stream().map(ConfigLine::commands).toList(),
          "host " + host + ": the rendering means what the clean examples say");
    }
    List<ConfigLine> a = manual.host("A").orElseThrow().configuration();
    assertEquals(List.of(26, 28, 28, 28, 28), a.stream().map(l -> l.origin().line()).toList());
    assertEquals("ifconfig carp0 vhid 1 pass ******** 192.168.1.1  netmask 255.255.255.0", a.get(2).origin().text());
    assertEquals(List.of(), warnings(manual), "collapsed prompts and their ' \\ ' are read without complaint");
  }

  @Test
  void aSysctlBrokenAfterMinusWIsJoinedWithItsNameOnTheNextLine() {
    ConfigLine sysctl = example("carp.4-manual-preempt.carp").host("B").orElseThrow().configuration().get(0);
    assertEquals(List.of(new HostCommand.SysctlSet("net.inet.carp.preempt", 1)), sysctl.commands());
    assertEquals(33, sysctl.origin().line());
    assertEquals("sysctl -w net.inet.carp.preempt=1", sysctl.origin().text());
    ConfigLine arpbalance = example("carp.4-manual-arpbalance.carp").host("A").orElseThrow().configuration().get(4);
    assertEquals(List.of(new HostCommand.SysctlSet("net.inet.carp.arpbalance", 1)), arpbalance.commands());
  }

  @Test
  void aLoneSysctlNameIsJoinedOnlyRightBelowABareSysctl() {
    String head = "segment lan 10.0.0.0/24\nhost a\n  nic em0 lan 10.0.0.2/24\n";
    String tail = "run 1s\n";
    ScenarioException apart = assertThrows(ScenarioException.class,
        () -> ScenarioParser.parse("t.carp", head + "  # sysctl -w\n\n  net.inet.carp.preempt=1\n" + tail));
    assertEquals(List.of("t.carp:4:5: sysctl: -w needs name=value", "t.carp:6:3: unknown command "
        + "'net.inet.carp.preempt=1': a sysctl setting needs 'sysctl -w' before it (on the same line, or on the line "
        + "right above in a scenario)"), apart.errors().stream().map(Diagnostic::toString).toList());
    ScenarioException afterAName = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t.carp",
        head + "  sysctl -w net.inet.carp.log=1\n  net.inet.carp.preempt=1\n" + tail));
    assertEquals(5, afterAName.errors().get(0).line());
  }

  @Test
  void freebsdHandbookRcConfInlineAndAsAFile() {
    Scenario s = example("freebsd-handbook-server-availability.carp");
    Host hosta = s.host("hosta").orElseThrow();
    assertTrue(hosta.nic("fxp0").orElseThrow().addresses().isEmpty(), "the address comes from rc.conf");
    assertEquals(new HostCommand.KernelDevice("carp"), hosta.configuration().get(0).commands().get(0));
    assertEquals(new HostCommand.SetHostname("hosta.example.org"), hosta.configuration().get(1).commands().get(0));
    Host hostb = s.host("hostb").orElseThrow();
    assertTrue(hostb.configuration().stream().allMatch(c -> c.file().equals(Optional.of("/etc/rc.conf"))));
    assertEquals(List.of(37, 38, 39, 40), hostb.configuration().stream().map(c -> c.origin().line()).toList());
    assertEquals(List.of(2), hostb.vhids());
    assertEquals(List.of("carp0", "carp1"), s.host("provider").orElseThrow().carpInterfaces());
    TimelineEvent.CommandAt nudge = assertInstanceOf(TimelineEvent.CommandAt.class, s.timeline().get(2));
    assertEquals(ParsedLine.RunCondition.IF_PREVIOUS_SUCCEEDED, nudge.command().steps().get(1).condition(),
        "'&&' makes the second command conditional");
    assertEquals(List.of("examples/freebsd-handbook-server-availability.carp:28:3: warning: kernel configuration "
        + "line: carp is always compiled into a simulated host"), warnings(s));
  }

  @Test
  void articleHostnameFileAndSwappedCreate() {
    Scenario s = example("article-2004-load-balancing.carp");
    Host pris = s.host("pris").orElseThrow();
    assertEquals(new HostCommand.IfconfigCreate("carp0"), pris.configuration().get(0).commands().get(0));
    HostCommand.IfconfigSet up = assertInstanceOf(HostCommand.IfconfigSet.class,
        pris.configuration().get(1).commands().get(0));
    assertTrue(up.settings().contains(new IfSetting.Up()));
    assertEquals(Optional.of(new IfSetting.Vhid(1)), up.setting(IfSetting.Vhid.class));
    assertEquals(new HostCommand.IfconfigCreate("carp1"), pris.configuration().get(3).commands().get(0));
    assertEquals(List.of("examples/article-2004-load-balancing.carp:39:18: warning: 'ifconfig create carp1': the "
        + "interface name must come first ('ifconfig carp1 create'; real ifconfig would look for an interface "
        + "called 'create'); taken as a create of carp1"), warnings(s));
  }

  @Test
  void netbsdGuideCommentsWithoutASpaceAreComments() {
    Host fw1 = example("netbsd-guide-two-firewalls.carp").host("fw1").orElseThrow();
    // sysctl, create, set, create, set: "#Enable …" lines are comments, "# sysctl" a prompt
    assertEquals(5, fw1.configuration().size());
    assertEquals(Profiles.NETBSD, fw1.profile());
    Host single = example("netbsd-guide-single-host.carp").host("fw").orElseThrow();
    assertEquals(new HostCommand.KernelDevice("carp"), single.configuration().get(0).commands().get(0));
  }

  @Test
  void noPassphraseOfTheExamplesIsShown() {
    for (BuiltInExamples.Example e : BuiltInExamples.all()) {
      String shown = e.parse().toString();
      for (String secret : List.of("mekmitasdigoat", "testpast", "testpass", "lanpasswd", "wanpasswd", "tyrell",
          "bryant")) {
        assertFalse(shown.contains(secret), () -> e.name() + " shows " + secret);
      }
    }
  }
}
