package org.carpsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario text made safe to print. */
class ScenarioTextTest {

  @Test
  void masksEveryPassphraseWhereverItStands() {
    String text = """
        host a
          ifconfig carp0 vhid 1 pass lanpasswd 10.0.0.1
          ifconfig_carp1="vhid 2 pass 'two words' 10.0.0.2/24"
          ucarp -i em0 -s 10.0.0.3 -v 3 -p sec3 -a 10.0.0.9
          inet 192.0.2.101 255.255.255.0 192.0.2.255 vhid 3 pass x
        # lanpasswd again in a comment, and a box named x
        """;
    String expected = """
        host a
          ifconfig carp0 vhid 1 pass ******** 10.0.0.1
          ifconfig_carp1="vhid 2 pass '********' 10.0.0.2/24"
          ucarp -i em0 -s 10.0.0.3 -v 3 -p ******** -a 10.0.0.9
          inet 192.0.2.101 255.255.255.0 192.0.2.255 vhid 3 pass ********
        # ******** again in a comment, and a box named x
        """;
    assertEquals(expected, ScenarioText.redact(text));
  }

  @Test
  void elsewhereInTheFileItMasksAsSecretsMaskDoes() {
    StringBuilder b = new StringBuilder();
    List<String> secrets = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      secrets.add("g" + i + "pw");
      b.append("# group ").append(i).append(" uses g").append(i).append("pw (not xg").append(i).append("pw)\n");
    }
    String text = b.toString();
    assertEquals(org.carpsim.carp.config.Secrets.mask(text, secrets), ScenarioText.maskWords(text, secrets, 3));
    assertEquals("# group 7 uses ******** (not xg7pw)", ScenarioText.maskWords(text, secrets, 3).split("\n")[7]);
  }

  @Test
  void textWithoutPassphrasesIsUnchanged() {
    String text = "scenario \"<b>\"\nrun 10s\n";
    assertEquals(text, ScenarioText.redact(text));
  }
}
