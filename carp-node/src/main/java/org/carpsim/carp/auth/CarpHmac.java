package org.carpsim.carp.auth;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;

/**
 * The SHA-1 HMAC of one virtual host, prepared once per (key, vhid, addresses, lladdr) as the
 * kernels do it (carp-protocol.md §2): the message is
 * {@code 02 01 [lladdr] vhid V4* V6* counter8}, and everything before the counter is hashed in
 * advance, so computing or verifying an advertisement's HMAC costs two SHA-1 finishes.
 *
 * <p>What goes into V4* and V6* depends on the {@link HmacScheme}: sorted and de-duplicated by the
 * kernels' "next greater address" scan (which can never emit 0.0.0.0, 255.255.255.255, :: or
 * ffff:...:ffff), or in interface order; scoped IPv6 addresses (link-local, and link- or
 * interface-local multicast) with their scope bytes 2..3 zeroed, or omitted. OpenBSD sends with the
 * context that omits scoped IPv6 addresses and accepts either context on receipt.
 *
 * <p>Immutable and safe to share between threads: every computation works on clones of the
 * prepared SHA-1 states.
 */
public final class CarpHmac {

  /** Length of the HMAC-SHA1 digest carried in bytes 16..35 of the CARP header. */
  public static final int LENGTH = 20;

  private static final int BLOCK = 64;

  private final HmacScheme scheme;
  /** SHA-1 states after {@code ipad ‖ prefix}: [0] the sending context, [1] the other one if any. */
  private final MessageDigest[] inner;
  /** SHA-1 state after {@code opad}. */
  private final MessageDigest outer;
  /** The message prefixes (everything but the counter), for {@link #message}. */
  private final byte[][] prefixes;

  private CarpHmac(HmacScheme scheme, CarpKey key, List<byte[]> contextPrefixes) {
    this.scheme = scheme;
    byte[] k = key.bytes();
    byte[] ipad = new byte[BLOCK];
    byte[] opad = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      ipad[i] = (byte) (b ^ 0x36);
      opad[i] = (byte) (b ^ 0x5c);
    }
    this.prefixes = contextPrefixes.toArray(new byte[0][]);
    this.inner = new MessageDigest[prefixes.length];
    for (int c = 0; c < prefixes.length; c++) {
      MessageDigest md = sha1();
      md.update(ipad);
      md.update(prefixes[c]);
      inner[c] = md;
    }
    this.outer = sha1();
    outer.update(opad);
  }

  /**
   * Prepares the HMAC of one virtual host.
   *
   * @param scheme whose rules pick and order the addresses
   * @param key the derived key ({@link CarpKey#NONE} without a passphrase)
   * @param vhid 1..255 (0 is accepted: the kernels hash whatever byte they hold)
   * @param ipv4 the IPv4 addresses of the carp interface (FreeBSD: of the vhid) in interface order
   * @param ipv6 the IPv6 addresses in interface order
   * @param hashedLladdr OpenBSD only: the lladdr to hash, or {@code null}; see {@link
   *     #lladdrToHash}. Ignored by the other schemes, which never hash a MAC.
   * @throws IllegalArgumentException for UCARP unless there is exactly one IPv4 address and no
   *     IPv6 address (ucarp hashes its single {@code --addr})
   */
  public static CarpHmac prepare(
      HmacScheme scheme, CarpKey key, int vhid, List<Ipv4Address> ipv4, List<Ipv6Address> ipv6, MacAddress hashedLladdr) {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(key, "key");
    if (vhid < 0 || vhid > 255) {
      throw new IllegalArgumentException("vhid " + vhid + " is out of range 0..255");
    }
    List<byte[]> contexts = new ArrayList<>(2);
    switch (scheme) {
      case OPENBSD: {
        byte[] v4 = sortedScanV4(ipv4);
        // HMAC_NOV6LL (sending, tried first) and HMAC_ORIG (scoped addresses with zeroed scope).
        byte[] noScoped = sortedScanV6(ipv6, false);
        byte[] withScoped = sortedScanV6(ipv6, true);
        contexts.add(prefix(hashedLladdr, vhid, v4, noScoped));
        if (!java.util.Arrays.equals(noScoped, withScoped)) {
          contexts.add(prefix(hashedLladdr, vhid, v4, withScoped));
        }
        break;
      }
      case INTERFACE_ORDER:
        contexts.add(prefix(null, vhid, inOrderV4(ipv4), inOrderV6(ipv6)));
        break;
      case SORTED:
        contexts.add(prefix(null, vhid, sortedScanV4(ipv4), sortedScanV6(ipv6, true)));
        break;
      case UCARP:
        if (ipv4.size() != 1 || !ipv6.isEmpty()) {
          throw new IllegalArgumentException("ucarp hashes exactly one IPv4 address (--addr); got "
              + ipv4.size() + " IPv4 and " + ipv6.size() + " IPv6 address(es)");
        }
        contexts.add(prefix(null, vhid, ipv4.get(0).toBytes(), new byte[0]));
        break;
      default:
        throw new AssertionError(scheme);
    }
    return new CarpHmac(scheme, key, contexts);
  }

  /**
   * OpenBSD's rule for the lladdr in the HMAC (§2.2): only the leader vhost hashes it, and only
   * when the carp interface's lladdr is neither the virtual MAC 00:00:5e:00:01:vhid nor the parent
   * interface's own MAC.
   *
   * @return the MAC to pass to {@link #prepare}, or {@code null} when none is hashed
   */
  public static MacAddress lladdrToHash(boolean leader, MacAddress carpLladdr, int vhid, MacAddress parentMac) {
    if (!leader || carpLladdr.equals(MacAddress.carpVirtual(vhid)) || carpLladdr.equals(parentMac)) {
      return null;
    }
    return carpLladdr;
  }

  /**
   * OpenBSD's ARP-balancing key {@code sc_hashkey} (§2.2, §7.2): the first four 32-bit words of
   * SHA1(ipad ‖ 02 01), read in little-endian (amd64) order, XORed pairwise.
   *
   * @return {@code {w0 ^ w1, w2 ^ w3}}
   */
  public static int[] balancingHashKey(CarpKey key) {
    byte[] k = key.bytes();
    MessageDigest md = sha1();
    for (int i = 0; i < BLOCK; i++) {
      md.update((byte) ((i < k.length ? k[i] : 0) ^ 0x36));
    }
    md.update((byte) 2);
    md.update((byte) 1);
    byte[] d = md.digest();
    int[] w = new int[4];
    for (int i = 0; i < 4; i++) {
      w[i] = (d[4 * i] & 0xff) | (d[4 * i + 1] & 0xff) << 8 | (d[4 * i + 2] & 0xff) << 16 | (d[4 * i + 3] & 0xff) << 24;
    }
    return new int[] {w[0] ^ w[1], w[2] ^ w[3]};
  }

  public HmacScheme scheme() {
    return scheme;
  }

  /** The HMAC to send with {@code counter} (8 bytes big-endian, as on the wire). */
  public byte[] compute(long counter) {
    return compute(0, counter);
  }

  /** Writes the HMAC to send with {@code counter} into {@code out} at {@code offset}. */
  public void compute(long counter, byte[] out, int offset) {
    System.arraycopy(compute(counter), 0, out, offset, LENGTH);
  }

  /**
   * True when {@code received} (20 bytes) is the HMAC of {@code counter} in any accepted context;
   * each comparison is constant-time ({@link MessageDigest#isEqual}).
   */
  public boolean verify(long counter, byte[] received) {
    if (received.length != LENGTH) {
      return false;
    }
    for (int c = 0; c < inner.length; c++) {
      if (MessageDigest.isEqual(compute(c, counter), received)) {
        return true;
      }
    }
    return false;
  }

  /** The whole message hashed when sending with {@code counter}, for tests and diagnostics. */
  public byte[] message(long counter) {
    byte[] p = prefixes[0];
    byte[] m = java.util.Arrays.copyOf(p, p.length + 8);
    writeCounter(counter, m, p.length);
    return m;
  }

  private byte[] compute(int context, long counter) {
    MessageDigest in = copy(inner[context]);
    byte[] c = new byte[8];
    writeCounter(counter, c, 0);
    in.update(c);
    byte[] innerHash = in.digest();
    MessageDigest out = copy(outer);
    out.update(innerHash);
    return out.digest();
  }

  private static void writeCounter(long counter, byte[] out, int offset) {
    for (int i = 0; i < 8; i++) {
      out[offset + i] = (byte) (counter >>> (56 - 8 * i));
    }
  }

  private static byte[] prefix(MacAddress lladdr, int vhid, byte[] v4, byte[] v6) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    b.write(2); // CARP_VERSION, hashed as its own byte
    b.write(1); // CARP_ADVERTISEMENT
    if (lladdr != null) {
      b.writeBytes(lladdr.toBytes());
    }
    b.write(vhid);
    b.writeBytes(v4);
    b.writeBytes(v6);
    return b.toByteArray();
  }

  /** The kernels' "smallest address greater than the last one" scan: sorted, distinct, no 0 or ~0. */
  private static byte[] sortedScanV4(List<Ipv4Address> addresses) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    addresses.stream()
        .filter(a -> a.value() != 0 && a.value() != -1)
        .distinct()
        .sorted()
        .forEach(a -> b.writeBytes(a.toBytes()));
    return b.toByteArray();
  }

  private static byte[] sortedScanV6(List<Ipv6Address> addresses, boolean includeScoped) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    addresses.stream()
        .filter(a -> includeScoped || !isScopeEmbedded(a))
        .map(CarpHmac::scopeZeroed)
        .filter(a -> !(a.hi() == 0 && a.lo() == 0) && !(a.hi() == -1 && a.lo() == -1))
        .distinct()
        .sorted()
        .forEach(a -> b.writeBytes(a.toBytes()));
    return b.toByteArray();
  }

  private static byte[] inOrderV4(List<Ipv4Address> addresses) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    addresses.forEach(a -> b.writeBytes(a.toBytes()));
    return b.toByteArray();
  }

  private static byte[] inOrderV6(List<Ipv6Address> addresses) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    addresses.forEach(a -> b.writeBytes(scopeZeroed(a).toBytes()));
    return b.toByteArray();
  }

  /**
   * The kernels' IN6_IS_SCOPE_EMBED: link-local unicast (fe80::/10) and link-local (ff02) or
   * interface-local (ff01) multicast, whose bytes 2..3 hold the scope id inside BSD kernels.
   */
  static boolean isScopeEmbedded(Ipv6Address a) {
    int top16 = (int) (a.hi() >>> 48);
    return a.isLinkLocal() || (top16 & 0xff0f) == 0xff02 || (top16 & 0xff0f) == 0xff01;
  }

  private static Ipv6Address scopeZeroed(Ipv6Address a) {
    return isScopeEmbedded(a) ? new Ipv6Address(a.hi() & 0xffff_0000_ffff_ffffL, a.lo()) : a;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-1", e);
    }
  }

  private static MessageDigest copy(MessageDigest prepared) {
    try {
      return (MessageDigest) prepared.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-1 is cloneable", e);
    }
  }

  @Override
  public String toString() {
    return "CarpHmac[" + scheme + ", " + inner.length + " context(s)]";
  }
}
