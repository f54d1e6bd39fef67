package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.Set;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * A passphrase never leaves the configuration parser: not in an error, not in a warning, not in the
 * redacted text — also where the parser does not read it as a passphrase (a comment, an rc.conf
 * variable it does not model, a whole command quoted into one word, a damaged line).
 */
class PassphraseLeaksTest {

  private static final ConfigParser OPENBSD = ConfigParser.forProfile(Profiles.OPENBSD);
  private static final ConfigParser FREEBSD_6 = ConfigParser.forProfile(Profiles.FREEBSD_6);
  private static final String SECRET = "hunter2-secret";

  private static ConfigException error(ConfigParser p, String line) {
    return assertThrows(ConfigException.class, () -> p.parseCommandLine(line));
  }

  @Test
  void aWholeCommandInQuotesIsAnUnknownCommandWithItsPassphraseMasked() {
    ConfigException e = error(OPENBSD, "\"ifconfig carp4 vhid 5 pass " + SECRET + "\"");
    assertEquals("unknown command 'ifconfig carp4 vhid 5 pass ********' (host commands: ifconfig, sysctl, ucarp, "
        + "and rc.conf assignments NAME=\"value\"); did you mean ifconfig?", e.detail());
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void aPassphraseInACommentIsMaskedInTheRedactedText() {
    ParsedLine p = OPENBSD.parseCommandLine("sysctl -w net.inet.carp.preempt=1   # was: ifconfig carp0 pass " + SECRET);
    assertEquals("sysctl -w net.inet.carp.preempt=1   # was: ifconfig carp0 pass ********", p.redactedText());
    ParsedLine rc = FREEBSD_6.parseRcConfLine("# ifconfig_carp0=\"vhid 1 pass " + SECRET + " 10.0.0.1/24\"");
    assertEquals("# ifconfig_carp0=\"vhid 1 pass ******** 10.0.0.1/24\"", rc.redactedText());
  }

  @Test
  void anUnmodelledRcConfVariableHasItsPassphraseMasked() {
    for (ParsedLine p : List.of(FREEBSD_6.parseCommandLine("carp_extra_options=\"vhid 9 pass " + SECRET + "\""),
        FREEBSD_6.parseRcConfLine("carp_extra_options=\"vhid 9 pass " + SECRET + "\""))) {
      assertEquals("carp_extra_options=\"vhid 9 pass ********\"", p.redactedText());
      assertEquals(List.of("rc.conf: carp_extra_options is not modelled; ignored"),
          p.warnings().stream().map(ConfigWarning::message).toList());
    }
  }

  @Test
  void aPassphraseRepeatedElsewhereOnTheLineIsMaskedThereToo() {
    ParsedLine p = OPENBSD.parseCommandLine("ifconfig carp0 description " + SECRET + " vhid 1 pass " + SECRET);
    assertEquals("ifconfig carp0 description ******** vhid 1 pass ********", p.redactedText());
    ConfigException e = error(OPENBSD, "ifconfig carp0 vhid 1 pass " + SECRET + " " + SECRET + "x");
    assertFalse(e.detail().contains("hunter2-secret "), e.detail());
  }

  @Test
  void aDamagedOptionDoesNotShowThePassphraseThatFollowsIt() {
    // "pass" misspelled: the passphrase is an unknown word now, and only the "pass=" form gives it away
    ConfigException e = error(OPENBSD, "ifconfig carp0 vhid 1 --pass=" + SECRET + " 10.0.0.1/24");
    assertFalse(e.detail().contains("hunter2"), e.detail());
    assertTrue(e.detail().contains("********"), e.detail());
  }

  @Test
  void aPassphraseOnOneLineOfAFileIsMaskedInAnotherLinesError() {
    ConfigException e = assertThrows(ConfigException.class, () -> OPENBSD.parseFile("/etc/hostname.carp0",
        "inet 10.0.0.1 255.255.255.0 NONE vhid 1 pass " + SECRET + "\n" + SECRET + "\n"));
    assertEquals("/etc/hostname.carp0:2:1: ifconfig: ********: bad value (not an option or an address)",
        e.getMessage());
  }

  @Test
  void ucarpShortAndLongFormsAreMaskedInErrorsToo() {
    Profile ucarp = Profiles.UCARP;
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.forProfile(ucarp)
        .parseCommandLine("ucarp -i eth0 -s 10.0.0.2 -v 1 -p " + SECRET + " -a " + SECRET));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("--addr"), e.getMessage());
  }

  @Test
  void secretsAreFoundAfterEveryPassWord() {
    assertEquals(Set.of("a", "b c", "d", "e", "f", "g"),
        Secrets.find("pass a; password \"b c\"; -p d --pass=e ifconfig_x='pass f' --passfile=/etc/p -P --pass= g"));
    assertEquals("x ******** y", Secrets.mask("x hunter2 y", Set.of("hunter2")));
    assertEquals("hunter22 ********", Secrets.mask("hunter22 hunter2", Set.of("hunter2")),
        "only whole words are masked");
  }

  /** Any line with a passphrase, damaged any way, shows the passphrase nowhere. */
  @Test
  void noDamageMakesThePassphraseAppear() {
    String[] lines = {
        "ifconfig carp0 vhid 1 pass %s 192.168.1.1 netmask 255.255.255.0",
        "ifconfig carp0 vhid 1 advskew 100 pass %s carpdev em0 10.0.0.1 255.255.255.0",
        "ifconfig_carp0=\"vhid 1 pass %s 192.168.1.50/24\"",
        "ucarp --interface=eth0 --srcip=10.0.0.2 --vhid=1 --pass=%s --addr=10.0.0.100",
    };
    Gen<String> secrets = SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(6, 12).map(s -> "Q" + s);
    qt().withFixedSeed(Long.getLong("leaks.seed", 20251123L)).withExamples(Integer.getInteger("leaks.examples", 3000))
        .forAll(SourceDSL.integers().between(0, lines.length - 1), secrets,
        SourceDSL.integers().between(0, 5), SourceDSL.integers().between(0, 200))
        .checkAssert((which, secret, damage, at) -> {
          String line = damage(String.format(lines[which], secret), damage, at);
          for (Profile profile : List.of(Profiles.OPENBSD, Profiles.OPENBSD_3_5, Profiles.FREEBSD_6, Profiles.UCARP)) {
            try {
              ParsedLine p = ConfigParser.forProfile(profile).parseCommandLine(line);
              assertFalse(p.redactedText().contains(secret), () -> p.redactedText() + " of " + line);
              p.warnings().forEach(w -> assertFalse(w.message().contains(secret), () -> w + " of " + line));
            } catch (ConfigException e) {
              assertFalse(e.getMessage().contains(secret), () -> e.getMessage() + " of " + line);
            }
          }
        });
  }

  private static String damage(String line, int how, int at) {
    int i = at % (line.length() + 1);
    return switch (how) {
      case 0 -> "\"" + line + "\"";                                  // quoted into one word
      case 1 -> "sysctl -w net.inet.carp.log=1 # " + line;           // commented out
      case 2 -> line.substring(0, i) + " " + line.substring(i);      // a blank somewhere
      case 3 -> line.substring(0, i) + "\"" + line.substring(i);     // a stray quote
      case 4 -> line.replace("pass", "pas");                          // a misspelled option…
      default -> line.substring(0, i);                               // truncated
    };
  }
}
