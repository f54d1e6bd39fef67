package org.carpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Scenario;
import org.junit.jupiter.api.Test;

/**
 * The configuration parser masks the passphrases of the line it reads; what only the whole scenario
 * knows is a passphrase given on one line and repeated on another, which is masked too.
 */
class PassphraseMaskingTest {

  private static final String HEAD = String.join("\n",
      "segment lan 10.0.0.0/24",
      "host a",
      "  nic em0 lan 10.0.0.2/24",
      "  ifconfig carp0 create",
      "  ifconfig carp0 vhid 1 pass hunter2-secret carpdev em0 10.0.0.1/24",
      "");

  @Test
  void aPassphraseRepeatedOnAnotherLineIsMaskedInThatLinesError() {
    ScenarioException e = assertThrows(ScenarioException.class,
        () -> ScenarioParser.parse("t.carp", HEAD + "  ifconfig carp0 hunter2-secret\nrun 1s\n"));
    assertEquals(List.of("t.carp:6:18: ifconfig: ********: bad value (not an option or an address)"),
        e.errors().stream().map(Diagnostic::toString).toList());
  }

  @Test
  void aPassphraseRepeatedInATimelineCommandIsMaskedToo() {
    ScenarioException e = assertThrows(ScenarioException.class,
        () -> ScenarioParser.parse("t.carp", HEAD + "at 5s a: ifconfig carp0 vhid hunter2-secret\nrun 10s\n"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertEquals(6, e.errors().get(0).line());
  }

  @Test
  void commentsAndUnmodelledRcConfVariablesShowNoPassphrase() {
    Scenario s = ScenarioParser.parse("t.carp", HEAD
        + "  sysctl -w net.inet.carp.log=1    # was: ifconfig carp0 pass old-secret-1\n"
        + "  carp_extra=\"vhid 9 pass old-secret-2\"\n"
        + "run 1s\n");
    String all = s.toString() + s.warnings();
    for (String secret : List.of("hunter2", "old-secret-1", "old-secret-2")) {
      assertFalse(all.contains(secret), () -> secret + " in " + all);
    }
    assertEquals("t.carp:7:3: warning: rc.conf: carp_extra is not modelled; ignored", s.warnings().get(0).toString());
  }
}
