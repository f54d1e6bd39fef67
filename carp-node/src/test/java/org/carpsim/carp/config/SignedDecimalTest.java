package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** {@link ParseContext#isSignedDecimal} accepts exactly what {@code [+-]?[0-9]+} matched. */
class SignedDecimalTest {

  @Test
  void sameAsTheRegex() {
    qt().withExamples(20_000).forAll(SourceDSL.strings().betweenCodePoints('&', '?').ofLengthBetween(0, 6))
        .checkAssert(t -> assertEquals(t.matches("[+-]?[0-9]+"), ParseContext.isSignedDecimal(t), t));
  }

  @Test
  void knownWords() {
    assertTrue(ParseContext.isSignedDecimal("-12"));
    assertTrue(ParseContext.isSignedDecimal("+0"));
    assertFalse(ParseContext.isSignedDecimal("+"));
    assertFalse(ParseContext.isSignedDecimal(""));
    assertFalse(ParseContext.isSignedDecimal("1e3"));
    assertFalse(ParseContext.isSignedDecimal("٣")); // an Arabic-Indic digit is not [0-9]
  }
}
