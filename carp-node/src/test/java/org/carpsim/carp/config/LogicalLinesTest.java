package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

class LogicalLinesTest {

  @Test
  void continuationsAreJoinedAndMappedBack() {
    List<LogicalLine> lines = LogicalLines.join(List.of(
        "fw1# ifconfig carp0 vhid 1 pass lanpasswd carpdev em0 \\",
        "       172.16.0.100 255.255.255.0",
        "sysctl -w net.inet.carp.preempt=1"), 20);
    assertEquals(2, lines.size());
    LogicalLine first = lines.get(0);
    assertEquals("fw1# ifconfig carp0 vhid 1 pass lanpasswd carpdev em0        172.16.0.100 255.255.255.0",
        first.text());
    assertEquals(20, first.firstLine());
    int vip = first.text().indexOf("172.16");
    assertEquals(new SourcePosition(21, 8), first.position(vip));
    assertEquals(new SourcePosition(20, 1), first.position(0));
    assertEquals(new SourcePosition(22, 1), lines.get(1).position(0));
    assertEquals(new SourcePosition(22, 34), lines.get(1).position(33), "the end of the line");
  }

  @Test
  void errorsOnAContinuationLineNameThatLine() {
    LogicalLine l = LogicalLines.join("# ifconfig carp0 vhid 1 advskew 100 pass x \\\n192.168.1.1/33 netmask "
        + "255.255.255.0\n").get(0);
    LogicalLine cmd = ShellPrompt.strip(l);
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigParser.forProfile(Profiles.NETBSD).parseCommandLine(cmd.text()));
    assertEquals("x.carp:2:13: ifconfig: 192.168.1.1/33: bad value (prefix length 0..32)",
        e.at("x.carp", cmd).getMessage());
  }

  @Test
  void evenBackslashesDoNotContinueAndTrailingBlanksAreForgiven() {
    assertEquals(2, LogicalLines.join("a \\\\\nb").size());
    assertEquals(List.of("a b"), LogicalLines.join("a \\   \nb").stream().map(LogicalLine::text).toList());
    assertEquals(List.of("last "), LogicalLines.join(List.of("last \\"), 1).stream().map(LogicalLine::text).toList());
    assertEquals(List.of("x", "y"), LogicalLines.join("x\r\ny").stream().map(LogicalLine::text).toList());
  }

  @Test
  void promptsAreStrippedOnlyBeforeCommands() {
    assertEquals(2, ShellPrompt.commandStart("# ifconfig carp0 create"));
    assertEquals(9, ShellPrompt.commandStart("rachael# ifconfig carp0 create"));
    assertEquals(6, ShellPrompt.commandStart("pris# sysctl -w net.inet.carp.preempt=1"));
    assertEquals(6, ShellPrompt.commandStart("    # sysctl -w net.inet.carp.allow=1"));
    assertEquals(12, ShellPrompt.commandStart("[root@fw1]# ucarp -h"));
    assertEquals(2, ShellPrompt.commandStart("$ sudo ifconfig carp0"));
    assertEquals(0, ShellPrompt.commandStart("#Configure CARP on the LAN side"));
    assertEquals(0, ShellPrompt.commandStart("ifconfig carp0 create"));
    assertEquals(0, ShellPrompt.commandStart("# the ifconfig man page"));
  }
}
