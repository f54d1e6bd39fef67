package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.carpsim.carp.profile.Profile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration line of the seeds parses, as written, under the profiles of its era. */
class SeedConfigLinesTest {

  static Stream<Arguments> entries() {
    List<Arguments> args = new ArrayList<>();
    for (SeedLines.Entry e : SeedLines.load()) {
      for (Profile p : e.profiles()) {
        args.add(Arguments.of(p.name(), e));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("entries")
  void parsesUnderItsEra(String profileName, SeedLines.Entry entry) {
    Profile p = entry.profiles().stream().filter(x -> x.name().equals(profileName)).findFirst().orElseThrow();
    ParsedLine parsed = assertDoesNotThrow(() -> entry.parse(p), () -> entry.toString());
    assertFalse(parsed.isEmpty(), "a configuration line must give at least one command: " + entry);
    assertFalse(parsed.redactedText().contains("mekmitasdigoat") || parsed.redactedText().contains("lanpasswd")
        || parsed.redactedText().contains("testpass"), "passphrases are redacted: " + parsed.redactedText());
    for (HostCommand c : parsed.commands()) {
      String s = c.toString();
      for (String secret : List.of("mekmitasdigoat", "lanpasswd", "wanpasswd", "testpast", "testpass", "tyrell",
          "bryant")) {
        assertFalse(s.contains(secret), "toString reveals a passphrase: " + s);
      }
    }
  }

  @Test
  void theDataCoversEverySeedDocument() {
    Map<String, Integer> perSource = new TreeMap<>();
    for (SeedLines.Entry e : SeedLines.load()) {
      perSource.merge(e.source(), 1, Integer::sum);
    }
    assertEquals(Map.of("article-carp-your-way-to-ha-2004.txt", 11, "carp.4-examples.txt", 18,
        "carp.4-manual.txt", 12, "freebsd-handbook-carp.txt", 16, "netbsd-guide-carp.txt", 16,
        "scenario-language.md", 9), perSource);
  }

  /** The test data is a verbatim copy: each physical line occurs in its document (when it is present). */
  @Test
  void everyLineOccursInItsDocument() throws IOException {
    Path shared = Path.of("/work/shared");
    Assumptions.assumeTrue(Files.isDirectory(shared.resolve("seeds")),
        "/work/shared/seeds is not on this machine; the copy in seed-config-lines.txt is checked where it is");
    for (SeedLines.Entry e : SeedLines.load()) {
      Path doc = e.source().endsWith(".md") ? shared.resolve("design").resolve(e.source())
          : shared.resolve("seeds").resolve(e.source());
      String text = Files.readString(doc);
      for (String l : e.physical()) {
        String probe = l.endsWith(" \\") && !text.contains(l) ? l.substring(0, l.length() - 2) : l;
        assertTrue(text.contains(probe), e.source() + " does not contain: " + probe);
      }
    }
  }
}
