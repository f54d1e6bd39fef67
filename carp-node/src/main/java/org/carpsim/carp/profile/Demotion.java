package org.carpsim.carp.profile;

import java.util.Set;

/**
 * How a host makes itself less preferred when something is wrong with it (§5.4, §5.5): by the demote
 * byte (current OpenBSD), by raising its advskew to 240 while "preemption is suppressed" (OpenBSD 3.5,
 * NetBSD, FreeBSD 6, ucarp), or by adding the {@code net.inet.carp.demotion} sysctl to advskew
 * (current FreeBSD).
 *
 * <p>The {@code demotion} argument of the timer and comparison methods means, per {@link #skew()}:
 * the suppression counter ({@code > 0} = suppressed) for {@link SkewDemotion#RAISE_TO_240_WHILE_SUPPRESSED},
 * the value of {@code net.inet.carp.demotion} including automatic factors for
 * {@link SkewDemotion#ADD_CLAMPED} and {@link SkewDemotion#ADD_CAPPED_WRAPPING}, and nothing for
 * {@link SkewDemotion#NONE}.
 *
 * @param demoteByte what byte 4 of the CARP header carries and whether receivers compare it
 * @param skew how demotion changes the advskew a host advertises and compares with
 * @param skewCeiling 240 ({@code CARP_MAXSKEW}, {@code CARP_BULK_UPDATE_MIN_DELAY})
 * @param triggers what raises the demotion automatically
 * @param sendAllAdsOnSuppression on the 0→1 transition of the suppression counter (or a group counter
 *     becoming 1), every MASTER sends an advertisement at once ({@code carp_send_ad_all})
 * @param groupCounters current OpenBSD: counters per interface group, summed per carp interface
 * @param sendErrorsPerVhost consecutive send errors per vhost that trigger demotion (3 × vhosts)
 * @param requiresPreempt whether the kernel only demotes when {@code net.inet.carp.preempt} is on.
 *     False everywhere: the code does not look at preempt; the man page ties the 240 rule to preempt
 *     because only <em>peers</em> with preempt react to a slower master (rule B1, §5.5)
 * @param masterDownUsesDemotedSkew false everywhere: {@code carp_setrun} arms the master-down timer
 *     with the configured advskew; only sent ads and comparisons use the demoted one (choice from the
 *     code structure quoted in §4.1/§5.5; the reference is silent on the BACKUP timer)
 */
public record Demotion(
    @Source("carp-protocol.md §1.3, §5.4") DemoteByte demoteByte,
    @Source("carp-protocol.md §5.5") SkewDemotion skew,
    @Source("carp-protocol.md §5.5") int skewCeiling,
    @Source("carp-protocol.md §5.4, §5.5, §5.7") Set<Trigger> triggers,
    @Source("carp-protocol.md §5.4, §5.5") boolean sendAllAdsOnSuppression,
    @Source("carp-protocol.md §5.4") boolean groupCounters,
    @Source("carp-protocol.md §5.4, §5.5") int sendErrorsPerVhost,
    @Source("carp-protocol.md §5.5 (man page wording vs code)") boolean requiresPreempt,
    @Source("choice (§4.1, §5.5)") boolean masterDownUsesDemotedSkew) {

  public Demotion {
    triggers = Set.copyOf(triggers);
  }

  /** Byte 4 of the CARP header (§1.3). */
  public enum DemoteByte {
    /** OBSD ≥ ~2006: the group demotion count, capped at 255, sent and compared (§5.3 dR/dL). */
    SENT_AND_COMPARED,
    /** OBSD ≤2005, FreeBSD, NetBSD, ucarp: {@code pad1}, sent as 0 and ignored on receive. */
    ZERO_IGNORED
  }

  /** How demotion changes the advskew sent and compared (§5.5). */
  public enum SkewDemotion {
    /** Current OpenBSD: advskew is never changed; the demote byte carries demotion. */
    NONE,
    /**
     * OBSD 3.5–4.x, NetBSD, FreeBSD 6, ucarp: while the suppression counter is above zero every carp
     * interface uses {@code max(advskew, 240)} (keeps advskew if it is above 240, else 240).
     */
    RAISE_TO_240_WHILE_SUPPRESSED,
    /**
     * Current FreeBSD {@code DEMOTE_ADVSKEW}: {@code clamp(advskew + demotion, 0, 240)}. Note the clamp
     * applies with zero demotion too: a configured advskew of 241..254 is sent as 240.
     */
    ADD_CLAMPED,
    /**
     * FreeBSD 10.0 … 13.0, before review D32759 (PR 259528, November 2021): {@code DEMOTE_ADVSKEW}
     * capped at 240 but not floored at 0. A negative total goes on the wire as its low byte (−1 is
     * sent as 255) while the host compares with the full negative value: with a negative
     * {@code net.inet.carp.demotion} the master looks slowest to its peers and fastest to itself, so
     * a preempting backup takes over and both stay MASTER.
     */
    ADD_CAPPED_WRAPPING
  }

  /** What raises the demotion automatically. */
  public enum Trigger {
    /** The parent interface loses link or is set down (OBSD "carpdev", FBSD ifdown factor). */
    PARENT_DOWN,
    /** {@link #sendErrorsPerVhost} consecutive send errors (ucarp: 3 write() errors). */
    SEND_ERRORS
  }

  /** How pfsync's bulk update at start-up demotes carp (§5.4, §5.5; if_pfsync.c of each system). */
  public enum PfsyncBulk {
    /** Not modelled for this system: {@code ifconfig pfsync0 …} is refused. */
    NOT_MODELLED,
    /**
     * OpenBSD if_pfsync.c 1.332 (2025): {@code up} demotes the pfsync interface's groups by 1 ("pfsync
     * up") until the syncdev has link ("pfsync link") and by 32 ("pfsync start") until the bulk
     * update ends ("pfsync done"): a request every 2 s, 12 tries; a bulk start waits
     * 4 × (state limit / states per packet / 50) s for its end; a syncdev link change never restarts it.
     */
    OPENBSD_BULK_REQUEST,
    /**
     * FreeBSD if_pfsync.c: every {@code syncdev} ioctl (SIOCSETPFSYNC) demotes by
     * {@code net.pfsync.carp_demotion_factor} (240) if the last bulk had finished ("pfsync bulk
     * start") and requests a bulk update; 5 s per try, 12 retries ("pfsync bulk fail"); a bulk start
     * re-arms the wait to 4 s + state limit / states per packet ms; its end undemotes ("pfsync bulk
     * done"). Userland re-running the ioctl (on every link-up) restarts it.
     */
    FREEBSD_SETPFSYNC
  }

  /**
   * The pfsync rules of this system: current OpenBSD's (group counters) and current FreeBSD's (the
   * demotion sysctl) are modelled; the 2004 code's ({@code carp_suppress_preempt++}) is not.
   */
  public PfsyncBulk pfsyncBulk() {
    if (groupCounters) {
      return PfsyncBulk.OPENBSD_BULK_REQUEST;
    }
    if (skew == SkewDemotion.ADD_CLAMPED || skew == SkewDemotion.ADD_CAPPED_WRAPPING) {
      return PfsyncBulk.FREEBSD_SETPFSYNC;
    }
    return PfsyncBulk.NOT_MODELLED;
  }

  /** The advskew a host advertises and compares with, for its configured advskew and demotion. */
  public int effectiveAdvskew(int advskew, int demotion) {
    switch (skew) {
      case NONE:
        return advskew;
      case RAISE_TO_240_WHILE_SUPPRESSED:
        return demotion > 0 && advskew <= skewCeiling ? skewCeiling : advskew;
      case ADD_CLAMPED: {
        long v = (long) advskew + demotion;
        return (int) Math.max(0, Math.min(skewCeiling, v));
      }
      case ADD_CAPPED_WRAPPING: {
        long v = (long) advskew + demotion;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(skewCeiling, v));
      }
      default:
        throw new AssertionError(skew);
    }
  }

  /** Byte 4 as sent for a demote count: the count capped at 255, or 0 where the byte is padding. */
  public int advertisedDemote(int demoteCount) {
    return demoteByte == DemoteByte.SENT_AND_COMPARED ? Math.max(0, Math.min(255, demoteCount)) : 0;
  }

  /** This demotion with another rule for the advertised skew. */
  public Demotion withSkew(SkewDemotion rule) {
    return new Demotion(demoteByte, rule, skewCeiling, triggers, sendAllAdsOnSuppression, groupCounters,
        sendErrorsPerVhost, requiresPreempt, masterDownUsesDemotedSkew);
  }
}
