package org.carpsim.carp.profile;

import java.util.function.UnaryOperator;

/**
 * One behaviour profile: how one real CARP implementation of one era behaves, as data. The node
 * reads these switches; it never asks which system it is emulating. Obtain profiles from
 * {@link Profiles}, where a system derived from another is that profile {@link #named renamed}
 * with the switches it changed ({@code withEmission(e -> e.withIpv6Advertisements(false))}).
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
 * @param validation receive-check order
 * @param wording log lines, their levels and filter, and the texts of ifconfig and sysctl
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
    @Source("carp-protocol.md §5.6") Validation validation,
    @Source("carp-protocol.md §9.2") Wording wording,
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

  /** Whether the system takes IPv6 virtual addresses at all (ucarp does not). */
  public boolean supportsIpv6() {
    return knobs().ipv6Addresses();
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
    return withTiming(t -> t.withKernelTick(t.kernelTick().withEnabled(on)));
  }

  // ---- derivation: a profile is another one with some switches changed ---------------------------

  /** This profile's switches under another name, description and source tag. */
  public Profile named(String newName, String newDescription, String newCodeReference) {
    return new Profile(newName, newDescription, newCodeReference, authentication, timing, demotion, receive,
        lifecycle, emission, balancing, validation, wording, statistics, config, knobs, sysctls);
  }

  /** This profile with its authentication replaced. */
  public Profile withAuthentication(Authentication value) {
    return new Profile(name, description, codeReference, value, timing, demotion, receive, lifecycle,
        emission, balancing, validation, wording, statistics, config, knobs, sysctls);
  }

  /** This profile with its authentication changed by {@code change}. */
  public Profile withAuthentication(UnaryOperator<Authentication> change) {
    return withAuthentication(change.apply(authentication));
  }

  /** This profile with its timer formulas replaced. */
  public Profile withTiming(Timing value) {
    return new Profile(name, description, codeReference, authentication, value, demotion, receive, lifecycle,
        emission, balancing, validation, wording, statistics, config, knobs, sysctls);
  }

  /** This profile with its timer formulas changed by {@code change}. */
  public Profile withTiming(UnaryOperator<Timing> change) {
    return withTiming(change.apply(timing));
  }

  /** This profile with its demotion rules replaced. */
  public Profile withDemotion(Demotion value) {
    return new Profile(name, description, codeReference, authentication, timing, value, receive, lifecycle,
        emission, balancing, validation, wording, statistics, config, knobs, sysctls);
  }

  /** This profile with its demotion rules changed by {@code change}. */
  public Profile withDemotion(UnaryOperator<Demotion> change) {
    return withDemotion(change.apply(demotion));
  }

  /** This profile with its state rules on receipt replaced. */
  public Profile withReceive(ReceiveRules value) {
    return new Profile(name, description, codeReference, authentication, timing, demotion, value, lifecycle,
        emission, balancing, validation, wording, statistics, config, knobs, sysctls);
  }

  /** This profile with its state rules on receipt changed by {@code change}. */
  public Profile withReceive(UnaryOperator<ReceiveRules> change) {
    return withReceive(change.apply(receive));
  }

  /** This profile with its start, bow-out and link-loss rules replaced. */
  public Profile withLifecycle(Lifecycle value) {
    return new Profile(name, description, codeReference, authentication, timing, demotion, receive, value,
        emission, balancing, validation, wording, statistics, config, knobs, sysctls);
  }

  /** This profile with its start, bow-out and link-loss rules changed by {@code change}. */
  public Profile withLifecycle(UnaryOperator<Lifecycle> change) {
    return withLifecycle(change.apply(lifecycle));
  }

  /** This profile with its emissions (what goes on the wire) replaced. */
  public Profile withEmission(Emission value) {
    return new Profile(name, description, codeReference, authentication, timing, demotion, receive, lifecycle,
        value, balancing, validation, wording, statistics, config, knobs, sysctls);
  }

  /** This profile with its emissions (what goes on the wire) changed by {@code change}. */
  public Profile withEmission(UnaryOperator<Emission> change) {
    return withEmission(change.apply(emission));
  }

  /** This profile with its balancing rules replaced. */
  public Profile withBalancing(Balancing value) {
    return new Profile(name, description, codeReference, authentication, timing, demotion, receive, lifecycle,
        emission, value, validation, wording, statistics, config, knobs, sysctls);
  }

  /** This profile with its balancing rules changed by {@code change}. */
  public Profile withBalancing(UnaryOperator<Balancing> change) {
    return withBalancing(change.apply(balancing));
  }

  /** This profile with its receive checks replaced. */
  public Profile withValidation(Validation value) {
    return new Profile(name, description, codeReference, authentication, timing, demotion, receive, lifecycle,
        emission, balancing, value, wording, statistics, config, knobs, sysctls);
  }

  /** This profile with its receive checks changed by {@code change}. */
  public Profile withValidation(UnaryOperator<Validation> change) {
    return withValidation(change.apply(validation));
  }

  /** This profile with its wording (log lines and command texts) replaced. */
  public Profile withWording(Wording value) {
    return new Profile(name, description, codeReference, authentication, timing, demotion, receive, lifecycle,
        emission, balancing, validation, value, statistics, config, knobs, sysctls);
  }

  /** This profile with its carpstats behaviour replaced. */
  public Profile withStatistics(Statistics value) {
    return new Profile(name, description, codeReference, authentication, timing, demotion, receive, lifecycle,
        emission, balancing, validation, wording, value, config, knobs, sysctls);
  }

  /** This profile with its carpstats behaviour changed by {@code change}. */
  public Profile withStatistics(UnaryOperator<Statistics> change) {
    return withStatistics(change.apply(statistics));
  }

  /** This profile with its configuration style replaced. */
  public Profile withConfig(ConfigStyle value) {
    return new Profile(name, description, codeReference, authentication, timing, demotion, receive, lifecycle,
        emission, balancing, validation, wording, statistics, value, knobs, sysctls);
  }

  /** This profile with its configuration style changed by {@code change}. */
  public Profile withConfig(UnaryOperator<ConfigStyle> change) {
    return withConfig(change.apply(config));
  }

  /** This profile with its ifconfig options and ranges replaced. */
  public Profile withKnobs(Knobs value) {
    return new Profile(name, description, codeReference, authentication, timing, demotion, receive, lifecycle,
        emission, balancing, validation, wording, statistics, config, value, sysctls);
  }

  /** This profile with its ifconfig options and ranges changed by {@code change}. */
  public Profile withKnobs(UnaryOperator<Knobs> change) {
    return withKnobs(change.apply(knobs));
  }

  /** This profile with its sysctls replaced. */
  public Profile withSysctls(Sysctls value) {
    return new Profile(name, description, codeReference, authentication, timing, demotion, receive, lifecycle,
        emission, balancing, validation, wording, statistics, config, knobs, value);
  }

  /** This profile with its sysctls changed by {@code change}. */
  public Profile withSysctls(UnaryOperator<Sysctls> change) {
    return withSysctls(change.apply(sysctls));
  }

  /** The name only; the switches are reachable through the accessors. */
  @Override
  public String toString() {
    return name;
  }
}
