package org.carpsim.carp.profile;

/**
 * How a system's kernel reports its multicast group memberships (IGMP for IPv4, MLD for IPv6): the
 * groups a CARP host joins are 224.0.0.18 and ff02::12 once a carp interface (or a ucarp daemon) is
 * up on a NIC, and the solicited-node group of each of its IPv6 addresses. What a snooping switch
 * learns its ports from.
 *
 * <ul>
 *   <li>OpenBSD and NetBSD (sys/netinet/igmp.c {@code igmp_joingroup}, sys/netinet6/mld6.c
 *       {@code mld_start_listening}): IGMPv2 and MLDv1; a group in 224.0.0.0/24 is never reported,
 *       nor ff02::1 (so a switch that snoops 224.0.0.18 never learns an OpenBSD CARP host); a join
 *       sends one report at once and one more after a random delay of up to 10 s
 *       ({@code IGMP_MAX_HOST_REPORT_DELAY}, {@code MLD_V1_MAX_RI}).
 *   <li>FreeBSD 8 and later (sys/netinet/igmp.c {@code igmp_isgroupreported} with {@code
 *       net.inet.igmp.sendlocal=1}, sys/netinet6/mld6.c {@code mld_is_addr_reported}): IGMPv3 and
 *       MLDv2 by default; only 224.0.0.1 and ff02::1 (and node-local groups) are not reported; a
 *       state-change report at once and its robustness retransmission within the unsolicited report
 *       interval, 3 s ({@code IGMP_URI_INIT}, {@code MLD_URI_INIT}). FreeBSD 6 had the BSD IGMPv2
 *       and MLDv1 code, which reported every group but the all-hosts ones.
 *   <li>Linux, where ucarp runs (net/ipv4/igmp.c with {@code igmp_link_local_mcast_reports=1},
 *       net/ipv6/mcast.c): IGMPv3 and MLDv2; 224.0.0.x is reported, 224.0.0.1 and ff02::1 are not;
 *       two reports ({@code igmp_qrv} 2), the second within 1 s
 *       ({@code IGMP_V3_UNSOLICITED_REPORT_INTERVAL}, {@code MLD_V2_UNSOLICITED_REPORT_INTERVAL}).
 * </ul>
 *
 * A general query is answered after a uniform random delay within its Max Resp Time, in the
 * query's version when it is older than the host's (RFC 3376 §7.2.1; RFC 3810 §8.2.1).
 *
 * @param igmpVersion 2 or 3
 * @param mldVersion 1 or 2
 * @param reportsLinkLocalIgmp whether groups in 224.0.0.0/24 other than 224.0.0.1 are reported
 * @param unsolicitedReports reports sent at a join, 1 or more
 * @param unsolicitedInterval the later ones follow each after a uniform delay of up to this, in ns
 * @param carpInterfaceMasterOnly whether the groups joined on a carp interface (the solicited-node
 *     groups of its IPv6 addresses) are reported through it, which sends only while MASTER and from
 *     its own MAC, the virtual MAC: OpenBSD's {@code carp_output} drops what a BACKUP's carp interface
 *     sends (ENETUNREACH), as the older code NetBSD took did
 */
public record MembershipReports(int igmpVersion, int mldVersion, boolean reportsLinkLocalIgmp, int unsolicitedReports,
    long unsolicitedInterval, boolean carpInterfaceMasterOnly) {

  private static final long S = 1_000_000_000L;

  /** OpenBSD, NetBSD. */
  public static final MembershipReports BSD_IGMPV2 = new MembershipReports(2, 1, false, 2, 10 * S, true);
  /** FreeBSD 6 (its carp interfaces' output path is not modelled: reported from the parent). */
  public static final MembershipReports FREEBSD_6 = new MembershipReports(2, 1, true, 2, 10 * S, false);
  /** FreeBSD 8 and later: the addresses are on the parent, so are their groups. */
  public static final MembershipReports FREEBSD = new MembershipReports(3, 2, true, 2, 3 * S, false);
  /** Linux (ucarp, keepalived). */
  public static final MembershipReports LINUX = new MembershipReports(3, 2, true, 2, S, false);

  public MembershipReports {
    if (igmpVersion < 2 || igmpVersion > 3 || mldVersion < 1 || mldVersion > 2 || unsolicitedReports < 1
        || unsolicitedInterval <= 0) {
      throw new IllegalArgumentException("bad membership report facts");
    }
  }

  /**
   * The facts of the system {@code profile} models, by its family (kept beside the profile rather
   * than in it while profiles are added in parallel): ucarp and keepalived run on Linux.
   */
  public static MembershipReports of(Profile profile) {
    String name = profile.name();
    if (name.startsWith("freebsd-6")) {
      return FREEBSD_6;
    } else if (name.startsWith("freebsd")) {
      return FREEBSD;
    } else if (name.startsWith("ucarp") || name.startsWith("keepalived")) {
      return LINUX;
    }
    return BSD_IGMPV2;
  }

  /** Whether the kernel sends reports for the IPv4 group {@code group} (a 32-bit address). */
  public boolean reportsIgmp(int group) {
    if (group == 0xe0000001) {
      return false;
    }
    return reportsLinkLocalIgmp || (group & 0xffffff00) != 0xe0000000;
  }

  /** Whether the kernel sends reports for the IPv6 group {@code hi:lo}: not ff02::1, nor below link scope. */
  public boolean reportsMld(long hi, long lo) {
    int scope = (int) (hi >>> 48) & 0xf;
    return scope >= 2 && !(hi == 0xff02_0000_0000_0000L && lo == 1);
  }
}
