package org.carpsim.carp.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A CARP passphrase as the kernel keeps it: the bytes that reach the key (at most 19; ifconfig's
 * strlcpy drops the rest). It never shows itself: {@link #toString()} is a mask, so records holding
 * one print safely. Only {@link #bytes()} reveals it, for key derivation.
 */
public final class Passphrase {

  /** No {@code pass}: an all-zero key, HMAC still computed (§2.1). */
  public static final Passphrase NONE = new Passphrase(new byte[0]);

  private static final String MASK = "********";

  private final byte[] bytes;

  private Passphrase(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The UTF-8 bytes of {@code text}, unchanged (callers truncate per profile first). */
  public static Passphrase of(String text) {
    return new Passphrase(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The first {@code max} bytes of {@code text} in UTF-8, as strlcpy into a {@code max+1}-byte key keeps them. */
  static Passphrase truncated(String text, int max) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new Passphrase(b.length <= max ? b : Arrays.copyOf(b, max));
  }

  /** A copy of the passphrase bytes (no NUL, no padding). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Number of bytes (at most 19 once truncated by a profile). */
  public int length() {
    return bytes.length;
  }

  /** True for no passphrase (an all-zero key). */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Passphrase && MessageDigest.isEqual(bytes, ((Passphrase) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Always a mask of fixed width; the length is not revealed either. */
  @Override
  public String toString() {
    return isEmpty() ? "(none)" : MASK;
  }
}
