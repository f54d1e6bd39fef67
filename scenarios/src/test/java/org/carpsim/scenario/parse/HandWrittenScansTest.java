package org.carpsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The scans written by hand to keep large scenario files off the regex engine give what the regular
 * expressions they replaced gave: physical lines ({@code split("\r?\n", -1)}), interface order
 * ({@code replaceAll("[0-9]+$", "")}) and carp interface names ({@code carp[0-9]+}).
 */
class HandWrittenScansTest {

  private static final String[] PIECES = {"\n", "\r", "\r\n", "\r\r\n", "a", "host g0h0", " ", "#", "é", "carp", "0",
      "12", "em", "_"};

  private static Gen<String> texts() {
    return SourceDSL.lists().of(SourceDSL.integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 10).map(ix -> {
      StringBuilder sb = new StringBuilder();
      ix.forEach(i -> sb.append(PIECES[i]));
      return sb.toString();
    });
  }

  @Test
  void physicalLinesAreTheRegexSplit() {
    qt().withExamples(20_000).forAll(texts())
        .checkAssert(t -> assertArrayEquals(t.split("\r?\n", -1), FileParser.physicalLines(t), t));
    assertArrayEquals(new String[] {"a", "b\r", "", "c"}, FileParser.physicalLines("a\r\nb\r\r\n\nc"));
    assertArrayEquals(new String[] {""}, FileParser.physicalLines(""));
    assertArrayEquals(new String[] {"x", ""}, FileParser.physicalLines("x\n"));
  }

  @Test
  void trailingDigitsAreThoseOfTheRegex() {
    qt().withExamples(5_000).forAll(texts().map(t -> t.replace("\n", "").replace("\r", ""))).checkAssert(
        t -> assertEquals(t.replaceAll("[0-9]+$", ""), HostDraft.withoutTrailingDigits(t), t));
    assertTrue(HostDraft.compareInterfaces("carp2", "carp10") < 0);
    assertTrue(HostDraft.compareInterfaces("em1", "carp0") > 0);
  }

  @Test
  void carpInterfaceNamesAreThoseOfTheRegex() {
    qt().withExamples(5_000).forAll(texts()).checkAssert(
        t -> assertEquals(t.matches("carp[0-9]+"), Values.isCarpInterface(t), t));
    assertTrue(Values.isCarpInterface("carp12"));
    assertFalse(Values.isCarpInterface("carp"));
    assertFalse(Values.isCarpInterface("carp1a"));
    assertFalse(Values.isCarpInterface("carp٣")); // not an ASCII digit
  }
}
