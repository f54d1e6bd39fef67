package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/** The seeds' lines parse into the commands they mean. */
class SeedFieldsTest {

  private static final ConfigParser OBSD35 = ConfigParser.forProfile(Profiles.OPENBSD_3_5);
  private static final ConfigParser NETBSD = ConfigParser.forProfile(Profiles.NETBSD);
  private static final ConfigParser FBSD6 = ConfigParser.forProfile(Profiles.FREEBSD_6);

  private static HostCommand.IfconfigSet set(ParsedLine p, int i) {
    return assertInstanceOf(HostCommand.IfconfigSet.class, p.commands().get(i));
  }

  private static AddressChange.Inet inet(HostCommand.IfconfigSet s) {
    return assertInstanceOf(AddressChange.Inet.class, s.address().orElseThrow());
  }

  /** Parses a seed entry, as written, by its document and physical line text. */
  private static ParsedLine seed(String source, String startsWith, Profile p) {
    return seed(source, startsWith, "", p);
  }

  private static ParsedLine seed(String source, String startsWith, String contains, Profile p) {
    for (SeedLines.Entry e : SeedLines.load()) {
      String t = e.command().text().trim();
      if (e.source().equals(source) && t.startsWith(startsWith) && t.contains(contains)) {
        return e.parse(p);
      }
    }
    throw new AssertionError("no seed line " + startsWith);
  }

  @Test
  void carp4HostBWithAdvskewAcrossAContinuation() {
    LogicalLine l = LogicalLines.join(List.of("# ifconfig carp0 vhid 1 advskew 100 pass mekmitasdigoat \\",
        "192.168.1.1 netmask 255.255.255.0"), 13).get(0);
    ParsedLine p = OBSD35.parseCommandLine(ShellPrompt.strip(l).text());
    HostCommand.IfconfigSet s = set(p, 0);
    assertEquals("carp0", s.ifname());
    assertEquals(List.of(new IfSetting.Vhid(1), new IfSetting.Advskew(100),
        new IfSetting.Pass(Passphrase.of("mekmitasdigoat"))), s.settings());
    AddressChange.Inet a = inet(s);
    assertEquals(Ipv4Address.of(192, 168, 1, 1), a.address());
    assertEquals(24, a.prefixLength());
    assertTrue(a.prefixGiven());
    assertEquals(AddressChange.Op.REPLACE_PRIMARY, a.op());
    assertEquals(List.of(), p.warnings());
    assertEquals("ifconfig carp0 vhid 1 advskew 100 pass ******** 192.168.1.1 netmask 255.255.255.0", p.redactedText());
  }

  @Test
  void slashAndNetmaskTogetherAgree() {
    ParsedLine p = seed("carp.4-examples.txt", "ifconfig carp1 vhid 2 pass mekmitasdigoat 192.168.2.1/24", Profiles.NETBSD);
    AddressChange.Inet a = inet(set(p, 0));
    assertEquals(Ipv4Address.of(192, 168, 2, 1), a.address());
    assertEquals(24, a.prefixLength());
    assertEquals(List.of(), p.warnings(), "/24 and 255.255.255.0 agree: nothing to say");
  }

  @Test
  void theManualsCollapsedLinesMeanTheSameAsTheExamples() {
    ParsedLine manual = seed("carp.4-manual.txt", "ifconfig carp1 vhid 2 advskew 100 pass mekmitasdigoat \\ 192.168.2.1",
        Profiles.OPENBSD_3_5);
    ParsedLine examples = seed("carp.4-examples.txt", "ifconfig carp1 vhid 2 advskew 100", Profiles.OPENBSD_3_5);
    assertEquals(examples.commands(), manual.commands());
    assertEquals(1, manual.warnings().size());
    assertTrue(manual.warnings().get(0).message().startsWith("stray '\\' ignored"));
  }

  @Test
  void handbookHostsTypoedThePassphrase() {
    // hosta: "testpast", provider: "testpass" for the same vhid 1 — their HMACs will not match
    ParsedLine hosta = seed("freebsd-handbook-carp.txt", "ifconfig_carp0=\"vhid 1 pass testpast", Profiles.FREEBSD_6);
    ParsedLine provider = seed("freebsd-handbook-carp.txt", "ifconfig_carp0=\"vhid 1 advskew 100", Profiles.FREEBSD_6);
    HostCommand.IfconfigSet a = set(hosta, 0);
    HostCommand.IfconfigSet b = set(provider, 0);
    assertEquals(a.setting(IfSetting.Vhid.class), b.setting(IfSetting.Vhid.class));
    assertEquals(inet(a).address(), inet(b).address());
    assertNotEquals(a.setting(IfSetting.Pass.class), b.setting(IfSetting.Pass.class));
    assertEquals(Optional.of(new IfSetting.Advskew(100)), b.setting(IfSetting.Advskew.class));
    // rc(8) brings the interface up after ifconfig_carp0
    assertEquals(new HostCommand.IfconfigSet("carp0", List.of(new IfSetting.Up()), Optional.empty()),
        hosta.commands().get(1));
  }

  @Test
  void handbookRcConf() {
    assertEquals(List.of(new HostCommand.IfconfigCreate("carp0"), new HostCommand.IfconfigCreate("carp1")),
        FBSD6.parseRcConfLine("cloned_interfaces=\"carp0 carp1\"").commands());
    assertEquals(List.of(new HostCommand.SetHostname("provider.example.org")),
        FBSD6.parseRcConfLine("hostname=\"provider.example.org\"").commands());
    ParsedLine fxp = FBSD6.parseRcConfLine("ifconfig_fxp0=\"inet 192.168.1.3 netmask 255.255.255.0\"");
    HostCommand.IfconfigSet s = set(fxp, 0);
    assertEquals("fxp0", s.ifname());
    assertEquals(new AddressChange.Inet(Ipv4Address.of(192, 168, 1, 3), 24, true, Optional.empty(),
        AddressChange.Op.REPLACE_PRIMARY), s.address().orElseThrow());
  }

  @Test
  void handbookNudgeIsASequence() {
    ParsedLine p = FBSD6.parseCommandLine("ifconfig carp0 down && ifconfig carp0 up");
    assertEquals(2, p.steps().size());
    assertEquals(ParsedLine.RunCondition.ALWAYS, p.steps().get(0).condition());
    assertEquals(ParsedLine.RunCondition.IF_PREVIOUS_SUCCEEDED, p.steps().get(1).condition());
    assertEquals(List.of(new IfSetting.Down()), set(p, 0).settings());
    assertEquals(List.of(new IfSetting.Up()), set(p, 1).settings());
  }

  @Test
  void netbsdGuideSecondAddressIsTheNetmask() {
    ParsedLine p = seed("netbsd-guide-carp.txt", "ifconfig carp0 vhid 1 pass lanpasswd", "10.0.0.1", Profiles.NETBSD);
    HostCommand.IfconfigSet s = set(p, 0);
    assertEquals(Optional.of(new IfSetting.Carpdev("em0")), s.setting(IfSetting.Carpdev.class));
    assertEquals(Optional.of(new IfSetting.Advskew(100)), s.setting(IfSetting.Advskew.class));
    assertEquals(Ipv4Address.of(10, 0, 0, 1), inet(s).address());
    assertEquals(24, inet(s).prefixLength());
    assertEquals(List.of(), p.warnings(), "NetBSD's ifconfig reads it so: no warning");
    assertEquals(List.of(new HostCommand.IfconfigQuery(Optional.of("carp0"))),
        NETBSD.parseCommandLine("ifconfig carp0").commands());
    assertEquals(List.of(new HostCommand.KernelDevice("carp")),
        NETBSD.parseCommandLine("    pseudo-device   carp        # CARP").commands());
  }

  @Test
  void scenarioExampleUnderOpenbsd35WarnsAboutTheEraButAccepts() {
    String line = "ifconfig carp0 vhid 1 pass lanpasswd carpdev em0 172.16.0.100 255.255.255.0";
    ParsedLine p = OBSD35.parseCommandLine(line);
    assertEquals(24, inet(set(p, 0)).prefixLength());
    assertEquals(2, p.warnings().size());
    assertEquals(line.indexOf("carpdev") + 1, p.warnings().get(0).column());
    assertTrue(p.warnings().get(0).message().contains("not in the ifconfig of profile openbsd-3.5"));
    assertEquals(line.indexOf("255.255.255.0") + 1, p.warnings().get(1).column());
    assertTrue(p.warnings().get(1).message().contains("destination address"));
  }

  @Test
  void articleLines() {
    ParsedLine swapped = OBSD35.parseCommandLine("ifconfig create carp1");
    assertEquals(List.of(new HostCommand.IfconfigCreate("carp1")), swapped.commands());
    assertEquals(1, swapped.warnings().size());
    assertTrue(swapped.warnings().get(0).message().contains("the interface name must come first"));
    ParsedLine hostnameIf = OBSD35.parseHostnameIfLine("carp0", "up vhid 1 pass tyrell");
    assertEquals(List.of(new HostCommand.IfconfigSet("carp0", List.of(new IfSetting.Vhid(1),
        new IfSetting.Pass(Passphrase.of("tyrell")), new IfSetting.Up()), Optional.empty())), hostnameIf.commands());
    assertEquals("up vhid 1 pass ********", hostnameIf.redactedText());
    HostCommand.IfconfigSet pris = set(OBSD35.parseCommandLine("ifconfig carp0 advskew 100"), 0);
    assertEquals(List.of(new IfSetting.Advskew(100)), pris.settings());
    assertEquals(List.of(new HostCommand.SysctlSet("net.inet.carp.arpbalance", 1)),
        OBSD35.parseCommandLine("sysctl -w net.inet.carp.arpbalance=1").commands());
  }

  @Test
  void hostnameIfLegacyInetLine() {
    ParsedLine p = OBSD35.parseHostnameIfLine("carp2", "inet 192.0.2.101 255.255.255.0 192.0.2.255 vhid 3 pass x");
    HostCommand.IfconfigSet s = set(p, 0);
    assertEquals("carp2", s.ifname());
    assertEquals(new AddressChange.Inet(Ipv4Address.of(192, 0, 2, 101), 24, true,
        Optional.of(Ipv4Address.of(192, 0, 2, 255)), AddressChange.Op.REPLACE_PRIMARY), s.address().orElseThrow());
    assertEquals(List.of(new IfSetting.Vhid(3), new IfSetting.Pass(Passphrase.of("x"))), s.settings());
    assertEquals(List.of(), p.warnings());
  }
}
