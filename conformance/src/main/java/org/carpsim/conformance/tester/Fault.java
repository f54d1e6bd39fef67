package org.carpsim.conformance.tester;

/** What is wrong with a crafted advertisement (catalogue C cases); {@link #NONE} for a valid one. */
public enum Fault {
  NONE("valid"),
  /** C1: TTL 64 instead of 255. */
  TTL_64("TTL 64"),
  /** C3: the CARP checksum does not verify. */
  BAD_CHECKSUM("bad CARP checksum"),
  /** C5: the HMAC is made with another passphrase. */
  WRONG_PASS("HMAC of another passphrase");

  private final String description;

  Fault(String description) {
    this.description = description;
  }

  /** A few words for output. */
  public String description() {
    return description;
  }
}
