package org.carpsim.carp.wire;

/**
 * One group record of an IGMPv3 (RFC 3376 §4.2.4) or MLDv2 (RFC 3810 §5.2.4) report, without
 * sources: what a host that listens to a whole group (or stops) says.
 *
 * @param type {@link #MODE_IS_EXCLUDE} (answer to a query: listening), {@link #CHANGE_TO_EXCLUDE}
 *     (a join), {@link #CHANGE_TO_INCLUDE} (a leave)
 * @param groupHi the group's first 64 bits (0 for an IPv4 group)
 * @param groupLo the group's last 64 bits (the IPv4 address in the low 32)
 */
public record GroupRecord(int type, long groupHi, long groupLo) {

  public static final int MODE_IS_EXCLUDE = 2;
  public static final int CHANGE_TO_INCLUDE = 3;
  public static final int CHANGE_TO_EXCLUDE = 4;

  public GroupRecord {
    if (type < 1 || type > 6) {
      throw new IllegalArgumentException("group record type " + type + ": 1..6");
    }
  }

  /** Whether the record says the host listens to the group. */
  public boolean listens() {
    return type == MODE_IS_EXCLUDE || type == CHANGE_TO_EXCLUDE;
  }
}
