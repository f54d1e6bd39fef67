package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PassphraseTest {

  @Test
  void neverShowsItself() {
    Passphrase p = Passphrase.of("mekmitasdigoat");
    assertEquals("********", p.toString());
    assertEquals("Pass[pass=********]", new IfSetting.Pass(p).toString());
    assertEquals("(none)", Passphrase.NONE.toString());
  }

  @Test
  void bytesAreACopyAndEqualityIsByContent() {
    Passphrase p = Passphrase.of("secret");
    byte[] b = p.bytes();
    b[0] = 'X';
    assertArrayEquals("secret".getBytes(StandardCharsets.US_ASCII), p.bytes());
    assertEquals(Passphrase.of("secret"), p);
    assertNotEquals(Passphrase.of("secreT"), p);
    assertEquals(Passphrase.of("secret").hashCode(), p.hashCode());
  }

  @Test
  void truncationKeepsNineteenBytesAsStrlcpy() {
    assertEquals(19, Passphrase.truncated("0123456789012345678901234", 19).length());
    assertEquals(Passphrase.of("short"), Passphrase.truncated("short", 19));
  }
}
