package org.carpsim.carp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestWordTest {

  private static final List<String> WORDS = List.of("vhid", "advbase", "advskew", "pass", "carpdev", "state");

  @Test
  void typosAreMatched() {
    assertEquals(Optional.of("advskew"), NearestWord.among("advksew", WORDS), "swap");
    assertEquals(Optional.of("advskew"), NearestWord.among("advsekw", WORDS));
    assertEquals(Optional.of("carpdev"), NearestWord.among("carpdv", WORDS), "deletion");
    assertEquals(Optional.of("vhid"), NearestWord.among("VHID", WORDS), "case");
    assertEquals(Optional.of("pass"), NearestWord.among("password", WORDS), "longer spelling");
  }

  @Test
  void farWordsAreNot() {
    assertEquals(Optional.empty(), NearestWord.among("netmask", WORDS));
    assertEquals(Optional.empty(), NearestWord.among("up", WORDS), "short words need a near match");
    assertEquals(Optional.empty(), NearestWord.among("x", List.of()));
  }
}
