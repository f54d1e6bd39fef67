package org.carpsim.carp.profile;

/**
 * What a virtual host does with a valid advertisement of its vhid (§5.3). L = local (advbase,
 * effective advskew), R = the ad's (advbase, advskew), compared as advbase s + truncated µs skew;
 * dL = own demote count, dR = the ad's demote byte (both 0 when the profile ignores the byte).
 *
 * @param masterComparesDemote MASTER yields iff {@code (L > R or tie-yield) and dR <= dL, or dR < dL}
 *     (OBSD ≥1.137) instead of ignoring the demote byte
 * @param tieBreak what a MASTER does when L == R (and, where compared, dR == dL)
 * @param extraAdBeforeYield ucarp sends one more advertisement before going BACKUP
 * @param reassertOnSlowerMaster ucarp: a MASTER hearing a slower (or tie-losing) master sends a
 *     gratuitous ARP at once and re-arms the delayed second one
 * @param preemptNeedsDemoteNotWorse rule B1 has the term {@code dR >= dL} (OBSD ≥1.270)
 * @param takeOverMoreDemoted rule B2: {@code dR > dL} takes over without preempt (OBSD ≥1.137)
 * @param willTimeOutNeedsNonZeroAdvbase rule B3 is skipped when the local advbase is 0 (OBSD ≥1.270)
 * @param willTimeOutUsesDeadRatio rule B3 multiplies the local advbase by the dead ratio (ucarp)
 *     instead of 3
 * @param willTimeOutIncludesLocalSkew rule B3 compares {@code k × advbase s + local advskew/256 s}
 *     (the timeval keeps its µs part). True everywhere; for ucarp the reference writes only
 *     "dead_ratio*advbase < R" but the code is the OpenBSD one, whose µs part stays (choice)
 */
public record ReceiveRules(
    @Source("carp-protocol.md §5.3") boolean masterComparesDemote,
    @Source("carp-protocol.md §5.3; ucarp-lab") TieBreak tieBreak,
    @Source("carp-protocol.md §5.3; ucarp-lab") boolean extraAdBeforeYield,
    @Source("carp-protocol.md §5.3, §6; ucarp-lab") boolean reassertOnSlowerMaster,
    @Source("carp-protocol.md §5.3 B1") boolean preemptNeedsDemoteNotWorse,
    @Source("carp-protocol.md §5.3 B2") boolean takeOverMoreDemoted,
    @Source("carp-protocol.md §5.3 B3") boolean willTimeOutNeedsNonZeroAdvbase,
    @Source("carp-protocol.md §5.3 (UCARP)") boolean willTimeOutUsesDeadRatio,
    @Source("carp-protocol.md §5.3 B3; choice for ucarp") boolean willTimeOutIncludesLocalSkew) {

  /** What a MASTER does on a tie. */
  public enum TieBreak {
    /** OBSD ≥1.54, NetBSD, FreeBSD: the receiving master always yields; no address tie-break. */
    YIELD,
    /**
     * ucarp: the master yields iff the ad's IPv4 source is lower than its own {@code --srcip},
     * comparing the raw {@code s_addr} as an unsigned host integer on a little-endian host (the first
     * octet is the least significant).
     */
    LOWER_RAW_SOURCE_WINS
  }

  /** A MASTER's reaction to an advertisement. */
  public enum MasterReaction {
    /** Stay MASTER, do nothing. */
    STAY,
    /** Become BACKUP (stop the ad timer, arm master-down). */
    YIELD,
    /** ucarp: send one more advertisement, then become BACKUP. */
    YIELD_AFTER_ONE_MORE_AD,
    /** ucarp: stay MASTER and send a gratuitous ARP now ("reasserting control of VIP"). */
    STAY_AND_REASSERT
  }

  /** A BACKUP's reaction to an advertisement (first matching rule of §5.3). */
  public enum BackupReaction {
    /** B1: preempt is on and the master is slower ("preempting a slower master"). */
    TAKE_OVER_PREEMPTING,
    /** B2: the master is more demoted than we are. */
    TAKE_OVER_MORE_DEMOTED,
    /** B3: the master advertises so slowly that it will time out anyway ("master will time out"). */
    TAKE_OVER_WILL_TIME_OUT,
    /** Restart the master-down timer for the ad's address family. */
    RESTART_MASTER_DOWN;

    /** True for the three take-over rules. */
    public boolean takesOver() {
      return this != RESTART_MASTER_DOWN;
    }
  }

  /**
   * The local side of a comparison.
   *
   * @param advbase configured advbase
   * @param effectiveAdvskew advskew after demotion ({@link Demotion#effectiveAdvskew})
   * @param demoteCount own demote count dL (ignored where the demote byte is)
   * @param preempt {@code net.inet.carp.preempt} (ucarp {@code --preempt})
   * @param deadRatio ucarp {@code --deadratio} (3 elsewhere)
   * @param sourceAddress own IPv4 source (ucarp {@code --srcip}); only the tie-break reads it
   */
  public record Local(int advbase, int effectiveAdvskew, int demoteCount, boolean preempt, int deadRatio,
      int sourceAddress) {}

  /**
   * The advertisement's side.
   *
   * @param advbase byte 5
   * @param advskew byte 2
   * @param demote byte 4
   * @param sourceAddress the IPv4 source, network order as an int (only the tie-break reads it)
   */
  public record Advert(int advbase, int advskew, int demote, int sourceAddress) {}

  /** Local or advertised (advbase, advskew) as one comparable µs count. */
  static long micros(int advbase, int advskew) {
    return advbase * 1_000_000L + Timing.skewMicros(advskew);
  }

  /** A MASTER's reaction; {@code comparesDemote} says whether this profile reads the demote byte. */
  public MasterReaction asMaster(Local local, Advert ad, boolean comparesDemote) {
    long l = micros(local.advbase(), local.effectiveAdvskew());
    long r = micros(ad.advbase(), ad.advskew());
    int dL = comparesDemote ? local.demoteCount() : 0;
    int dR = comparesDemote ? ad.demote() : 0;
    boolean tieYields;
    boolean tieWins;
    if (tieBreak == TieBreak.YIELD) {
      tieYields = true;
      tieWins = false;
    } else {
      long ours = rawLittleEndian(local.sourceAddress());
      long theirs = rawLittleEndian(ad.sourceAddress());
      tieYields = theirs < ours;
      tieWins = theirs > ours;
    }
    boolean slowerOrTieLost = l > r || (l == r && tieYields);
    boolean yield = masterComparesDemote && comparesDemote
        ? (slowerOrTieLost && dR <= dL) || dR < dL
        : slowerOrTieLost;
    if (yield) {
      return extraAdBeforeYield ? MasterReaction.YIELD_AFTER_ONE_MORE_AD : MasterReaction.YIELD;
    }
    if (reassertOnSlowerMaster && (l < r || (l == r && tieWins))) {
      return MasterReaction.STAY_AND_REASSERT;
    }
    return MasterReaction.STAY;
  }

  /** A BACKUP's reaction (rules B1, B2, B3 of §5.3, first match wins). */
  public BackupReaction asBackup(Local local, Advert ad, boolean comparesDemote) {
    long l = micros(local.advbase(), local.effectiveAdvskew());
    long r = micros(ad.advbase(), ad.advskew());
    int dL = comparesDemote ? local.demoteCount() : 0;
    int dR = comparesDemote ? ad.demote() : 0;
    if (local.preempt() && l < r && (!preemptNeedsDemoteNotWorse || dR >= dL)) {
      return BackupReaction.TAKE_OVER_PREEMPTING;
    }
    if (takeOverMoreDemoted && dR > dL) {
      return BackupReaction.TAKE_OVER_MORE_DEMOTED;
    }
    if (!(willTimeOutNeedsNonZeroAdvbase && local.advbase() == 0)) {
      long k = willTimeOutUsesDeadRatio ? local.deadRatio() : 3;
      long threshold = k * local.advbase() * 1_000_000L
          + (willTimeOutIncludesLocalSkew ? Timing.skewMicros(local.effectiveAdvskew()) : 0);
      if (threshold < r) {
        return BackupReaction.TAKE_OVER_WILL_TIME_OUT;
      }
    }
    return BackupReaction.RESTART_MASTER_DOWN;
  }

  /**
   * An IPv4 address (network order int) read as the raw in-memory {@code s_addr} on a little-endian
   * host, unsigned: 192.0.2.1 becomes 0x010200c0. ucarp's tie-break and OpenBSD 3.5's arpbalance
   * index both compute with this value.
   */
  public static long rawLittleEndian(int networkOrder) {
    return Integer.toUnsignedLong(Integer.reverseBytes(networkOrder));
  }
}
