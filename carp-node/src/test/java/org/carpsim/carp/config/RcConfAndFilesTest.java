package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

class RcConfAndFilesTest {

  private static final ConfigParser FBSD = ConfigParser.forProfile(Profiles.FREEBSD);
  private static final ConfigParser FBSD6 = ConfigParser.forProfile(Profiles.FREEBSD_6);
  private static final ConfigParser OBSD = ConfigParser.forProfile(Profiles.OPENBSD);

  @Test
  void aliasesAndIpv6Variables() {
    ParsedLine alias = FBSD.parseRcConfLine("ifconfig_em0_alias0=\"inet vhid 1 pass testpass alias 192.168.1.50/32\"");
    HostCommand.IfconfigSet s = assertInstanceOf(HostCommand.IfconfigSet.class, alias.commands().get(0));
    assertEquals("em0", s.ifname());
    assertEquals(new AddressChange.Inet(Ipv4Address.of(192, 168, 1, 50), 32, true, Optional.empty(),
        AddressChange.Op.ADD_ALIAS), s.address().orElseThrow());
    assertEquals(1, alias.commands().size(), "aliases do not bring the interface up again");
    assertEquals("ifconfig_em0_alias0=\"inet vhid 1 pass ******** alias 192.168.1.50/32\"", alias.redactedText());
    ParsedLine noAliasWord = FBSD.parseRcConfLine("ifconfig_em0_alias1=\"inet 192.0.2.7/32\"");
    assertEquals(AddressChange.Op.ADD_ALIAS, ((AddressChange.Inet) ((HostCommand.IfconfigSet) noAliasWord.commands()
        .get(0)).address().orElseThrow()).op(), "rc adds ifconfig_IF_aliasN as aliases");
    ParsedLine v6 = FBSD.parseRcConfLine("ifconfig_em0_ipv6=\"inet6 2001:db8::1/64\"");
    assertEquals(Ipv6Address.parse("2001:db8::1"),
        ((AddressChange.Inet6) ((HostCommand.IfconfigSet) v6.commands().get(0)).address().orElseThrow()).address());
  }

  @Test
  void unknownVariablesWarnButMisspeltModelledOnesAreRefused() {
    ParsedLine router = FBSD6.parseRcConfLine("defaultrouter=\"192.168.1.254\"");
    assertEquals(List.of(), router.commands());
    assertEquals("rc.conf: defaultrouter is not modelled; ignored", router.warnings().get(0).message());
    ParsedLine sshd = FBSD6.parseRcConfLine("sshd_enable=YES   # remote access");
    assertEquals("rc.conf: sshd_enable is not modelled; ignored", sshd.warnings().get(0).message());
    ConfigException clone = assertThrows(ConfigException.class,
        () -> FBSD6.parseRcConfLine("clone_interfaces=\"carp0\""));
    assertEquals("rc.conf: unknown variable clone_interfaces (did you mean cloned_interfaces?)", clone.getMessage());
    assertEquals(1, clone.column());
    ConfigException ifc = assertThrows(ConfigException.class,
        () -> FBSD6.parseRcConfLine("ifconfg_carp0=\"vhid 1 pass x 10.0.0.1/24\""));
    assertEquals("rc.conf: unknown variable ifconfg_carp0 (did you mean ifconfig_carp0?)", ifc.getMessage());
  }

  @Test
  void rcConfErrors() {
    ConfigException dhcp = assertThrows(ConfigException.class, () -> FBSD6.parseRcConfLine("ifconfig_em0=\"DHCP\""));
    assertEquals("rc.conf: ifconfig_em0: DHCP is not simulated; give a static address (inet A.B.C.D/len)",
        dhcp.getMessage());
    assertEquals(15, dhcp.column());
    ConfigException quote = assertThrows(ConfigException.class,
        () -> FBSD6.parseRcConfLine("ifconfig_carp0=\"vhid 1 pass x"));
    assertEquals("rc.conf: ifconfig_carp0: unterminated double quote", quote.getMessage());
    ConfigException tail = assertThrows(ConfigException.class, () -> FBSD6.parseRcConfLine("hostname=a b"));
    assertEquals("rc.conf: hostname: unexpected text after the value (quote values that contain blanks)",
        tail.getMessage());
    assertEquals(12, tail.column());
    ConfigException inner = assertThrows(ConfigException.class,
        () -> FBSD6.parseRcConfLine("ifconfig_carp0=\"vhid 300 pass x 10.0.0.1/24\""));
    assertEquals("ifconfig: vhid 300: too large (range 1..255)", inner.getMessage());
    assertEquals(22, inner.column(), "the column inside the quoted value");
    ConfigException cloned = assertThrows(ConfigException.class, () -> FBSD.parseRcConfLine("cloned_interfaces=\"carp0\""));
    assertTrue(cloned.getMessage().startsWith("ifconfig: carp0: profile freebsd has no carp interfaces"));
    assertEquals(20, cloned.column());
  }

  @Test
  void hostnameIfFileCreatesTheInterfaceFirst() {
    List<ParsedLine> lines = OBSD.parseFile("/etc/hostname.carp0",
        "# the VIP\ninet 192.0.2.1 255.255.255.0 NONE vhid 1 carpdev em0 pass x\ninet6 2001:db8::1 64\nup\n");
    assertEquals(new HostCommand.IfconfigCreate("carp0"), lines.get(0).commands().get(0));
    HostCommand.IfconfigSet v4 = (HostCommand.IfconfigSet) lines.get(1).commands().get(0);
    assertEquals(new AddressChange.Inet(Ipv4Address.of(192, 0, 2, 1), 24, true, Optional.empty(),
        AddressChange.Op.REPLACE_PRIMARY), v4.address().orElseThrow());
    HostCommand.IfconfigSet v6 = (HostCommand.IfconfigSet) lines.get(2).commands().get(0);
    assertEquals(new AddressChange.Inet6(Ipv6Address.parse("2001:db8::1"), 64, AddressChange.Op.REPLACE_PRIMARY),
        v6.address().orElseThrow());
    assertEquals(List.of(new HostCommand.IfconfigSet("carp0", List.of(new IfSetting.Up()), Optional.empty())),
        lines.get(3).commands());
    assertEquals(4, lines.size(), "the comment gives nothing");
  }

  @Test
  void fileErrorsNameFileLineAndColumn() {
    ConfigException e = assertThrows(ConfigException.class, () -> OBSD.parseFile("/etc/hostname.carp0",
        "inet 192.0.2.1 255.255.255.0 NONE \\\n    vhid 1 \\\n    advskew 300 pass x\n"));
    assertEquals("/etc/hostname.carp0:3:13: ifconfig: advskew 300: too large (range 0..254)", e.getMessage());
    assertEquals("ifconfig: advskew 300: too large (range 0..254)", e.detail());
    ConfigException rc = assertThrows(ConfigException.class, () -> FBSD6.parseFile("/etc/rc.conf",
        "hostname=\"fw1\"\n\nifconfig_carp0=\"vhid 1 advskw 100 pass x 10.0.0.1/24\"\n"));
    assertEquals("/etc/rc.conf:3:24: ifconfig: advskw: bad value (not an option or an address; did you mean "
        + "advskew?)", rc.getMessage());
    ConfigException unknown = assertThrows(ConfigException.class, () -> OBSD.parseFile("/etc/pf.conf", "pass all"));
    assertTrue(unknown.getMessage().startsWith("file /etc/pf.conf: not a configuration file carpsim reads"));
  }

  @Test
  void netbsdIfconfigFileAndSysctlConf() {
    ConfigParser n = ConfigParser.forProfile(Profiles.NETBSD);
    List<ParsedLine> lines = n.parseFile("/etc/ifconfig.carp0",
        "create\nvhid 1 pass lanpasswd carpdev em0 advskew 100 10.0.0.1 255.255.255.0\n!echo hi\n");
    assertEquals(new HostCommand.IfconfigCreate("carp0"), lines.get(0).commands().get(0));
    assertEquals(new HostCommand.IfconfigCreate("carp0"), lines.get(1).commands().get(0), "the file's own create");
    HostCommand.IfconfigSet s = (HostCommand.IfconfigSet) lines.get(2).commands().get(0);
    assertEquals(24, ((AddressChange.Inet) s.address().orElseThrow()).prefixLength());
    assertEquals("shell command lines of ifconfig.if files are not run", lines.get(3).warnings().get(0).message());
    List<ParsedLine> sys = n.parseFile("/etc/sysctl.conf", "net.inet.carp.preempt=1\nnet.inet.carp.log=1 # bad packets\n");
    assertEquals(List.of(new HostCommand.SysctlSet("net.inet.carp.preempt", 1)), sys.get(0).commands());
    assertEquals(List.of(new HostCommand.SysctlSet("net.inet.carp.log", 1)), sys.get(1).commands());
  }

  @Test
  void hostnameIfRefusesDhcp() {
    ConfigException e = assertThrows(ConfigException.class, () -> OBSD.parseHostnameIfLine("em0", "dhcp"));
    assertEquals("hostname.if: dhcp is not simulated; give a static address", e.getMessage());
  }

  @Test
  void pfsyncFromRcConfAndHostnamePfsync0() {
    // rc.d/pfsync: ifconfig pfsync0 [syncpeer A] syncdev IF $pfsync_ifconfig up, one variable at a time
    assertEquals(List.of(new HostCommand.IfconfigSet("pfsync0", List.of(new IfSetting.Syncdev("em1")), Optional.empty())),
        FBSD.parseRcConfLine("pfsync_syncdev=\"em1\"").commands());
    assertEquals(List.of(new HostCommand.IfconfigSet("pfsync0",
        List.of(new IfSetting.Syncpeer(Ipv4Address.of(10, 0, 9, 2))), Optional.empty())),
        FBSD.parseRcConfLine("pfsync_syncpeer=\"10.0.9.2\"").commands());
    assertEquals(List.of(new HostCommand.IfconfigSet("pfsync0", List.of(new IfSetting.Up()), Optional.empty())),
        FBSD.parseRcConfLine("pfsync_enable=\"YES\"").commands());
    assertEquals(List.of(), FBSD.parseRcConfLine("pfsync_enable=\"NO\"").commands());
    ConfigException bad = assertThrows(ConfigException.class, () -> FBSD.parseRcConfLine("pfsync_syncdve=\"em1\""));
    assertTrue(bad.getMessage().contains("did you mean pfsync_syncdev?"), bad.getMessage());
    // OpenBSD /etc/hostname.pfsync0
    List<HostCommand> file = OBSD.parseFile("/etc/hostname.pfsync0", "syncdev em1 syncpeer 10.0.9.2\nup\n").stream()
        .flatMap(l -> l.commands().stream()).toList();
    assertEquals(List.of(
        new HostCommand.IfconfigSet("pfsync0", List.of(new IfSetting.Syncdev("em1"),
            new IfSetting.Syncpeer(Ipv4Address.of(10, 0, 9, 2))), Optional.empty()),
        new HostCommand.IfconfigSet("pfsync0", List.of(new IfSetting.Up()), Optional.empty())), file);
  }
}
