package org.carpsim.carp.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CarpKeyTest {

  @Test
  void bsdCopiesThePassphraseAndPadsWithZeros() {
    byte[] k = CarpKey.bsd("secret").bytes();
    assertEquals(20, k.length);
    assertArrayEquals("secret".getBytes(), Arrays.copyOf(k, 6));
    for (int i = 6; i < 20; i++) {
      assertEquals(0, k[i]);
    }
  }

  @Test
  void bsdSilentlyKeepsNineteenBytes() {
    byte[] k = CarpKey.bsd("0123456789abcdefghijKLMN").bytes();
    assertArrayEquals("0123456789abcdefghi".getBytes(), Arrays.copyOf(k, 19));
    assertEquals(0, k[19], "strlcpy always leaves the NUL");
    assertEquals(CarpKey.bsd("0123456789abcdefghi"), CarpKey.bsd("0123456789abcdefghij"));
  }

  @Test
  void ucarpRefusesTwentyCharactersAndTakesNineteen() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CarpKey.ucarp("0123456789abcdefghij"));
    assertTrue(e.getMessage().startsWith("Password too long"), e.getMessage());
    assertFalse(e.getMessage().contains("0123456789"), "the message never repeats the passphrase");
    assertEquals(CarpKey.bsd("0123456789abcdefghi"), CarpKey.ucarp("0123456789abcdefghi"));
  }

  @Test
  void noPassphraseIsTheZeroKey() {
    assertTrue(CarpKey.NONE.isNone());
    assertTrue(CarpKey.bsd("").isNone());
    assertTrue(CarpKey.ucarp("").isNone());
    assertArrayEquals(new byte[20], CarpKey.NONE.bytes());
    assertFalse(CarpKey.bsd("x").isNone());
  }

  @Test
  void aNulEndsThePassphraseAsInC() {
    assertEquals(CarpKey.bsd("ab"), CarpKey.bsd("ab\0cd"));
  }

  @Test
  void deriveFollowsTheScheme() {
    assertThrows(IllegalArgumentException.class, () -> CarpKey.derive(HmacScheme.UCARP, "x".repeat(20)));
    assertEquals(CarpKey.bsd("x".repeat(19)), CarpKey.derive(HmacScheme.OPENBSD, "x".repeat(20)));
  }

  @Test
  void toStringNeverShowsThePassphrase() {
    assertEquals("CarpKey[set]", CarpKey.bsd("hunter2").toString());
    assertEquals("CarpKey[none]", CarpKey.NONE.toString());
    assertNotEquals(CarpKey.bsd("a"), CarpKey.bsd("b"));
  }

  @Test
  void bytesAreACopy() {
    CarpKey k = CarpKey.bsd("secret");
    k.bytes()[0] = 0;
    assertEquals('s', k.bytes()[0]);
  }
}
