package org.carpsim.carp.vrrp;

/**
 * keepalived's timers in microseconds ({@code TIMER_HZ}): {@code VRRP_TIMER_SKEW} and
 * {@code VRRP_MS_DOWN_TIMER} (vrrp.h). VRRPv2: skew = (256 − priority) × 1 s / 256 (RFC 3768);
 * VRRPv3: skew = (256 − priority) × Master_Adver_Interval / 256 (RFC 5798). Both truncate.
 */
public final class VrrpTimers {

  private VrrpTimers() {}

  public static long skewMicros(int version, int priority, int masterAdverIntCentis) {
    long base = version == 2 ? 1_000_000L : masterAdverIntCentis * 10_000L;
    return (256 - priority) * base / 256;
  }

  /** 3 × Master_Adver_Interval + skew: 3.609375 s for VRRPv2, advert_int 1, priority 100. */
  public static long masterDownMicros(int version, int priority, int masterAdverIntCentis) {
    return 3 * masterAdverIntCentis * 10_000L + skewMicros(version, priority, masterAdverIntCentis);
  }
}
