package org.carpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Random damage to valid scenarios: the parser either accepts the result or refuses it with its own
 * {@link ScenarioException}, every diagnostic placed inside the file, never a passphrase.
 */
class ParserPropertiesTest {

  /** The language example and the built-in examples of the seeds (scenarios/examples). */
  private static final List<String> BASES = java.util.stream.Stream.concat(
      java.util.stream.Stream.of(Resources.text(Resources.EXAMPLE)),
      org.carpsim.scenario.examples.BuiltInExamples.all().stream().map(e -> e.text())).toList();
  private static final int KINDS = 7;
  private static final List<String> SECRETS =
      List.of("lanpasswd", "wanpasswd", "mekmitasdigoat", "testpass", "testpast", "tyrell", "bryant");
  private static final String[] WORDS = {"host", "nic", "at", "expect", "file", "end", "|", "\\", "#", "\"", ":",
      "vhid", "pass", "carpdev", "10s", "-1", "300", "99999999999999999999", "%", "..", "fw1.", ".em0", "\t", "  "};

  @Test
  void damagedScenariosAreAcceptedOrRefusedWithPlacedDiagnostics() {
    qt().withFixedSeed(20240611L).withExamples(3000)
        .forAll(integers().between(0, BASES.size() * KINDS - 1), integers().allPositive(), integers().allPositive(),
            strings().allPossible().ofLengthBetween(0, 6))
        .checkAssert((which, a, b, junk) -> check(mutate(BASES.get(which / KINDS), which % KINDS, a, b, junk)));
  }

  @Test
  void theUndamagedBasesAreAcceptedAndShowNoPassphrase() {
    for (String base : BASES) {
      check(base);
      String model = ScenarioParser.parse("base.carp", base).toString();
      for (String secret : SECRETS) {
        assertFalse(model.contains(secret), () -> secret + " in " + model);
      }
    }
  }

  /** Every origin text of a scenario: what reports print. */
  private static String shownTexts(Scenario s) {
    StringBuilder out = new StringBuilder();
    s.segments().forEach(x -> out.append(x.origin().text()).append('\n'));
    s.hosts().forEach(h -> {
      out.append(h.origin().text()).append('\n');
      h.nics().forEach(n -> out.append(n.origin().text()).append('\n'));
      h.configuration().forEach(c -> out.append(c.origin().text()).append('\n'));
    });
    s.clients().forEach(x -> out.append(x.origin().text()).append('\n'));
    s.timeline().forEach(x -> out.append(x.origin().text()).append('\n'));
    s.expectations().forEach(x -> out.append(x.text()).append('\n'));
    return out.toString();
  }

  /** One kind of damage at places chosen by {@code a} and {@code b}. */
  static String mutate(String text, int kind, int a, int b, String junk) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int i = a % lines.size();
    int j = b % lines.size();
    switch (kind) {
      case 0 -> lines.remove(i); // cut a line
      case 1 -> { // swap two words of a line
        String[] w = lines.get(i).split(" ", -1);
        int x = a % w.length;
        int y = b % w.length;
        String t = w[x];
        w[x] = w[y];
        w[y] = t;
        lines.set(i, String.join(" ", w));
      }
      case 2 -> { // random characters somewhere
        int at = b % (text.length() + 1);
        return text.substring(0, at) + junk + text.substring(at);
      }
      case 3 -> { // a word of the language, somewhere
        int at = b % (text.length() + 1);
        return text.substring(0, at) + WORDS[a % WORDS.length] + text.substring(at);
      }
      case 4 -> lines.add(j, lines.get(i)); // a duplicated line
      case 5 -> { // truncated
        return text.substring(0, b % (text.length() + 1));
      }
      default -> { // a line moved
        String l = lines.remove(i);
        lines.add(j % (lines.size() + 1), l);
      }
    }
    return String.join("\n", lines);
  }

  private static void check(String text) {
    String[] lines = text.split("\r?\n", -1);
    List<Diagnostic> diagnostics;
    try {
      Scenario s = ScenarioParser.parse("m.carp", text);
      diagnostics = s.warnings();
      String shown = shownTexts(s);
      for (String secret : SECRETS) {
        // damage can move a passphrase out of its place, where it is just a word
        assertFalse(shown.contains("pass " + secret), () -> "passphrase in the texts of:\n" + text);
      }
    } catch (ScenarioException e) {
      diagnostics = new ArrayList<>(e.errors());
      diagnostics.addAll(e.warnings());
      assertFalse(e.errors().isEmpty());
    } catch (RuntimeException e) {
      fail("the parser threw " + e + " for:\n" + text, e);
      return;
    }
    for (Diagnostic d : diagnostics) {
      assertTrue(d.line() >= 1 && d.line() <= lines.length, () -> d + " is not on a line of:\n" + text);
      int width = lines[d.line() - 1].length() + 1;
      assertTrue(d.column() >= 1 && d.column() <= width, () -> d + " is not on a column of its line in:\n" + text);
      assertFalse(d.message().contains("internal error"), () -> d + " for:\n" + text);
      String line = lines[d.line() - 1];
      for (String secret : SECRETS) {
        boolean isPassphraseThere = line.contains("pass " + secret) || line.contains("--pass=" + secret);
        assertFalse(isPassphraseThere && d.message().contains(secret), () -> d + " shows a passphrase");
      }
    }
  }
}
