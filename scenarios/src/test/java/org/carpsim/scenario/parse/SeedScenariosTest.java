package org.carpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.config.AddressChange;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.scenario.model.ConfigLine;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The seeds' configuration, pasted into scenarios as the documents print it, is accepted. */
class SeedScenariosTest {

  private static Scenario seed(String name) {
    return ScenarioParser.parse(name, Resources.text("scenarios/seeds/" + name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"carp4-preempt.carp", "carp4-arpbalance.carp", "netbsd-guide.carp",
      "freebsd-handbook.carp", "article-2004.carp"})
  void everySeedScenarioPasses(String name) {
    Scenario s = seed(name);
    assertTrue(s.hosts().size() >= 2);
    assertTrue(!s.expectations().isEmpty());
    s.topology(); // builds
  }

  @Test
  void carp4ContinuationLinesAtColumnOneBelongToTheCommandAbove() {
    Host a = seed("carp4-preempt.carp").host("A").orElseThrow();
    ConfigLine carp0 = a.configuration().get(2);
    assertEquals(14, carp0.origin().line());
    HostCommand.IfconfigSet set = assertInstanceOf(HostCommand.IfconfigSet.class, carp0.commands().get(0));
    AddressChange.Inet inet = assertInstanceOf(AddressChange.Inet.class, set.address().orElseThrow());
    assertEquals(new AddressChange.Inet(Ipv4Address.parse("192.168.1.1"), 24, true, Optional.empty(),
        AddressChange.Op.REPLACE_PRIMARY), inet, "'netmask 255.255.255.0' on the next physical line");
    assertEquals(List.of("carp0", "carp1"), a.carpInterfaces());
    assertEquals(Profiles.OPENBSD_3_5, a.profile());
  }

  @Test
  void freebsdHandbookRcConfInlineAndAsAFile() {
    Scenario s = seed("freebsd-handbook.carp");
    Host hosta = s.host("hosta").orElseThrow();
    assertTrue(hosta.nic("fxp0").orElseThrow().addresses().isEmpty(), "the address comes from rc.conf");
    assertEquals(new HostCommand.KernelDevice("carp"), hosta.configuration().get(0).commands().get(0));
    assertEquals(new HostCommand.SetHostname("hosta.example.org"), hosta.configuration().get(1).commands().get(0));
    Host hostb = s.host("hostb").orElseThrow();
    assertTrue(hostb.configuration().stream().allMatch(c -> c.file().equals(Optional.of("/etc/rc.conf"))));
    assertEquals(List.of(18, 19, 20, 21), hostb.configuration().stream().map(c -> c.origin().line()).toList());
    assertEquals(List.of(2), hostb.vhids());
    Host provider = s.host("provider").orElseThrow();
    assertEquals(List.of("carp0", "carp1"), provider.carpInterfaces());
    TimelineEvent.Command nudge = assertInstanceOf(TimelineEvent.Command.class, s.timeline().get(2));
    assertEquals(ParsedLine.RunCondition.IF_PREVIOUS_SUCCEEDED, nudge.command().steps().get(1).condition(),
        "'&&' makes the second command conditional");
    assertEquals(List.of("freebsd-handbook.carp:9:3: warning: kernel configuration line: carp is always compiled "
        + "into a simulated host"), s.warnings().stream().map(Diagnostic::toString).toList());
  }

  @Test
  void articleHostnameFileAndSwappedCreate() {
    Scenario s = seed("article-2004.carp");
    Host pris = s.host("pris").orElseThrow();
    assertEquals(new HostCommand.IfconfigCreate("carp0"), pris.configuration().get(0).commands().get(0));
    HostCommand.IfconfigSet up = assertInstanceOf(HostCommand.IfconfigSet.class,
        pris.configuration().get(1).commands().get(0));
    assertTrue(up.settings().contains(new IfSetting.Up()));
    assertEquals(Optional.of(new IfSetting.Vhid(1)), up.setting(IfSetting.Vhid.class));
    assertEquals(List.of("article-2004.carp:23:18: warning: 'ifconfig create carp1': the interface name must come "
        + "first ('ifconfig carp1 create'; real ifconfig would look for an interface called 'create'); taken as a "
        + "create of carp1"), s.warnings().stream().map(Diagnostic::toString).toList());
  }

  @Test
  void netbsdGuideCommentsWithoutASpaceAreComments() {
    Host fw1 = seed("netbsd-guide.carp").host("fw1").orElseThrow();
    // pseudo-device, sysctl, create, set, create, set: "#Enable …" lines are comments, "# sysctl" a prompt
    assertEquals(6, fw1.configuration().size());
    assertEquals(Profiles.NETBSD, fw1.profile());
  }
}
