package org.carpsim.carp.profile;

/**
 * One behaviour profile: how one real CARP implementation of one era behaves, as data. The node
 * reads these switches; it never asks which system it is emulating. Obtain profiles from
 * {@link Profiles}.
 *
 * <p>The timer methods are pure functions of (advbase, advskew, demotion) returning nanoseconds; see
 * {@link Demotion} for what {@code demotion} means per profile.
 *
 * @param name the profile's name in scenarios ({@code openbsd-3.5})
 * @param description one line: the system, era and source revision it models
 * @param codeReference the source tag of carp-protocol.md this profile follows ({@code OBSD-1.54})
 * @param authentication HMAC and counter scheme
 * @param timing timer formulas
 * @param demotion demote byte, 240 suppression, FreeBSD demotion
 * @param receive the state rules on receipt of an advertisement
 * @param lifecycle start, bow-out, link loss
 * @param emission what goes on the wire besides the CARP header
 * @param balancing ARP / IP balancing
 * @param validation receive-check order and log flavour
 * @param statistics carpstats behaviour
 * @param config how CARP is configured on the system
 * @param knobs ifconfig / ucarp options and ranges
 * @param sysctls known sysctls, defaults and ranges
 */
public record Profile(
    @Source("architecture.md (profiles)") String name,
    @Source("architecture.md (profiles)") String description,
    @Source("carp-protocol.md (source tags)") String codeReference,
    @Source("carp-protocol.md §2, §3") Authentication authentication,
    @Source("carp-protocol.md §4") Timing timing,
    @Source("carp-protocol.md §5.4, §5.5") Demotion demotion,
    @Source("carp-protocol.md §5.3") ReceiveRules receive,
    @Source("carp-protocol.md §4.3, §5.1, §5.7") Lifecycle lifecycle,
    @Source("carp-protocol.md §1.2, §6") Emission emission,
    @Source("carp-protocol.md §7") Balancing balancing,
    @Source("carp-protocol.md §5.6, §9.2") Validation validation,
    @Source("carp-protocol.md §9.1") Statistics statistics,
    @Source("carp-protocol.md §7.4, §8") ConfigStyle config,
    @Source("carp-protocol.md §8.2–§8.4") Knobs knobs,
    @Source("carp-protocol.md §8.1") Sysctls sysctls) {

  /** The advskew this host sends and compares with (§5.5), for its configured advskew and demotion. */
  public int effectiveAdvskew(int advskew, int demotion) {
    return demotion().effectiveAdvskew(advskew, demotion);
  }

  /** Byte 4 of the header for a demote count (0 where it is padding). */
  public int advertisedDemote(int demoteCount) {
    return demotion().advertisedDemote(demoteCount);
  }

  /** Whether received demote bytes take part in the §5.3 comparisons. */
  public boolean comparesDemote() {
    return demotion().demoteByte() == Demotion.DemoteByte.SENT_AND_COMPARED;
  }

  /** A MASTER's periodic advertisement interval in ns (§4.1). */
  public long advertisementIntervalNs(int advbase, int advskew, int demotion) {
    return timing().advertisementIntervalNs(advbase, effectiveAdvskew(advskew, demotion));
  }

  /**
   * The first interval after becoming MASTER, in ns: undemoted where {@code carp_setrun} re-arms the
   * timer with the configured advskew ({@link Timing#firstIntervalUndemoted()}).
   */
  public long firstAdvertisementIntervalNs(int advbase, int advskew, int demotion) {
    return timing().firstIntervalUndemoted()
        ? timing().advertisementIntervalNs(advbase, advskew)
        : advertisementIntervalNs(advbase, advskew, demotion);
  }

  /** A BACKUP's master-down interval in ns (§4.2), with the profile's default dead ratio. */
  public long masterDownIntervalNs(int advbase, int advskew, int demotion) {
    return masterDownIntervalNs(advbase, advskew, demotion, timing().defaultDeadRatio());
  }

  /** A BACKUP's master-down interval in ns (§4.2) with an explicit dead ratio (ucarp --deadratio). */
  public long masterDownIntervalNs(int advbase, int advskew, int demotion, int deadRatio) {
    int skew = demotion().masterDownUsesDemotedSkew() ? effectiveAdvskew(advskew, demotion) : advskew;
    return timing().masterDownIntervalNs(advbase, skew, deadRatio);
  }

  /** A MASTER's reaction to a valid advertisement of its vhid (§5.3). */
  public ReceiveRules.MasterReaction onAdvertisementAsMaster(ReceiveRules.Local local, ReceiveRules.Advert ad) {
    return receive().asMaster(local, ad, comparesDemote());
  }

  /** A BACKUP's reaction to a valid advertisement of its vhid (§5.3). */
  public ReceiveRules.BackupReaction onAdvertisementAsBackup(ReceiveRules.Local local, ReceiveRules.Advert ad) {
    return receive().asBackup(local, ad, comparesDemote());
  }

  /** This profile with the kernel tick quantization switched on or off. */
  public Profile withKernelTicks(boolean on) {
    Timing t = timing().withKernelTick(timing().kernelTick().withEnabled(on));
    return new Profile(name, description, codeReference, authentication, t, demotion, receive, lifecycle,
        emission, balancing, validation, statistics, config, knobs, sysctls);
  }

  /** The name only; the switches are reachable through the accessors. */
  @Override
  public String toString() {
    return name;
  }
}
