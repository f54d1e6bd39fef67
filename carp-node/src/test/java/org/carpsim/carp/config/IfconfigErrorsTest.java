package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/** ifconfig lines: what is refused, with which words and at which column; and what the rest means. */
class IfconfigErrorsTest {

  private static ConfigException refused(Profile p, String line) {
    return assertThrows(ConfigException.class, () -> ConfigParser.forProfile(p).parseCommandLine(line));
  }

  private static void refused(Profile p, String line, String message, String at) {
    ConfigException e = refused(p, line);
    assertEquals(message, e.getMessage());
    assertEquals(line.lastIndexOf(at) + 1, e.column(), "column of '" + at + "'");
  }

  private static HostCommand.IfconfigSet set(Profile p, String line) {
    return assertInstanceOf(HostCommand.IfconfigSet.class,
        ConfigParser.forProfile(p).parseCommandLine(line).commands().get(0));
  }

  @Test
  void rangesAreRefusedAsStrtonumWordsThem() {
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid 256", "ifconfig: vhid 256: too large (range 1..255)", "256");
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid 0", "ifconfig: vhid 0: too small (range 1..255)", "0");
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid one", "ifconfig: vhid one: invalid (range 1..255)", "one");
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid 1 advskew 255", "ifconfig: advskew 255: too large (range 0..254)",
        "255");
    refused(Profiles.OPENBSD, "ifconfig carp0 advbase 256", "ifconfig: advbase 256: too large (range 0..255)", "256");
    refused(Profiles.OPENBSD_3_5, "ifconfig carp0 advbase 0", "ifconfig: advbase 0: too small (range 1..255)", "0");
    refused(Profiles.NETBSD, "ifconfig carp0 advskew -1", "ifconfig: advskew -1: too small (range 0..254)", "-1");
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid 99999999999999999999",
        "ifconfig: vhid 99999999999999999999: too large (range 1..255)", "99999999999999999999");
    assertEquals(List.of(new IfSetting.Advbase(0)), set(Profiles.OPENBSD, "ifconfig carp0 advbase 0").settings());
  }

  @Test
  void unknownWordsSuggestTheNearestOption() {
    ConfigException e = refused(Profiles.OPENBSD, "ifconfig carp0 advksew 100");
    assertEquals("ifconfig: advksew: bad value (not an option or an address; did you mean advskew?)", e.getMessage());
    assertEquals(16, e.column());
    assertEquals(Optional.of("advskew"), e.nearest());
    // the NetBSD guide calls the option "password"
    ConfigException pw = refused(Profiles.NETBSD, "ifconfig carp0 vhid 1 password lanpasswd");
    assertEquals(Optional.of("pass"), pw.nearest());
    assertEquals(23, pw.column());
    refused(Profiles.OPENBSD, "ifconfig carp0 frobnicate", "ifconfig: frobnicate: bad value (not an option or an address)",
        "frobnicate");
  }

  @Test
  void missingValues() {
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid", "ifconfig: 'vhid' requires argument", "vhid");
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid 1 pass", "ifconfig: 'pass' requires argument", "pass");
    refused(Profiles.OPENBSD, "ifconfig em0 inet 192.0.2.1 netmask", "ifconfig: 'netmask' requires argument", "netmask");
  }

  @Test
  void malformedAddresses() {
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid 1 192.168.1.256/24",
        "ifconfig: 192.168.1.256/24: bad value (octet 256 is above 255)", "192");
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid 1 192.168.1.1/33",
        "ifconfig: 192.168.1.1/33: bad value (prefix length 0..32)", "33");
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid 1 192.168.1.1 netmask 255.0.255.0",
        "ifconfig: netmask 255.0.255.0: not contiguous", "255.0.255.0");
    refused(Profiles.OPENBSD, "ifconfig carp0 inet 2001:db8::1",
        "ifconfig: 2001:db8::1: bad value (an IPv6 address after inet)", "2001");
    refused(Profiles.OPENBSD, "ifconfig carp0 inet6 2001:db8::zz/64",
        "ifconfig: 2001:db8::zz/64: bad value (an IPv6 address)", "2001");
    refused(Profiles.OPENBSD, "ifconfig carp0 10.0.0.1 255.255.255.0 10.0.0.255",
        "ifconfig: 10.0.0.255: bad value (a third address)", "10.0.0.255");
  }

  @Test
  void netmaskForms() {
    assertEquals(24, inet(set(Profiles.NETBSD, "ifconfig carp0 10.0.0.1 netmask 0xffffff00")).prefixLength());
    ParsedLine p = ConfigParser.forProfile(Profiles.OPENBSD).parseCommandLine(
        "ifconfig carp0 10.0.0.1/24 netmask 255.255.0.0");
    assertEquals(16, inet(assertInstanceOf(HostCommand.IfconfigSet.class, p.commands().get(0))).prefixLength(),
        "the later netmask wins, as ifconfig applies them in order");
    assertEquals("netmask 255.255.0.0 and /24 disagree; ifconfig applies the later one (netmask 255.255.0.0)",
        p.warnings().get(0).message());
    ParsedLine classful = ConfigParser.forProfile(Profiles.OPENBSD).parseCommandLine("ifconfig carp0 172.16.0.100");
    AddressChange.Inet c = inet(assertInstanceOf(HostCommand.IfconfigSet.class, classful.commands().get(0)));
    assertEquals(16, c.prefixLength());
    assertEquals(false, c.prefixGiven());
    assertEquals("no netmask for 172.16.0.100: the kernel uses the classful default /16",
        classful.warnings().get(0).message());
  }

  private static AddressChange.Inet inet(HostCommand.IfconfigSet s) {
    return assertInstanceOf(AddressChange.Inet.class, s.address().orElseThrow());
  }

  @Test
  void optionsOfOtherErasAreRefusedNamingWhereTheyExist() {
    refused(Profiles.OPENBSD_3_5, "ifconfig carp0 carppeer 10.0.0.2",
        "ifconfig: carppeer: not available in profile openbsd-3.5 (available in: openbsd)", "carppeer");
    refused(Profiles.FREEBSD_6, "ifconfig carp0 state master",
        "ifconfig: state: not available in profile freebsd-6 (available in: openbsd, openbsd-3.5, netbsd, freebsd)",
        "state");
    refused(Profiles.NETBSD, "ifconfig carp0 balancing ip",
        "ifconfig: balancing: not available in profile netbsd (available in: openbsd)", "balancing");
    refused(Profiles.FREEBSD_6, "ifconfig carp0 carpdev em0",
        "ifconfig: carpdev: not available in profile freebsd-6 (available in: openbsd, openbsd-3.5, netbsd)", "carpdev");
  }

  @Test
  void carpInterfacesOnlyWhereTheSystemHasThem() {
    ConfigException f = refused(Profiles.FREEBSD, "ifconfig carp0 create");
    assertTrue(f.getMessage().startsWith("ifconfig: carp0: profile freebsd has no carp interfaces (FreeBSD 10 and later"),
        f.getMessage());
    assertEquals(10, f.column());
    refused(Profiles.OPENBSD, "ifconfig em0 vhid 1 pass x 192.0.2.1/24",
        "ifconfig: vhid: not a carp interface (create one with ifconfig carpN create; the vhid-on-parent form is "
            + "FreeBSD 10 and later, profile freebsd)", "vhid");
    ConfigException u = refused(Profiles.UCARP, "ifconfig carp0 vhid 1");
    assertTrue(u.getMessage().contains("profile ucarp has no carp interfaces"), u.getMessage());
    refused(Profiles.OPENBSD, "ifconfig em0 create",
        "ifconfig: em0 create: only carpN interfaces are created here (em0 is a physical interface; declare it with a "
            + "nic line)", "create");
  }

  @Test
  void freebsdVhidOnTheParent() {
    HostCommand.IfconfigSet s = set(Profiles.FREEBSD, "ifconfig em0 vhid 1 advskew 100 pass x 192.0.2.1/24");
    assertEquals("em0", s.ifname());
    assertEquals(List.of(new IfSetting.Vhid(1), new IfSetting.Advskew(100), new IfSetting.Pass(Passphrase.of("x"))),
        s.settings());
    assertEquals(24, inet(s).prefixLength());
    HostCommand.IfconfigSet v6 = set(Profiles.FREEBSD, "ifconfig em0 inet6 vhid 1 pass x 2001:db8::1/64");
    assertEquals(new AddressChange.Inet6(Ipv6Address.parse("2001:db8::1"), 64, AddressChange.Op.REPLACE_PRIMARY),
        v6.address().orElseThrow());
    HostCommand.IfconfigSet alias = set(Profiles.FREEBSD, "ifconfig em0 inet vhid 1 pass testpass alias 192.168.1.50/32");
    assertEquals(AddressChange.Op.ADD_ALIAS, inet(alias).op());
    HostCommand.IfconfigSet peers = set(Profiles.FREEBSD, "ifconfig em0 vhid 1 peer 192.0.2.2 peer6 2001:db8::2");
    assertEquals(List.of(new IfSetting.Vhid(1), new IfSetting.UnicastPeer(Ipv4Address.of(192, 0, 2, 2)),
        new IfSetting.UnicastPeer6(Ipv6Address.parse("2001:db8::2"))), peers.settings());
    assertEquals(List.of(new IfSetting.Vhid(1), new IfSetting.MulticastPeer(), new IfSetting.MulticastPeer6()),
        set(Profiles.FREEBSD, "ifconfig em0 vhid 1 mcast mcast6").settings());
    refused(Profiles.FREEBSD, "ifconfig em0 advskew 100 vhid 1", "ifconfig: advskew requires vhid", "advskew");
    refused(Profiles.FREEBSD, "ifconfig em0 vhid 1 state init",
        "ifconfig: invalid carp state init (one of backup, master)", "init");
    refused(Profiles.FREEBSD, "ifconfig em0 vhid 1 carpver 3",
        "ifconfig: carpver: the VRRPv3 mode of FreeBSD 15's carp(4) is not modelled (its election and receive rules "
            + "were not in the sources read; a VRRP router on the segment: profile keepalived)", "carpver");
  }

  @Test
  void openbsdOptions() {
    HostCommand.IfconfigSet s = set(Profiles.OPENBSD, "ifconfig carp0 carpdev em0 carpnodes 1:0,2:100 balancing ip "
        + "carppeer 10.0.0.2 lladdr 00:00:5e:00:01:01 group fw -group carp state backup");
    assertEquals(List.of(new IfSetting.Carpdev("em0"),
        new IfSetting.CarpNodes(List.of(new IfSetting.CarpNode(1, 0), new IfSetting.CarpNode(2, 100))),
        new IfSetting.Balancing(BalancingMode.IP), new IfSetting.UnicastPeer(Ipv4Address.of(10, 0, 0, 2)),
        new IfSetting.Lladdr(MacAddress.carpVirtual(1)), new IfSetting.JoinGroup("fw"), new IfSetting.LeaveGroup("carp"),
        new IfSetting.ForceState(CarpState.BACKUP)), s.settings());
    assertEquals(List.of(new IfSetting.NoCarpdev(), new IfSetting.MulticastPeer(), new IfSetting.LladdrRandom()),
        set(Profiles.OPENBSD, "ifconfig carp0 -carpdev -carppeer lladdr random").settings());
    refused(Profiles.OPENBSD, "ifconfig carp0 carppeer 2001:db8::1", "ifconfig: carppeer 2001:db8::1: IPv4 only",
        "2001");
    refused(Profiles.OPENBSD, "ifconfig carp0 carpnodes 1:0,1:100", "ifconfig: carpnodes: vhid 1 given twice", "1:100");
    refused(Profiles.OPENBSD, "ifconfig carp0 carpnodes 1:0,255:0",
        "ifconfig: carpnodes: vhid 255: too large (range 1..254)", "255");
    refused(Profiles.OPENBSD, "ifconfig carp0 carpnodes 1-0", "ifconfig: carpnodes 1-0: expected vhid:advskew[,vhid:advskew…]",
        "1-0");
    refused(Profiles.OPENBSD, "ifconfig carp0 balancing arpp",
        "ifconfig: invalid carp balancing mode arpp (one of none, ip, ip-stealth, ip-unicast)", "arpp");
    refused(Profiles.OPENBSD, "ifconfig carp0 state maser", "ifconfig: invalid carp state maser (one of init, backup, "
        + "master)", "maser");
    refused(Profiles.OPENBSD, "ifconfig carp0 group fw1", "ifconfig: setifgroup: group names may not end in a digit",
        "fw1");
    refused(Profiles.OPENBSD, "ifconfig carp0 carpdev carp1",
        "ifconfig: carpdev carp1: a carp interface cannot be a parent (the parent must be an Ethernet interface)", "carp1");
    ParsedLine arp = ConfigParser.forProfile(Profiles.OPENBSD).parseCommandLine("ifconfig carp0 balancing arp");
    assertTrue(arp.warnings().get(0).message().startsWith("balancing arp: removed from OpenBSD after 2015"));
  }

  @Test
  void groupDemotion() {
    ConfigParser p = ConfigParser.forProfile(Profiles.OPENBSD);
    assertEquals(List.of(new HostCommand.GroupDemote("carp", 1)), p.parseCommandLine("ifconfig -g carp carpdemote").commands());
    assertEquals(List.of(new HostCommand.GroupDemote("carp", 50)),
        p.parseCommandLine("ifconfig -g carp carpdemote 50").commands());
    assertEquals(List.of(new HostCommand.GroupDemote("regressa", -1)),
        p.parseCommandLine("ifconfig -g regressa -carpdemote").commands());
    assertEquals(List.of(new HostCommand.GroupQuery("carp")), p.parseCommandLine("ifconfig -g carp").commands());
    refused(Profiles.OPENBSD, "ifconfig -g carp carpdemote 200",
        "ifconfig: carp: invalid carp demotion: too large (range 0..128)", "200");
    refused(Profiles.OPENBSD_3_5, "ifconfig -g carp carpdemote",
        "ifconfig: carpdemote: not available in profile openbsd-3.5 (available in: openbsd)", "carpdemote");
  }

  @Test
  void passphrasesLongerThan19AreTruncatedWithAWarning() {
    String line = "ifconfig carp0 vhid 1 pass abcdefghijklmnopqrstuvwxyz";
    ParsedLine p = ConfigParser.forProfile(Profiles.OPENBSD).parseCommandLine(line);
    IfSetting.Pass pass = ((HostCommand.IfconfigSet) p.commands().get(0)).setting(IfSetting.Pass.class).orElseThrow();
    assertEquals("abcdefghijklmnopqrs", new String(pass.pass().bytes(), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(line.indexOf("abc") + 1, p.warnings().get(0).column());
    assertEquals("pass: longer than 19 bytes; the kernel keeps only the first 19 (strlcpy into a 20-byte key)",
        p.warnings().get(0).message());
    assertEquals("ifconfig carp0 vhid 1 pass ********", p.redactedText());
    assertTrue(!p.toString().contains("abcdef"), "no part of the pass in toString");
  }

  @Test
  void quotedPassphrasesAndTheirMask() {
    ParsedLine p = ConfigParser.forProfile(Profiles.OPENBSD).parseCommandLine(
        "ifconfig carp0 vhid 1 pass \"two words\" 10.0.0.1/24");
    IfSetting.Pass pass = ((HostCommand.IfconfigSet) p.commands().get(0)).setting(IfSetting.Pass.class).orElseThrow();
    assertEquals(Passphrase.of("two words"), pass.pass());
    assertEquals("Pass[pass=********]", pass.toString());
    assertEquals("ifconfig carp0 vhid 1 pass ******** 10.0.0.1/24", p.redactedText());
  }

  @Test
  void nothingIsHalfApplied() {
    ConfigException e = refused(Profiles.OPENBSD, "ifconfig carp0 create && ifconfig carp0 vhid 300");
    assertEquals("ifconfig: vhid 300: too large (range 1..255)", e.getMessage());
    assertEquals(46, e.column());
  }

  @Test
  void shellLevelErrors() {
    ConfigException u = refused(Profiles.OPENBSD, "ifconfg carp0 create");
    assertEquals("unknown command 'ifconfg' (host commands: ifconfig, sysctl, ucarp, and rc.conf assignments "
        + "NAME=\"value\"); did you mean ifconfig?", u.getMessage());
    assertEquals(1, u.column());
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid 1 pass \"oops", "unterminated double quote", "\"oops");
    refused(Profiles.OPENBSD, "ifconfig carp0 | grep carp",
        "shell operator '|' is not supported in host commands (only && and ; join commands)", "|");
    refused(Profiles.OPENBSD, "ifconfig carp0 up &&", "a command is missing after '&&'", "&&");
    refused(Profiles.OPENBSD, "&& ifconfig carp0 up", "a command is missing before '&&'", "&&");
  }

  @Test
  void createWithOptionsIsTwoChainedCommands() {
    ParsedLine p = ConfigParser.forProfile(Profiles.OPENBSD).parseCommandLine(
        "ifconfig carp0 create vhid 1 carpdev em0 pass x 192.0.2.1/24; sysctl net.inet.carp.preempt=1");
    assertEquals(3, p.steps().size());
    assertEquals(new HostCommand.IfconfigCreate("carp0"), p.steps().get(0).command());
    assertEquals(ParsedLine.RunCondition.IF_PREVIOUS_SUCCEEDED, p.steps().get(1).condition());
    assertEquals(ParsedLine.RunCondition.ALWAYS, p.steps().get(2).condition(), "after ';'");
    assertEquals(List.of(new HostCommand.IfconfigDestroy("carp0")),
        ConfigParser.forProfile(Profiles.OPENBSD).parseCommandLine("ifconfig carp0 destroy").commands());
    refused(Profiles.OPENBSD, "ifconfig carp0 destroy vhid 1", "ifconfig: destroy takes no other options", "destroy");
  }

  @Test
  void physicalInterfacesAndIpv6() {
    HostCommand.IfconfigSet fxp = set(Profiles.OPENBSD_3_5, "ifconfig fxp0 inet 192.168.1.3 netmask 255.255.255.0");
    assertEquals(new AddressChange.Inet(Ipv4Address.of(192, 168, 1, 3), 24, true, Optional.empty(),
        AddressChange.Op.REPLACE_PRIMARY), fxp.address().orElseThrow());
    HostCommand.IfconfigSet v6 = set(Profiles.OPENBSD, "ifconfig carp0 inet6 fe80::1%carp0 prefixlen 64 alias");
    assertEquals(new AddressChange.Inet6(Ipv6Address.parse("fe80::1"), 64, AddressChange.Op.ADD_ALIAS),
        v6.address().orElseThrow());
    HostCommand.IfconfigSet del = set(Profiles.OPENBSD, "ifconfig carp0 inet 10.0.0.2 -alias");
    assertEquals(AddressChange.Op.DELETE, inet(del).op());
    refused(Profiles.OPENBSD, "ifconfig carp0 vhid 1 inet 10.0.0.1",
        "ifconfig: inet: the address family must come right after the interface name (ifconfig carp0 inet …)", "inet");
    refused(Profiles.OPENBSD, "ifconfig carp0 netmask 255.255.255.0",
        "ifconfig: netmask: needs an address in the same command (changing only the mask or broadcast is not modelled)",
        "netmask");
  }

  @Test
  void propertyEveryValidVhidAndAdvskewRoundTrips() {
    qt().withFixedSeed(20261123L).forAll(integers().between(1, 255), integers().between(0, 254)).checkAssert((v, s) -> {
      HostCommand.IfconfigSet c = set(Profiles.OPENBSD, "ifconfig carp0 vhid " + v + " advskew " + s + " 10.0.0.1/24");
      assertEquals(List.of(new IfSetting.Vhid(v), new IfSetting.Advskew(s)), c.settings());
    });
  }

  @Test
  void propertyEveryOutOfRangeVhidIsRefusedAtItsColumn() {
    qt().withFixedSeed(20261123L).forAll(integers().between(256, 100_000)).checkAssert(v -> {
      String line = "ifconfig carp0 advskew 1 vhid " + v;
      ConfigException e = refused(Profiles.NETBSD, line);
      assertEquals("ifconfig: vhid " + v + ": too large (range 1..255)", e.getMessage());
      assertEquals(line.lastIndexOf(" ") + 2, e.column());
    });
  }
}
