package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/**
 * The seeds' carp(4) page renders its examples with several prompted commands collapsed onto one line
 * and the continuation backslashes left in the middle; {@link ShellPrompt#commands} takes them apart.
 */
class CollapsedTranscriptTest {

  private static final String MANUAL_A = "# ifconfig carp0 create # ifconfig carp0 vhid 1 pass mekmitasdigoat "
      + "192.168.1.1 \\ netmask 255.255.255.0 # ifconfig carp1 create # ifconfig carp1 vhid 2 pass mekmitasdigoat "
      + "192.168.2.1 \\ netmask 255.255.255.0";

  private static List<String> texts(List<LogicalLine> lines) {
    return lines.stream().map(LogicalLine::text).toList();
  }

  @Test
  void theManualsCollapsedLineIsFourCommands() {
    List<LogicalLine> cmds = ShellPrompt.commands(LogicalLine.of(MANUAL_A, 7));
    assertEquals(List.of(
        "ifconfig carp0 create",
        "ifconfig carp0 vhid 1 pass mekmitasdigoat 192.168.1.1  netmask 255.255.255.0",
        "ifconfig carp1 create",
        "ifconfig carp1 vhid 2 pass mekmitasdigoat 192.168.2.1  netmask 255.255.255.0"), texts(cmds));
    // every character keeps its column in the physical line
    LogicalLine second = cmds.get(1);
    int netmask = second.text().indexOf("netmask");
    assertEquals(new SourcePosition(7, MANUAL_A.indexOf("netmask 255.255.255.0 #") + 1), second.position(netmask));
    assertEquals(new SourcePosition(7, MANUAL_A.indexOf("ifconfig carp0 vhid") + 1), second.position(0));
  }

  @Test
  void theCommandsParseAsTheCleanExamplesWithoutWarnings() {
    ConfigParser p = ConfigParser.forProfile(Profiles.OPENBSD_3_5);
    List<LogicalLine> cmds = ShellPrompt.commands(LogicalLine.of(MANUAL_A, 1));
    ParsedLine collapsed = p.parseCommandLine(cmds.get(1).text());
    ParsedLine clean = p.parseCommandLine("ifconfig carp0 vhid 1 pass mekmitasdigoat 192.168.1.1 netmask 255.255.255.0");
    assertEquals(clean.commands(), collapsed.commands());
    assertEquals(List.of(), collapsed.warnings(), "the lost line break is a continuation, not a stray backslash");
  }

  @Test
  void anErrorInTheThirdCommandPointsAtItsColumn() {
    String line = "# ifconfig carp0 create # ifconfig carp0 vhid 300 pass x 10.0.0.1/24";
    LogicalLine cmd = ShellPrompt.commands(LogicalLine.of(line, 3)).get(1);
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigParser.forProfile(Profiles.OPENBSD_3_5).parseCommandLine(cmd.text()));
    assertEquals("m.carp:3:" + (line.indexOf("300") + 1) + ": ifconfig: vhid 300: too large (range 1..255)",
        e.at("m.carp", cmd).getMessage());
  }

  @Test
  void aSinglePromptIsOneCommandAndItsStrayBackslashStaysForTheTokenizer() {
    assertEquals(List.of("ifconfig carp0 vhid 1 pass x \\ 10.0.0.1/24"),
        texts(ShellPrompt.commands(LogicalLine.of("  # ifconfig carp0 vhid 1 pass x \\ 10.0.0.1/24", 1))));
    assertEquals(List.of("sysctl -w net.inet.carp.preempt=1"),
        texts(ShellPrompt.commands(LogicalLine.of("fw1# sysctl -w net.inet.carp.preempt=1", 1))));
  }

  @Test
  void withoutALeadingPromptNothingIsSplit() {
    assertEquals(List.of(), ShellPrompt.commands(LogicalLine.of("ifconfig carp0 down # ifconfig carp0 up", 1)));
    assertEquals(List.of(), ShellPrompt.commands(LogicalLine.of("#Configure CARP # ifconfig carp0 up", 1)));
  }

  @Test
  void aCommandWithATrailingCommentIsNotTakenForAPrompt() {
    // a prompt has blanks only inside brackets: "ifconfig carp0 down # " is a command and its comment
    assertEquals(0, ShellPrompt.commandStart("ifconfig carp0 down # ifconfig carp0 up"));
    assertEquals(0, ShellPrompt.commandStart("  sysctl -w net.inet.carp.preempt=1 # sysctl -w net.inet.carp.log=1"));
    assertEquals(14, ShellPrompt.commandStart("[root@fw1 ~]# ifconfig carp0"));
    assertEquals(14, ShellPrompt.commandStart("root@fw1:~/x# ifconfig carp0"));
  }

  @Test
  void commentsThatAreNotPromptsStayComments() {
    // "#ifconfig" (no blank) and "# Configure" (no command word) are not prompts
    assertEquals(List.of("ifconfig carp0 down #ifconfig carp0 up # Configure later"),
        texts(ShellPrompt.commands(LogicalLine.of("# ifconfig carp0 down #ifconfig carp0 up # Configure later", 1))));
  }

  @Test
  void quotedHashesAndBackslashesAreLeftAlone() {
    assertEquals(List.of("ifconfig carp0 pass 'a # ifconfig b \\ c' 10.0.0.1/24", "ifconfig carp0 up"),
        texts(ShellPrompt.commands(LogicalLine.of("# ifconfig carp0 pass 'a # ifconfig b \\ c' 10.0.0.1/24 "
            + "# ifconfig carp0 up", 1))));
  }

  @Test
  void aBrokenSysctlIsJoinedWithItsName() {
    LogicalLine a = LogicalLine.of("sysctl -w", 4);
    LogicalLine b = LogicalLine.of("net.inet.carp.preempt=1", 5);
    LogicalLine joined = a.append(" ", b);
    assertEquals("sysctl -w net.inet.carp.preempt=1", joined.text());
    assertEquals(new SourcePosition(5, 1), joined.position(joined.text().indexOf("net.")));
    assertEquals(new SourcePosition(4, 10), joined.position(9), "the separator sits where the first line ends");
    assertEquals(new SourcePosition(5, 24), joined.position(joined.text().length()));
    assertEquals(new HostCommand.SysctlSet("net.inet.carp.preempt", 1),
        ConfigParser.forProfile(Profiles.NETBSD).parseCommandLine(joined.text()).commands().get(0));
  }
}
