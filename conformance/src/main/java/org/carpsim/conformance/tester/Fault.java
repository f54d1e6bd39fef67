package org.carpsim.conformance.tester;

import java.util.Optional;

/**
 * What is wrong with a crafted advertisement (catalogue C cases); {@link #NONE} for a valid one.
 * Every faulty frame still carries the IUT's vhid in byte 1 of the CARP header, except {@link
 * #OTHER_VHID}, whose HMAC is computed for the IUT's vhid so that no host of the other vhid can
 * accept it (the HMAC covers the vhid).
 */
public enum Fault {
  NONE("valid", null),
  /** C1: TTL 64 instead of 255. */
  TTL_64("TTL 64", "C1"),
  /** C2: CARP version 3 (a VRRPv3 version nibble) instead of 2. */
  BAD_VERSION("version 3", "C2"),
  /** C3: the CARP checksum does not verify. */
  BAD_CHECKSUM("bad CARP checksum", "C3"),
  /** C4: vhid + 1 (mod 255) with the HMAC of the IUT's vhid. */
  OTHER_VHID("another vhid", "C4"),
  /** C5: the HMAC is made with another passphrase. */
  WRONG_PASS("HMAC of another passphrase", "C5"),
  /** C6: the HMAC covers another VIP set (each VIP's last bit flipped). */
  WRONG_VIPS("HMAC over another VIP set", "C6"),
  /** C7: the CARP header cut to 28 bytes (IP length 48, IP checksum right). */
  SHORT("28-byte CARP header", "C7"),
  /** C8: a VRRPv2 advertisement (VRID = vhid, priority 0, one address, no auth) on protocol 112. */
  VRRP2("VRRPv2 packet", "C8"),
  /** C9: a valid advertisement followed by 8 bytes inside the IP packet (IP length 64). */
  TRAILING_BYTES("8 trailing bytes", "C9"),
  /** C10: type 2 and authlen 0 (neither is covered by the HMAC; checksum right). */
  ODD_TYPE_AUTHLEN("type 2, authlen 0", "C10");

  private final String description;
  private final String caseId;

  Fault(String description, String caseId) {
    this.description = description;
    this.caseId = caseId;
  }

  /** A few words for output. */
  public String description() {
    return description;
  }

  /** The catalogue case that sends this fault (empty for {@link #NONE}). */
  public Optional<String> caseId() {
    return Optional.ofNullable(caseId);
  }

  /** The fault a C case sends, if {@code id} is one. */
  public static Optional<Fault> ofCase(String id) {
    for (Fault f : values()) {
      if (id.equals(f.caseId)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
