package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/** ucarp command lines (carp-protocol.md §8.4, ucarp-lab.md). */
class UcarpTest {

  private static final ConfigParser UCARP = ConfigParser.forProfile(Profiles.UCARP);

  private static UcarpOptions parse(String line) {
    HostCommand c = UCARP.parseCommandLine(line).commands().get(0);
    return assertInstanceOf(HostCommand.UcarpStart.class, c).options();
  }

  private static void refused(String line, String message, String at) {
    ConfigException e = assertThrows(ConfigException.class, () -> UCARP.parseCommandLine(line));
    assertEquals(message, e.getMessage());
    assertEquals(line.lastIndexOf(at) + 1, e.column(), "column of " + at);
  }

  @Test
  void theLabsLongForm() {
    UcarpOptions o = parse("ucarp --interface=eth0 --srcip=10.0.0.2 --vhid=7 --advskew=100 --pass=secret "
        + "--addr=10.0.0.100 --upscript=/etc/vip-up.sh --downscript=/etc/vip-down.sh --preempt --advbase=2 "
        + "--neutral --shutdown --deadratio=4");
    assertEquals(Optional.of("eth0"), o.interfaceName());
    assertEquals(Ipv4Address.of(10, 0, 0, 2), o.sourceAddress());
    assertEquals(7, o.vhid());
    assertEquals(100, o.advskew());
    assertEquals(2, o.advbase());
    assertEquals(4, o.deadRatio());
    assertEquals(Optional.of(Passphrase.of("secret")), o.pass());
    assertEquals(Ipv4Address.of(10, 0, 0, 100), o.virtualAddress());
    assertTrue(o.preempt() && o.neutral() && o.shutdown());
    assertFalse(o.noMulticast());
    assertEquals(Ipv4Address.CARP_GROUP, o.multicastGroup());
    assertEquals(Optional.of("/etc/vip-up.sh"), o.upscript());
    assertFalse(o.toString().contains("secret"), o.toString());
  }

  @Test
  void defaults() {
    UcarpOptions o = parse("ucarp -s 10.0.0.2 -v 1 -p s -a 10.0.0.100");
    assertEquals(Optional.empty(), o.interfaceName(), "libpcap's default device");
    assertEquals(1, o.advbase());
    assertEquals(0, o.advskew());
    assertEquals(3, o.deadRatio());
    assertFalse(o.preempt());
  }

  @Test
  void shortOptionsGetoptStyle() {
    UcarpOptions o = parse("ucarp -i eth0 -s10.0.0.2 -v 1 -p secret -a 10.0.0.100 -PnS -k100 -b 2 -M -B -z -x extra &");
    assertEquals(Optional.of("eth0"), o.interfaceName());
    assertEquals(Ipv4Address.of(10, 0, 0, 2), o.sourceAddress());
    assertEquals(100, o.advskew());
    assertTrue(o.preempt() && o.neutral() && o.ignoreInterfaceState() && o.noMulticast() && o.daemonize()
        && o.shutdown());
    assertEquals(Optional.of("extra"), o.extraParameter());
  }

  @Test
  void mcastIsAnAbbreviationOfMcastipButMinusMIsMissing() {
    assertEquals(Ipv4Address.of(239, 1, 1, 1),
        parse("ucarp --srcip=10.0.0.2 --vhid=1 --pass=s --addr=10.0.0.100 --mcast=239.1.1.1").multicastGroup());
    refused("ucarp -m 239.1.1.1 --srcip=10.0.0.2 --vhid=1 --pass=s --addr=10.0.0.100",
        "ucarp: invalid option -- 'm' (ucarp's short-option string lacks -m; use --mcast=…)", "-m");
    refused("ucarp --srcip=10.0.0.2 --vhid=1 --pass=s --addr=10.0.0.100 --mcast=10.0.0.1",
        "ucarp: --mcastip 10.0.0.1: not a multicast address", "10.0.0.1");
  }

  @Test
  void passwordLength() {
    String nineteen = "a".repeat(19);
    assertEquals(19, parse("ucarp -s 10.0.0.2 -v 1 -p " + nineteen + " -a 10.0.0.100").pass().orElseThrow().length());
    String line = "ucarp -s 10.0.0.2 -v 1 --pass=" + "b".repeat(20) + " -a 10.0.0.100";
    ConfigException e = assertThrows(ConfigException.class, () -> UCARP.parseCommandLine(line));
    assertEquals("ucarp: Password too long (at most 19 characters)", e.getMessage());
    assertEquals(line.indexOf("bbb") + 1, e.column());
    assertFalse(e.getMessage().contains("bbb"));
    assertEquals("ucarp -s 10.0.0.2 -v 1 -p ******** -a 10.0.0.100 --preempt",
        UCARP.parseCommandLine("ucarp -s 10.0.0.2 -v 1 -p secret -a 10.0.0.100 --preempt").redactedText());
    assertEquals("ucarp -s 10.0.0.2 -v 1 -p******** -a 10.0.0.100",
        UCARP.parseCommandLine("ucarp -s 10.0.0.2 -v 1 -psecret -a 10.0.0.100").redactedText());
  }

  @Test
  void errors() {
    refused("ucarp --vhid=1 --pass=s --addr=10.0.0.100",
        "ucarp: missing --srcip (the host's own address (--srcip=…))", "ucarp");
    refused("ucarp --srcip=10.0.0.2 --vhid=256 --pass=s --addr=10.0.0.100",
        "ucarp: --vhid 256: too large (range 1..255)", "256");
    refused("ucarp --srcip=10.0.0.2 --vhid=1 --pass=s --addr=10.0.0.100 --advskew=256",
        "ucarp: --advskew 256: too large (range 0..255)", "256");
    refused("ucarp --srcip=10.0.0.2 --vhid=1 --pass=s --addr=10.0.0.100 --advbase=0",
        "ucarp: --advbase 0 with --advskew 0: the advertisement interval would be zero", "0");
    assertEquals(0, parse("ucarp --srcip=10.0.0.2 --vhid=1 --pass=s --addr=10.0.0.100 --advbase=0 --advskew=10")
        .advbase());
    refused("ucarp --srcip=10.0.0.2 --vhdi=1 --pass=s --addr=10.0.0.100",
        "ucarp: unrecognized option '--vhdi' (did you mean --vhid?)", "--vhdi");
    refused("ucarp --d --srcip=10.0.0.2", "ucarp: option '--d' is ambiguous; possibilities: '--downscript' "
        + "'--deadratio' '--daemonize' '--debug'", "--d");
    refused("ucarp --srcip=10.0.0.256 --vhid=1 --pass=s --addr=10.0.0.100",
        "ucarp: --srcip 10.0.0.256: not an IPv4 address", "10.0.0.256");
    refused("ucarp --srcip=10.0.0.2 --vhid=1 --addr=10.0.0.100", "ucarp: missing --pass (or --passfile)", "ucarp");
    refused("ucarp --srcip=10.0.0.2 --vhid=1 --pass=s --addr=10.0.0.100 --preempt=yes",
        "ucarp: option '--preempt' doesn't allow an argument", "--preempt");
    refused("ucarp --srcip=10.0.0.2 --vhid", "ucarp: option '--vhid' requires an argument", "--vhid");
    refused("ucarp --help", "ucarp: --help prints usage; it configures nothing", "--help");
    refused("ucarp --srcip=10.0.0.2 eth0", "ucarp: unexpected argument 'eth0' (options start with - or --)", "eth0");
  }

  @Test
  void ucarpOnlyInItsProfile() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.forProfile(Profiles.OPENBSD)
        .parseCommandLine("ucarp --srcip=10.0.0.2 --vhid=1 --pass=s --addr=10.0.0.100"));
    assertEquals("ucarp: not available in profile openbsd (ucarp is the userland daemon; use profile ucarp for this "
        + "host)", e.getMessage());
  }

  @Test
  void passfile() {
    UcarpOptions o = parse("ucarp --srcip=10.0.0.2 --vhid=1 --passfile=/etc/ucarp.pass --addr=10.0.0.100");
    assertEquals(Optional.empty(), o.pass());
    assertEquals(Optional.of("/etc/ucarp.pass"), o.passfile());
  }
}
