package org.carpsim.carp.profile;

/**
 * carpstats behaviour (§9.1).
 *
 * @param hasCarpstats false for ucarp, which keeps no statistics
 * @param preemptCounting when {@code carps_preempt} is incremented
 */
public record Statistics(
    @Source("carp-protocol.md §5.6, §9.1") boolean hasCarpstats,
    @Source("carp-protocol.md §9.1") PreemptCounting preemptCounting) {

  /** When {@code carps_preempt} counts. */
  public enum PreemptCounting {
    /** OBSD ≥1.270: every BACKUP→MASTER transition ("transitions to master"). */
    EVERY_BACKUP_TO_MASTER,
    /** OBSD-1.54…1.137 and FreeBSD code read: never incremented (NetBSD taken the same, choice). */
    NEVER
  }
}
