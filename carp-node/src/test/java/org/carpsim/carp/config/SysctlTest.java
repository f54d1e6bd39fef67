package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

class SysctlTest {

  private static List<HostCommand> parse(Profile p, String line) {
    return ConfigParser.forProfile(p).parseCommandLine(line).commands();
  }

  private static ConfigException refused(Profile p, String line, String message, int column) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.forProfile(p).parseCommandLine(line));
    assertEquals(message, e.getMessage());
    assertEquals(column, e.column());
    return e;
  }

  @Test
  void writeWithAndWithoutDashW() {
    assertEquals(List.of(new HostCommand.SysctlSet("net.inet.carp.preempt", 1)),
        parse(Profiles.OPENBSD, "sysctl -w net.inet.carp.preempt=1"));
    assertEquals(List.of(new HostCommand.SysctlSet("net.inet.carp.preempt", 1)),
        parse(Profiles.FREEBSD, "sysctl net.inet.carp.preempt=1"));
    assertEquals(List.of(new HostCommand.SysctlSet("net.inet.carp.preempt", 1),
        new HostCommand.SysctlSet("net.inet.carp.log", 7)),
        parse(Profiles.OPENBSD, "sysctl -w net.inet.carp.preempt=1 net.inet.carp.log=7"));
  }

  @Test
  void reads() {
    assertEquals(List.of(new HostCommand.SysctlGet("net.inet.carp.preempt", false)),
        parse(Profiles.OPENBSD, "sysctl net.inet.carp.preempt"));
    assertEquals(List.of(new HostCommand.SysctlGet("net.inet.carp", true)), parse(Profiles.NETBSD, "sysctl -n net.inet.carp"));
    assertEquals(List.of(new HostCommand.SysctlGet("", false)), parse(Profiles.OPENBSD, "sysctl -a"));
    assertEquals(List.of(new HostCommand.SysctlGet("net.inet.carp.stats", false)),
        parse(Profiles.OPENBSD, "sysctl net.inet.carp.stats"));
  }

  @Test
  void unknownSysctlsPerProfileSayWhereTheyWent() {
    // the exact example of scenario-language.md
    refused(Profiles.OPENBSD, "sysctl -w net.inet.carp.arpbalance=1", "unknown sysctl net.inet.carp.arpbalance in "
        + "profile openbsd (removed after OpenBSD 4.x; use profile openbsd-3.5 or 'balancing arp')", 11);
    refused(Profiles.FREEBSD, "sysctl net.inet.carp.arpbalance=1", "unknown sysctl net.inet.carp.arpbalance in "
        + "profile freebsd (removed from FreeBSD in the 2011 rewrite; use profile freebsd-6)", 8);
    refused(Profiles.OPENBSD_3_5, "sysctl -w net.inet.carp.demotion=10",
        "unknown sysctl net.inet.carp.demotion in profile openbsd-3.5 (FreeBSD only; use profile freebsd)", 11);
    refused(Profiles.FREEBSD_6, "sysctl -w net.inet.carp.dscp=10",
        "unknown sysctl net.inet.carp.dscp in profile freebsd-6 (added in FreeBSD 10; use profile freebsd)", 11);
    refused(Profiles.UCARP, "sysctl -w net.inet.carp.preempt=1", "unknown sysctl net.inet.carp.preempt in profile ucarp "
        + "(ucarp is a userland daemon without sysctls; give it options on its command line (--preempt))", 11);
    ConfigException typo = refused(Profiles.NETBSD, "sysctl -w net.inet.carp.prempt=1",
        "unknown sysctl net.inet.carp.prempt in profile netbsd (did you mean net.inet.carp.preempt?)", 11);
    assertEquals(Optional.of("net.inet.carp.preempt"), typo.nearest());
    refused(Profiles.OPENBSD, "sysctl kern.maxfiles=1000", "unknown sysctl kern.maxfiles in profile openbsd (known: "
        + "net.inet.carp.allow, net.inet.carp.preempt, net.inet.carp.log, net.inet.carp.stats, net.inet.ip.forwarding, "
        + "net.inet6.ip6.forwarding)", 8);
  }

  @Test
  void valuesAreChecked() {
    refused(Profiles.OPENBSD, "sysctl -w net.inet.carp.preempt=yes", "sysctl: net.inet.carp.preempt: invalid integer 'yes'",
        33);
    refused(Profiles.OPENBSD, "sysctl -w net.inet.carp.preempt=", "sysctl: net.inet.carp.preempt: missing value after '='",
        33);
    refused(Profiles.FREEBSD, "sysctl net.inet.carp.dscp=64", "sysctl: net.inet.carp.dscp: 64 out of range (0..63)", 27);
    refused(Profiles.OPENBSD, "sysctl -w net.inet.carp.stats=0", "sysctl: net.inet.carp.stats: read-only", 11);
    refused(Profiles.OPENBSD, "sysctl -w net.inet.carp=1", "sysctl: net.inet.carp: is a node, not a value", 11);
    refused(Profiles.OPENBSD, "sysctl -w", "sysctl: -w needs name=value", 1);
    refused(Profiles.OPENBSD, "sysctl -x net.inet.carp.log", "sysctl: -x: unsupported flag (accepted: -w, -n, -a, -q)", 8);
  }

  @Test
  void freebsdDemotionIsAddedAndMayBeNegative() {
    ParsedLine p = ConfigParser.forProfile(Profiles.FREEBSD).parseCommandLine("sysctl net.inet.carp.demotion=-1");
    assertEquals(List.of(new HostCommand.SysctlSet("net.inet.carp.demotion", -1)), p.commands());
    assertEquals("net.inet.carp.demotion=-1 is added to the current value, not assigned (FreeBSD)",
        p.warnings().get(0).message());
  }

  @Test
  void sysctlConfLines() {
    ConfigParser p = ConfigParser.forProfile(Profiles.OPENBSD_3_5);
    assertEquals(List.of(new HostCommand.SysctlSet("net.inet.carp.preempt", 1)),
        p.parseSysctlConfLine("net.inet.carp.preempt=1   # fail over as a group").commands());
    assertEquals(List.of(), p.parseSysctlConfLine("# comment").commands());
  }
}
