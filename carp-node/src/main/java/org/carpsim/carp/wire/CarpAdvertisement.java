package org.carpsim.carp.wire;

import org.carpsim.carp.auth.InternetChecksum;

/**
 * The 36-byte CARP header (carp-protocol.md §1.3), field by field as on the wire. A decoded
 * advertisement keeps the checksum it arrived with, so a packet with a bad checksum still decodes
 * and says {@link #checksumOk()} {@code == false}; encoding writes every field as it is, which
 * also lets a tester send deliberately wrong packets. {@link #create} builds a correct one.
 *
 * @param version high nibble of byte 0: 2 (anything else is counted badver by a receiver)
 * @param type low nibble of byte 0: 1, advertisement (never checked by receivers)
 * @param vhid virtual host id
 * @param advskew skew in 1/256 s; 255 only in a bow-out
 * @param authLength 7 (counter + HMAC in 32-bit words; never checked by receivers)
 * @param demote OpenBSD's demotion count; "pad1", sent as 0, in older and other implementations
 * @param advbase advertisement base interval in seconds
 * @param checksum Internet checksum over exactly these 36 bytes
 * @param counter the 8 counter bytes as a big-endian long (word 0 is the high half)
 * @param hmac the 20-byte SHA-1 HMAC
 */
public record CarpAdvertisement(
    int version,
    int type,
    int vhid,
    int advskew,
    int authLength,
    int demote,
    int advbase,
    int checksum,
    long counter,
    Octets hmac)
    implements IpPayload {

  /** Bytes of the CARP header; receivers accept longer payloads and ignore the rest. */
  public static final int LENGTH = 36;
  /** {@code CARP_VERSION}. */
  public static final int VERSION = 2;
  /** {@code CARP_ADVERTISEMENT}. */
  public static final int TYPE_ADVERTISEMENT = 1;
  /** Counter and HMAC in 32-bit words. */
  public static final int AUTH_LENGTH = 7;
  /** advbase and advskew of a bow-out advertisement (§4.3). */
  public static final int BOW_OUT = 255;

  public CarpAdvertisement {
    Check.range("CARP version", version, 0, 15);
    Check.range("CARP type", type, 0, 15);
    Check.u8("vhid", vhid);
    Check.u8("advskew", advskew);
    Check.u8("authlen", authLength);
    Check.u8("demote", demote);
    Check.u8("advbase", advbase);
    Check.u16("CARP checksum", checksum);
    Check.notNull("hmac", hmac);
    if (hmac.length() != 20) {
      throw new IllegalArgumentException("CARP HMAC must be 20 bytes, got " + hmac.length());
    }
  }

  /** A version-2 advertisement with authlen 7 and the correct checksum. */
  public static CarpAdvertisement create(int vhid, int advskew, int demote, int advbase, long counter, Octets hmac) {
    return new CarpAdvertisement(VERSION, TYPE_ADVERTISEMENT, vhid, advskew, AUTH_LENGTH, demote, advbase, 0, counter, hmac)
        .withCorrectChecksum();
  }

  /** {@link #create} with the HMAC given as 20 bytes. */
  public static CarpAdvertisement create(int vhid, int advskew, int demote, int advbase, long counter, byte[] hmac) {
    return create(vhid, advskew, demote, advbase, counter, Octets.copyOf(hmac));
  }

  /** True when the checksum verifies over the 36 bytes (§1.3: no pseudo-header, v4 and v6). */
  public boolean checksumOk() {
    return InternetChecksum.fold(sumWithoutChecksum() + checksum) == 0xffff;
  }

  /** The checksum the other fields call for. */
  public int computeChecksum() {
    return ~InternetChecksum.fold(sumWithoutChecksum()) & 0xffff;
  }

  /** The same advertisement with the correct checksum. */
  public CarpAdvertisement withCorrectChecksum() {
    return new CarpAdvertisement(version, type, vhid, advskew, authLength, demote, advbase, computeChecksum(), counter, hmac);
  }

  /** The same advertisement with another counter and HMAC, and the checksum recomputed. */
  public CarpAdvertisement withAuthentication(long newCounter, Octets newHmac) {
    return new CarpAdvertisement(version, type, vhid, advskew, authLength, demote, advbase, 0, newCounter, newHmac)
        .withCorrectChecksum();
  }

  /** The HMAC bytes (a copy), as {@code CarpHmac.verify} takes them. */
  public byte[] hmacBytes() {
    return hmac.toByteArray();
  }

  private long sumWithoutChecksum() {
    long sum = (version << 4 | type) << 8 | vhid;
    sum += advskew << 8 | authLength;
    sum += demote << 8 | advbase;
    sum += (counter >>> 48) + ((counter >>> 32) & 0xffff) + ((counter >>> 16) & 0xffff) + (counter & 0xffff);
    return hmac.addToChecksum(sum);
  }

  @Override
  public int protocol() {
    return IpProtocol.CARP;
  }

  @Override
  public int encodedLength() {
    return LENGTH;
  }

  @Override
  public int writeTo(byte[] out, int offset) {
    out[offset] = (byte) (version << 4 | type);
    out[offset + 1] = (byte) vhid;
    out[offset + 2] = (byte) advskew;
    out[offset + 3] = (byte) authLength;
    out[offset + 4] = (byte) demote;
    out[offset + 5] = (byte) advbase;
    Bytes.put16(out, offset + 6, checksum);
    Bytes.put64(out, offset + 8, counter);
    hmac.copyTo(out, offset + 16);
    return offset + LENGTH;
  }

  /** The 36 bytes. */
  public byte[] toBytes() {
    byte[] b = new byte[LENGTH];
    writeTo(b, 0);
    return b;
  }

  /**
   * Reads the 36 bytes at {@code offset}, whatever they hold (a receiving kernel reads any protocol-112
   * payload of at least 36 bytes this way, VRRP included). The caller guarantees 36 bytes.
   */
  static CarpAdvertisement read(byte[] b, int offset) {
    return new CarpAdvertisement(
        Bytes.u8(b, offset) >>> 4,
        Bytes.u8(b, offset) & 0xf,
        Bytes.u8(b, offset + 1),
        Bytes.u8(b, offset + 2),
        Bytes.u8(b, offset + 3),
        Bytes.u8(b, offset + 4),
        Bytes.u8(b, offset + 5),
        Bytes.u16(b, offset + 6),
        Bytes.i64(b, offset + 8),
        Octets.copyOf(b, offset + 16, 20));
  }

  /**
   * Reads a CARP header from {@code length} bytes at {@code offset}; null when fewer than 36.
   * Never throws for offsets and lengths within the array.
   */
  public static CarpAdvertisement readOrNull(byte[] b, int offset, int length) {
    return length < LENGTH ? null : read(b, offset);
  }
}
