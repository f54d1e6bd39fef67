package org.carpsim.carp.profile;

import java.util.Locale;
import java.util.Set;

/**
 * The CARP options of {@code ifconfig} (or the ucarp command line) and their ranges (§8.2–§8.4).
 * Generic interface options (addresses, netmask, up, down, mtu, description) exist in every profile
 * and are not listed here.
 *
 * @param vhid range of {@code vhid}
 * @param advbase range of {@code advbase}
 * @param advskew range of {@code advskew} (what the kernel finally accepts)
 * @param passMaxBytes bytes of the passphrase that reach the key (19: strlcpy into 20 bytes)
 * @param longPassphrase what happens to a longer one
 * @param carpdemote range of {@code ifconfig -g GROUP carpdemote N}
 * @param groupDemoteTotal range the kernel keeps a group's demote counter in
 * @param carpnodeVhid range of a vhid in {@code carpnodes}
 * @param carpnodeAdvskew range of an advskew in {@code carpnodes}
 * @param deadRatio range of ucarp's {@code --deadratio}
 * @param zeroIntervalRefused advbase 0 together with advskew 0 is refused (ucarp)
 * @param options the CARP options this system's ifconfig knows
 * @param anachronisms options accepted with a warning although this era's ifconfig lacked them
 *     (openbsd-3.5 accepts {@code carpdev}, which appeared in 3.7, because the scenario language's own
 *     example uses it under that profile and the seeds' carp(4) page documents it)
 * @param settableStates states {@code ifconfig … state} accepts
 * @param ipv6Addresses whether the system takes IPv6 virtual addresses at all; ucarp is IPv4-only
 *     (its IPv6 paths are stubs), so a ucarp IUT or live node refuses an IPv6 VIP
 */
public record Knobs(
    @Source("carp-protocol.md §8.2, §8.3, §8.4") Range vhid,
    @Source("carp-protocol.md §4.3, §8.2, §8.3, §8.4") Range advbase,
    @Source("carp-protocol.md §1.3, §8.2, §8.3, §8.4") Range advskew,
    @Source("carp-protocol.md §2.1") int passMaxBytes,
    @Source("carp-protocol.md §2.1; ucarp-lab") LongPassphrase longPassphrase,
    @Source("carp-protocol.md §5.4, §8.2") Range carpdemote,
    @Source("carp-protocol.md §5.4") Range groupDemoteTotal,
    @Source("carp-protocol.md §8.2 (carpnodes)") Range carpnodeVhid,
    @Source("carp-protocol.md §8.2 (carpnodes)") Range carpnodeAdvskew,
    @Source("carp-protocol.md §4.2, §8.4") Range deadRatio,
    @Source("carp-protocol.md §4.3 (UCARP)") boolean zeroIntervalRefused,
    @Source("carp-protocol.md §8.2, §8.3") Set<CarpOption> options,
    @Source("choice (scenario-language.md example)") Set<CarpOption> anachronisms,
    @Source("carp-protocol.md §5.8, §8.2, §8.3") Set<CarpState> settableStates,
    @Source("carp-protocol.md §6 (ucarp: no IPv6); ucarp-lab") boolean ipv6Addresses) {

  public Knobs {
    options = Set.copyOf(options);
    anachronisms = Set.copyOf(anachronisms);
    settableStates = Set.copyOf(settableStates);
  }

  /** True when {@code option} is accepted, natively or as an anachronism. */
  public boolean accepts(CarpOption option) {
    return options.contains(option) || anachronisms.contains(option);
  }

  /** What happens to a passphrase longer than {@link #passMaxBytes}. */
  public enum LongPassphrase {
    /** OpenBSD/FreeBSD/NetBSD ifconfig: strlcpy silently keeps the first 19 bytes (we warn). */
    TRUNCATE,
    /** ucarp: "Password too long", the daemon does not start. */
    REFUSE
  }

  /** A CARP-specific ifconfig keyword (a leading {@code -} negates where shown). */
  public enum CarpOption {
    VHID,
    ADVBASE,
    ADVSKEW,
    PASS,
    /** {@code carpdev IF} / {@code -carpdev}. */
    CARPDEV,
    /** {@code carppeer A} / {@code -carppeer} (OpenBSD). */
    CARPPEER,
    STATE,
    BALANCING,
    CARPNODES,
    /** {@code lladdr MAC|random} on a carp interface. */
    LLADDR,
    /** {@code group G} / {@code -group G}. */
    GROUP,
    /** {@code ifconfig -g G carpdemote [N]} / {@code -carpdemote [N]}. */
    CARPDEMOTE,
    /** FreeBSD {@code peer A} (unicast). */
    PEER,
    /** FreeBSD {@code peer6 A}. */
    PEER6,
    /** FreeBSD {@code mcast} (back to 224.0.0.18). */
    MCAST,
    /** FreeBSD {@code mcast6} (back to ff02::12). */
    MCAST6;

    /** The ifconfig word. */
    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** These knobs with another set of CARP options. */
  public Knobs withOptions(Set<CarpOption> known) {
    return new Knobs(vhid, advbase, advskew, passMaxBytes, longPassphrase, carpdemote, groupDemoteTotal, carpnodeVhid,
        carpnodeAdvskew, deadRatio, zeroIntervalRefused, known, anachronisms, settableStates, ipv6Addresses);
  }

  /** These knobs with another set of options accepted with a warning. */
  public Knobs withAnachronisms(Set<CarpOption> warned) {
    return new Knobs(vhid, advbase, advskew, passMaxBytes, longPassphrase, carpdemote, groupDemoteTotal, carpnodeVhid,
        carpnodeAdvskew, deadRatio, zeroIntervalRefused, options, warned, settableStates, ipv6Addresses);
  }

  /** These knobs with another set of states {@code ifconfig … state} accepts. */
  public Knobs withSettableStates(Set<CarpState> states) {
    return new Knobs(vhid, advbase, advskew, passMaxBytes, longPassphrase, carpdemote, groupDemoteTotal, carpnodeVhid,
        carpnodeAdvskew, deadRatio, zeroIntervalRefused, options, anachronisms, states, ipv6Addresses);
  }
}
