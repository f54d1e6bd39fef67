package org.carpsim.carp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The 20-byte key a CARP implementation derives from its passphrase (carp-protocol.md §2.1): the
 * passphrase bytes copied, not hashed, NUL-terminated and zero-padded; no passphrase gives the
 * all-zero key (the HMAC is still computed). Because HMAC pads its key with zeros itself, this is
 * exactly HMAC-SHA1 keyed with the passphrase bytes.
 *
 * <p>{@link #toString()} never shows the passphrase or its length.
 */
public final class CarpKey {

  /** Size of the key buffer in every implementation ({@code carpr_key}, {@code sc_key}). */
  public static final int SIZE = 20;
  /** The longest passphrase that fits beside its terminating NUL. */
  public static final int MAX_PASSPHRASE_BYTES = SIZE - 1;

  /** No passphrase: twenty zero bytes. */
  public static final CarpKey NONE = new CarpKey(new byte[SIZE]);

  private final byte[] key;

  private CarpKey(byte[] key) {
    this.key = key;
  }

  /**
   * The key ifconfig makes on OpenBSD, FreeBSD and NetBSD: {@code strlcpy} into 20 bytes, so a
   * passphrase is silently cut to its first 19 bytes (UTF-8), and stops at a NUL character as C
   * strings do. An empty passphrase gives {@link #NONE}.
   */
  public static CarpKey bsd(String passphrase) {
    byte[] pass = cString(passphrase);
    byte[] k = new byte[SIZE];
    System.arraycopy(pass, 0, k, 0, Math.min(pass.length, MAX_PASSPHRASE_BYTES));
    return new CarpKey(k);
  }

  /**
   * The key ucarp makes from {@code --pass}: the passphrase and its NUL, zero-padded to 20 bytes.
   *
   * @throws IllegalArgumentException "Password too long" for 20 bytes or more, as ucarp refuses
   *     them; the message does not repeat the passphrase
   */
  public static CarpKey ucarp(String passphrase) {
    byte[] pass = cString(passphrase);
    if (pass.length > MAX_PASSPHRASE_BYTES) {
      throw new IllegalArgumentException("Password too long (ucarp accepts at most "
          + MAX_PASSPHRASE_BYTES + " characters, got " + pass.length + ")");
    }
    byte[] k = new byte[SIZE];
    System.arraycopy(pass, 0, k, 0, pass.length);
    return new CarpKey(k);
  }

  /**
   * The key from passphrase bytes as ifconfig hands them to the kernel (already cut to at most 19
   * bytes by the parser, {@code Passphrase#bytes()}): copied, zero-padded to 20 bytes. Longer input
   * is cut to 19 bytes as {@code strlcpy} would; an empty array gives {@link #NONE}. The same bytes
   * make ucarp's key (its NUL is one of the padding zeros).
   */
  public static CarpKey fromPassphraseBytes(byte[] passphrase) {
    byte[] k = new byte[SIZE];
    System.arraycopy(passphrase, 0, k, 0, Math.min(passphrase.length, MAX_PASSPHRASE_BYTES));
    return new CarpKey(k);
  }

  /** The key the implementation behind {@code scheme} derives: {@link #ucarp} or {@link #bsd}. */
  public static CarpKey derive(HmacScheme scheme, String passphrase) {
    return scheme == HmacScheme.UCARP ? ucarp(passphrase) : bsd(passphrase);
  }

  private static byte[] cString(String passphrase) {
    int nul = passphrase.indexOf('\0');
    String s = nul < 0 ? passphrase : passphrase.substring(0, nul);
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** True for the all-zero key (no passphrase). */
  public boolean isNone() {
    return MessageDigest.isEqual(key, NONE.key);
  }

  /**
   * A copy of the 20 key bytes, for the HMAC and for the ARP-balancing hash (§7.2), which mixes in
   * the first four key bytes. Never log it.
   */
  public byte[] bytes() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CarpKey k && MessageDigest.isEqual(key, k.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  /** "CarpKey[none]" or "CarpKey[set]": never the passphrase. */
  @Override
  public String toString() {
    return isNone() ? "CarpKey[none]" : "CarpKey[set]";
  }
}
