package org.carpsim.carp.wire;

/**
 * An IEEE 802.1Q tag (TPID 0x8100).
 *
 * @param priority PCP, 0..7
 * @param dropEligible DEI
 * @param vlanId VID, 0..4095
 */
public record VlanTag(int priority, boolean dropEligible, int vlanId) {

  public VlanTag {
    Check.range("VLAN priority", priority, 0, 7);
    Check.range("VLAN id", vlanId, 0, 4095);
  }

  /** A tag with priority 0 and DEI clear. */
  public static VlanTag of(int vlanId) {
    return new VlanTag(0, false, vlanId);
  }

  /** The 16-bit tag control information. */
  public int tci() {
    return priority << 13 | (dropEligible ? 1 << 12 : 0) | vlanId;
  }

  static VlanTag fromTci(int tci) {
    return new VlanTag(tci >>> 13, (tci & 0x1000) != 0, tci & 0xfff);
  }
}
