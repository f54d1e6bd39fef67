package org.carpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.config.AddressChange;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Comparison;
import org.carpsim.scenario.model.ConfigLine;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.Segment;
import org.carpsim.scenario.model.Target;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Partition;
import org.carpsim.sim.topology.SegmentKind;
import org.carpsim.sim.topology.Topology;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The big example of scenario-language.md, as written, parsed into exactly what it says. */
class LanguageExampleTest {

  private static final String FILE = "example.carp";
  private static final Scenario S = ScenarioParser.parse(FILE, Resources.text(Resources.EXAMPLE));

  private static long t(String d) {
    return Durations.parse(d);
  }

  @Test
  void theDesignDocumentsExampleIsTheTestResourceAndPasses() throws IOException {
    Optional<Path> doc = Resources.designDocument();
    Assumptions.assumeTrue(doc.isPresent(),
        "shared/design/scenario-language.md is not above " + Path.of("").toAbsolutePath()
            + "; only the copy in the test resources is checked");
    String example = Resources.constructsExample(Files.readString(doc.get()));
    assertEquals(Resources.text(Resources.EXAMPLE), example, "the test resource is a verbatim copy of the example");
    Scenario fromDoc = ScenarioParser.parse("scenario-language.md", example);
    assertEquals(S.hosts().size(), fromDoc.hosts().size());
    assertEquals(S.expectations().size(), fromDoc.expectations().size());
  }

  @Test
  void headerLines() {
    assertEquals(Optional.of("Two firewalls, LAN and WAN"), S.title());
    assertEquals("Two firewalls, LAN and WAN", S.name());
    assertEquals(42, S.seed());
    assertEquals(Profiles.OPENBSD_3_5, S.defaultProfile());
    assertEquals(t("120s"), S.duration());
  }

  @Test
  void segmentsAndSwitch() {
    assertEquals(List.of("lan", "wan", "core"), S.segments().stream().map(Segment::name).toList());
    Segment lan = S.segment("lan").orElseThrow();
    assertEquals(SegmentKind.HUB, lan.kind());
    assertEquals("172.16.0.0/24", lan.ipv4().orElseThrow().toString());
    assertEquals(LinkConditions.NONE, lan.conditions());
    Segment wan = S.segment("wan").orElseThrow();
    assertEquals(new LinkConditions(t("200us"), t("50us"), 0.001, 0), wan.conditions());
    Segment core = S.segment("core").orElseThrow();
    assertTrue(core.isSwitch());
    assertEquals(t("300s"), core.macAging());
    assertTrue(core.ipv4().isEmpty(), "a switch needs no subnet");
    assertEquals(8, core.origin().line());
    assertEquals("switch core mac-aging 300s", core.origin().text(), "the trailing comment is not part of the text");
  }

  @Test
  void hostsWithResolvedProfilesAndNics() {
    Host fw1 = S.host("fw1").orElseThrow();
    Host fw2 = S.host("fw2").orElseThrow();
    assertEquals(Profiles.OPENBSD_3_5, fw1.profile());
    assertFalse(fw1.profileGiven());
    assertEquals(Profiles.NETBSD, fw2.profile());
    assertTrue(fw2.profileGiven());
    Nic em0 = fw1.nic("em0").orElseThrow();
    assertEquals("lan", em0.segment());
    assertEquals("172.16.0.1/24", em0.addresses().get(0).toString());
    assertEquals(Nic.derivedMac("fw1", "em0"), em0.mac());
    assertFalse(em0.macGiven());
    Nic em1 = fw1.nic("em1").orElseThrow();
    assertEquals(MacAddress.parse("02:00:00:00:01:01"), em1.mac());
    assertTrue(em1.macGiven());
    assertEquals(List.of("carp0", "carp1", "carp2"), fw1.carpInterfaces());
    assertEquals(List.of(1, 2, 3), fw1.vhids());
    assertEquals(List.of("carp0"), fw2.carpInterfaces());
    assertEquals(List.of(1), fw2.vhids());
  }

  @Test
  void fw1ConfigurationInOrderWithPromptsContinuationsRcConfAndTheInlineFile() {
    List<ConfigLine> c = S.host("fw1").orElseThrow().configuration();
    assertEquals(List.of(14, 15, 16, 19, 20, 22, 23), c.stream().map(l -> l.origin().line()).toList());
    assertEquals(new HostCommand.SysctlSet("net.inet.carp.preempt", 1), c.get(0).commands().get(0));
    assertEquals(new HostCommand.IfconfigCreate("carp0"), c.get(1).commands().get(0), "'# ifconfig' is a prompt");
    assertEquals(5, c.get(1).origin().column(), "the origin is the command, after the prompt");
    HostCommand.IfconfigSet carp0 = assertInstanceOf(HostCommand.IfconfigSet.class, c.get(2).commands().get(0));
    assertEquals(Optional.of(new IfSetting.Vhid(1)), carp0.setting(IfSetting.Vhid.class));
    assertEquals(Optional.of(new IfSetting.Carpdev("em0")), carp0.setting(IfSetting.Carpdev.class));
    AddressChange.Inet vip = assertInstanceOf(AddressChange.Inet.class, carp0.address().orElseThrow());
    assertEquals(Ipv4Address.parse("172.16.0.100"), vip.address());
    assertEquals(24, vip.prefixLength(), "the address on the continuation line was joined");
    assertEquals(8, c.get(2).origin().column(), "after 'fw1# '");
    assertEquals(new HostCommand.IfconfigCreate("carp1"), c.get(3).commands().get(0));
    assertEquals("ifconfig_carp1=\"vhid 2 pass ******** 192.0.2.100/24\"", c.get(4).origin().text());
    assertEquals(Optional.of("/etc/hostname.carp2"), c.get(5).file());
    assertEquals(new HostCommand.IfconfigCreate("carp2"), c.get(5).commands().get(0),
        "a hostname.carpN file creates its interface first");
    HostCommand.IfconfigSet carp2 = assertInstanceOf(HostCommand.IfconfigSet.class, c.get(6).commands().get(0));
    assertEquals("carp2", carp2.ifname());
    assertEquals(Optional.of(new IfSetting.Vhid(3)), carp2.setting(IfSetting.Vhid.class));
    assertEquals("inet 192.0.2.101 255.255.255.0 192.0.2.255 vhid 3 pass ********", c.get(6).origin().text());
  }

  @Test
  void configurationWarningsArePlacedOnTheirPhysicalLines() {
    assertEquals(List.of(
        "example.carp:16:45: warning: carpdev: not in the ifconfig of profile openbsd-3.5 (OBSD-1.54); accepted, as "
            + "the seeds' carp(4) page documents it",
        "example.carp:17:23: warning: second address 255.255.255.0 taken as the netmask (as NetBSD's ifconfig does); "
            + "the ifconfig of profile openbsd-3.5 would take it as a destination address"),
        S.warnings().stream().map(Diagnostic::toString).toList());
  }

  @Test
  void clients() {
    ClientPopulation c = S.clients().get(0);
    assertEquals("lan", c.segment());
    assertEquals(500, c.count());
    assertEquals(Ipv4Address.parse("172.16.0.100"), c.target());
    assertEquals(t("10s"), c.interval());
    assertEquals(List.of("172.16.0.1", "172.16.0.2", "172.16.0.100"),
        c.reserved().stream().map(Object::toString).toList(), "NIC addresses and the VIP are never a client's");
    assertEquals(Ipv4Address.parse("172.16.0.3"), c.address(0));
    assertEquals(MacAddress.parse("0a:00:01:00:00:01"), c.mac(0));
    assertEquals(t("10s") * 250 / 500, c.firstRequestAt(250));
  }

  @Test
  void timelineInTimeOrderWithFaultsAsData() {
    List<TimelineEvent> tl = S.timeline();
    assertEquals(List.of(10L, 20L, 25L, 30L, 40L, 50L, 60L, 70L),
        tl.stream().map(e -> e.at() / Durations.SECOND).toList());
    TimelineEvent.CommandAt cmd = assertInstanceOf(TimelineEvent.CommandAt.class, tl.get(0));
    assertEquals("fw1", cmd.host());
    assertEquals(new HostCommand.IfconfigSet("carp0", List.of(new IfSetting.Down()), Optional.empty()),
        cmd.command().commands().get(0));
    assertEquals("at 10s fw1: ifconfig carp0 down", cmd.origin().text());
    assertEquals("command", cmd.verb());
    assertEquals(new Fault.Link("fw1.em0", false), fault(tl.get(1)));
    assertEquals(new Fault.Link("fw1.em0", true), fault(tl.get(2)));
    assertEquals(new Fault.Crash("fw1"), fault(tl.get(3)));
    assertEquals(new Fault.Boot("fw1"), fault(tl.get(4)));
    assertEquals(new Fault.Split("lan", Partition.parse("fw1 | fw2")), fault(tl.get(5)));
    assertEquals(new Fault.Heal("lan"), fault(tl.get(6)));
    assertEquals(new Fault.SegmentConditions("lan", LinkConditions.NONE.withLoss(0.3)), fault(tl.get(7)));
  }

  @Test
  void expectationsKeepTheirLineAndTextForReports() {
    List<Expectation> e = S.expectations();
    assertEquals(7, e.size());
    assertEquals(new Expectation.StateAt(t("5s"), new Target.Interface("fw1", "carp0"), CarpState.MASTER,
        e.get(0).origin()), e.get(0));
    assertEquals(46, e.get(0).line());
    assertEquals("expect at 5s fw1.carp0 MASTER", e.get(0).text());
    assertEquals(new Target.VirtualHost("fw2", 1), ((Expectation.StateAt) e.get(1)).target());
    Expectation.StateWithin w = assertInstanceOf(Expectation.StateWithin.class, e.get(2));
    assertEquals(t("13.5s"), w.deadline());
    assertEquals(new Expectation.OneMaster("lan", 1, t("5s"), t("120s"), e.get(3).origin()), e.get(3));
    assertEquals(new Expectation.Stat("fw2", Optional.of("carp0"), CarpStat.BADAUTH, Comparison.GE, 1,
        e.get(4).origin()), e.get(4));
    assertEquals(new Expectation.ArpShare("lan", Ipv4Address.parse("172.16.0.100"), "fw1", 40, 60,
        e.get(5).origin()), e.get(5));
    assertEquals(new Expectation.Failover("lan", 1, t("3.2s"), 0, S.duration(), e.get(6).origin()), e.get(6));
    assertEquals("expect failover lan vhid 1 <= 3.2s", e.get(6).text());
  }

  @Test
  void theTopologyBuildsForTheSimulator() {
    Topology topo = S.topology();
    assertEquals(2, topo.hosts().size());
    assertEquals(3, topo.segments().size());
    assertEquals(MacAddress.parse("02:00:00:00:01:01").value(), topo.nic("fw1.em1").mac());
    assertEquals(t("200us"), topo.segment("wan").conditions().latency());
  }

  @Test
  void noPassphraseAnywhereInTheModel() {
    String all = S.toString();
    for (String secret : List.of("lanpasswd", "wanpasswd", "pass x")) {
      assertFalse(all.contains(secret), () -> secret + " leaked into the model's text");
    }
    assertTrue(all.contains("pass ********"));
  }

  /** The fault an {@code at} line schedules. */
  private static Fault fault(TimelineEvent e) {
    return assertInstanceOf(TimelineEvent.FaultAt.class, e).fault();
  }
}
