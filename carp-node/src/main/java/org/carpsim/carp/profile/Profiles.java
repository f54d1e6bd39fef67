package org.carpsim.carp.profile;

import static org.carpsim.carp.profile.Knobs.CarpOption.ADVBASE;
import static org.carpsim.carp.profile.Knobs.CarpOption.ADVSKEW;
import static org.carpsim.carp.profile.Knobs.CarpOption.BALANCING;
import static org.carpsim.carp.profile.Knobs.CarpOption.CARPDEMOTE;
import static org.carpsim.carp.profile.Knobs.CarpOption.CARPDEV;
import static org.carpsim.carp.profile.Knobs.CarpOption.CARPNODES;
import static org.carpsim.carp.profile.Knobs.CarpOption.CARPPEER;
import static org.carpsim.carp.profile.Knobs.CarpOption.GROUP;
import static org.carpsim.carp.profile.Knobs.CarpOption.LLADDR;
import static org.carpsim.carp.profile.Knobs.CarpOption.MCAST;
import static org.carpsim.carp.profile.Knobs.CarpOption.MCAST6;
import static org.carpsim.carp.profile.Knobs.CarpOption.PASS;
import static org.carpsim.carp.profile.Knobs.CarpOption.PEER;
import static org.carpsim.carp.profile.Knobs.CarpOption.PEER6;
import static org.carpsim.carp.profile.Knobs.CarpOption.STATE;
import static org.carpsim.carp.profile.Knobs.CarpOption.VHID;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.ALLOW;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.CHECKSUM;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.CHECKSUM_IP_AND_CARP;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.HMAC;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.INTERFACE;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.LENGTH;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.MULTICAST_DESTINATION;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.OWN_REPLAY_COOKIE;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.OWN_SOURCE_ADDRESS;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.OWN_SOURCE_FILTER;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.TTL;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.TTL_MULTICAST_ONLY;
import static org.carpsim.carp.profile.Validation.ReceiveCheck.VERSION;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carpsim.carp.auth.CounterScheme;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.profile.Balancing.ArpBalance;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.ConfigStyle.CarpdevPolicy;
import org.carpsim.carp.profile.ConfigStyle.InterfaceModel;
import org.carpsim.carp.profile.ConfigStyle.SecondAddress;
import org.carpsim.carp.profile.Demotion.DemoteByte;
import org.carpsim.carp.profile.Demotion.SkewDemotion;
import org.carpsim.carp.profile.Demotion.Trigger;
import org.carpsim.carp.profile.Emission.AdSourceAddress;
import org.carpsim.carp.profile.Emission.AdSourceMac;
import org.carpsim.carp.profile.Emission.GarpSenderMac;
import org.carpsim.carp.profile.Emission.IpId;
import org.carpsim.carp.profile.Emission.Ipv4Header;
import org.carpsim.carp.profile.Emission.NeighborAdvertisement;
import org.carpsim.carp.profile.Emission.TosSource;
import org.carpsim.carp.profile.Knobs.LongPassphrase;
import org.carpsim.carp.profile.Lifecycle.BowOut;
import org.carpsim.carp.profile.Lifecycle.LinkLoss;
import org.carpsim.carp.profile.Lifecycle.Start;
import org.carpsim.carp.profile.ReceiveRules.TieBreak;
import org.carpsim.carp.profile.Statistics.PreemptCounting;
import org.carpsim.carp.profile.Timing.AdvertisementInterval;
import org.carpsim.carp.profile.Timing.KernelTick;
import org.carpsim.carp.profile.Timing.MasterDown;
import org.carpsim.carp.profile.Timing.TickRounding;

/**
 * The registry of behaviour profiles. Names are the ones scenarios use: {@code openbsd},
 * {@code openbsd-3.5}, {@code netbsd}, {@code freebsd}, {@code freebsd-6}, {@code ucarp}.
 *
 * <p>Three are written out in full: current OpenBSD, the 2004 OpenBSD code (openbsd-3.5) and ucarp.
 * The others are what they are in history: netbsd and freebsd-6 the 2004 code with their changes,
 * freebsd the rewrite of freebsd-6; each lists only the switches it changes.
 */
public final class Profiles {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  private static final Ipv4Header LOWDELAY_RANDOM_ID =
      new Ipv4Header(TosSource.FIXED, 0x10, IpId.RANDOM, true, 255);

  /** BSD {@code tvtohz}: ceil + 1 tick, at hz=100 (OpenBSD, NetBSD) and hz=1000 (FreeBSD). */
  private static final KernelTick TVTOHZ_HZ_100 = new KernelTick(10 * MS, TickRounding.CEIL_PLUS_ONE, false);
  private static final KernelTick TVTOHZ_HZ_1000 = new KernelTick(MS, TickRounding.CEIL_PLUS_ONE, false);

  private static final Range VHID_RANGE = Range.of(1, 255);
  private static final Range ADVBASE_FROM_1 = Range.of(1, 255);
  private static final Range ADVSKEW_KERNEL = Range.of(0, 254);
  private static final Range CARPDEMOTE_RANGE = Range.of(0, 128);
  private static final Range GROUP_TOTAL = Range.of(0, 255);
  private static final Range NODE_VHID = Range.of(1, 254);
  private static final Range THREE = Range.of(3, 3);

  private static final String FREEBSD_ONLY = "FreeBSD only; use profile freebsd";

  private static final SysctlSpec ALLOW_ON = SysctlSpec.rw("net.inet.carp.allow", 1, Range.ANY_INT,
      "accept incoming CARP packets (0 drops them, still counted in ipackets)");
  private static final SysctlSpec PREEMPT_OFF = SysctlSpec.rw("net.inet.carp.preempt", 0, Range.ANY_INT,
      "take over from a slower master (rule B1)");
  private static final SysctlSpec ARPBALANCE_OFF = SysctlSpec.rw("net.inet.carp.arpbalance", 0, Range.ANY_INT,
      "answer ARP for a shared address from one virtual host per sender (§7.1)");
  private static final SysctlSpec STATS = SysctlSpec.ro("net.inet.carp.stats", 0, "struct carpstats");
  private static final SysctlSpec IP_FORWARDING = SysctlSpec.rw("net.inet.ip.forwarding", 0, Range.ANY_INT,
      "IPv4 forwarding");
  private static final SysctlSpec IP6_FORWARDING = SysctlSpec.rw("net.inet6.ip6.forwarding", 0, Range.ANY_INT,
      "IPv6 forwarding (sets the Router flag of unsolicited NAs)");

  /** Current OpenBSD (ip_carp.c 1.370, 2025). */
  public static final Profile OPENBSD = new Profile(
      "openbsd",
      "current OpenBSD (ip_carp.c 1.370, 2025): demote byte, replay cookie, master-down 3 x (advbase + advskew/256), "
          + "balancing, carpnodes, carppeer",
      "OBSD-1.370",
      new Authentication(HmacScheme.OPENBSD, CounterScheme.REPLAY_COOKIE, true, false),
      new Timing(AdvertisementInterval.BASE_PLUS_SKEW_WITH_FLOOR, MasterDown.THREE_TIMES_INTERVAL, true,
          new KernelTick(10 * MS, TickRounding.CEIL, false), false, 0, 3),
      new Demotion(DemoteByte.SENT_AND_COMPARED, SkewDemotion.NONE, 240,
          EnumSet.of(Trigger.PARENT_DOWN, Trigger.SEND_ERRORS), true, true, 3, false, false),
      new ReceiveRules(true, TieBreak.YIELD, false, false, true, true, true, false, true),
      new Lifecycle(Start.INIT_UNTIL_RUNNING, false, BowOut.ON_ADMIN_DOWN, false, LinkLoss.INIT_AND_DEMOTE, 0),
      new Emission(AdSourceMac.CARP_LLADDR, GarpSenderMac.CARP_LLADDR, 2, 0, false,
          NeighborAdvertisement.ON_LINK_UP, true, LOWDELAY_RANDOM_ID, AdSourceAddress.PARENT_FIRST_ELSE_CARP),
      new Balancing(ArpBalance.PER_INTERFACE_MODES, EnumSet.allOf(BalancingMode.class), 32, true, BalancingMode.IP),
      new Validation(List.of(ALLOW, INTERFACE, TTL, LENGTH, CHECKSUM, Validation.ReceiveCheck.VHID, VERSION, HMAC,
          OWN_REPLAY_COOKIE), true),
      Wordings.OPENBSD,
      new Statistics(true, PreemptCounting.EVERY_BACKUP_TO_MASTER),
      new ConfigStyle(InterfaceModel.CARP_INTERFACES, CarpdevPolicy.REQUIRED, SecondAddress.DESTINATION, false, true),
      new Knobs(VHID_RANGE, Range.of(0, 255), ADVSKEW_KERNEL, 19, LongPassphrase.TRUNCATE, CARPDEMOTE_RANGE, GROUP_TOTAL,
          NODE_VHID, ADVSKEW_KERNEL, THREE, false,
          EnumSet.of(VHID, ADVBASE, ADVSKEW, PASS, CARPDEV, CARPPEER, STATE, BALANCING, CARPNODES, LLADDR, GROUP,
              CARPDEMOTE),
          EnumSet.noneOf(Knobs.CarpOption.class), EnumSet.allOf(CarpState.class), true),
      Sysctls.of(
          List.of(ALLOW_ON, PREEMPT_OFF,
              SysctlSpec.rw("net.inet.carp.log", 2, Range.ANY_INT,
                  "highest syslog level logged, 0..7 (2 = LOG_CRIT: state changes only)"),
              STATS, IP_FORWARDING, IP6_FORWARDING),
          hints(
              "net.inet.carp.arpbalance", "removed after OpenBSD 4.x; use profile openbsd-3.5 or 'balancing arp'",
              "net.inet.carp.demotion",
              "FreeBSD only; use profile freebsd, or 'ifconfig -g carp carpdemote N' on OpenBSD",
              "net.inet.carp.ifdown_demotion_factor", FREEBSD_ONLY,
              "net.inet.carp.senderr_demotion_factor", FREEBSD_ONLY,
              "net.inet.carp.dscp", FREEBSD_ONLY,
              "net.pfsync.carp_demotion_factor",
              "FreeBSD only; OpenBSD's pfsync demotes the carp group by 32 during its bulk update",
              "net.inet.carp.suppress_preempt", "FreeBSD 9 and older only; use profile freebsd-6")));

  /**
   * OpenBSD 3.5/3.6, the era of the seeds' carp(4) page (ip_carp.c 1.54, 2004): the 2004 kernel code that
   * FreeBSD 6 ported and NetBSD took a year later, so those two are derived from it.
   */
  public static final Profile OPENBSD_3_5 = new Profile(
      "openbsd-3.5",
      "OpenBSD 3.5/3.6 (ip_carp.c 1.54, 2004), the seeds' carp(4): arpbalance by sender IP, preempt + link down "
          + "-> advskew 240, incrementing counter, master-down 3 x advbase + advskew/256",
      "OBSD-1.54",
      new Authentication(HmacScheme.INTERFACE_ORDER, CounterScheme.INCREMENT_ADOPT, false, false),
      new Timing(AdvertisementInterval.BASE_PLUS_SKEW, MasterDown.THREE_TIMES_BASE_PLUS_SKEW, true,
          TVTOHZ_HZ_100, true, 0, 3),
      new Demotion(DemoteByte.ZERO_IGNORED, SkewDemotion.RAISE_TO_240_WHILE_SUPPRESSED, 240,
          EnumSet.of(Trigger.PARENT_DOWN, Trigger.SEND_ERRORS), true, false, 3, false, false),
      new ReceiveRules(false, TieBreak.YIELD, false, false, false, false, false, false, true),
      new Lifecycle(Start.INIT_UNTIL_RUNNING, true, BowOut.WHEN_NOT_RUNNING_AT_SEND, false, LinkLoss.INIT_AND_SUPPRESS, 0),
      // no delayed second ARP: ip_carp.c 1.54 has no sc_delayed_arp (carp_master_down: ad, ARP, NA, setrun)
      new Emission(AdSourceMac.VIRTUAL_MAC, GarpSenderMac.VIRTUAL_MAC, 0, MS, false,
          NeighborAdvertisement.IMMEDIATE, true, LOWDELAY_RANDOM_ID, AdSourceAddress.PARENT_FIRST_ELSE_ZERO),
      new Balancing(ArpBalance.SENDER_IP_RAW_MODULO, EnumSet.of(BalancingMode.NONE), 1, false, BalancingMode.NONE),
      new Validation(List.of(ALLOW, INTERFACE, TTL, LENGTH, CHECKSUM, Validation.ReceiveCheck.VHID, VERSION, HMAC),
          true),
      Wordings.OPENBSD_2004,
      new Statistics(true, PreemptCounting.NEVER),
      new ConfigStyle(InterfaceModel.CARP_INTERFACES, CarpdevPolicy.BY_SUBNET, SecondAddress.DESTINATION, false, false),
      // advbase from 1: the 2004 kernel refuses advbase < CARP_DFLTINTV (choice; OBSD allows 0 only since ~5.0)
      new Knobs(VHID_RANGE, ADVBASE_FROM_1, ADVSKEW_KERNEL, 19, LongPassphrase.TRUNCATE, CARPDEMOTE_RANGE, GROUP_TOTAL,
          NODE_VHID, ADVSKEW_KERNEL, THREE, false,
          EnumSet.of(VHID, ADVBASE, ADVSKEW, PASS, STATE), EnumSet.of(CARPDEV), EnumSet.allOf(CarpState.class), true),
      Sysctls.of(
          List.of(ALLOW_ON, PREEMPT_OFF,
              SysctlSpec.rw("net.inet.carp.log", 0, Range.ANY_INT, "non-zero logs bad packets at LOG_INFO"),
              ARPBALANCE_OFF, IP_FORWARDING, IP6_FORWARDING),
          hints(
              "net.inet.carp.stats", "not a sysctl in OpenBSD 3.5 (ip_carp.c 1.54); use profile openbsd",
              "net.inet.carp.demotion", FREEBSD_ONLY,
              "net.inet.carp.ifdown_demotion_factor", FREEBSD_ONLY,
              "net.inet.carp.senderr_demotion_factor", FREEBSD_ONLY,
              "net.inet.carp.dscp", FREEBSD_ONLY,
              "net.inet.carp.suppress_preempt", "FreeBSD 9 and older only; use profile freebsd-6")));

  /**
   * NetBSD of 2016-17 (ip_carp.c 1.74.2.2, 2016): OpenBSD's code of 2005 (1.113), the 2004 kernel with these
   * changes, and IPv6 compiled out: carp_send_ad's IPv6 branch and carp_setrun's IPv6 master-down timer sit
   * under {@code #ifdef INET6_notyet}, so an IPv6-only vhost sends nothing and never leaves BACKUP. Its own
   * test, tests/net/carp/t_basic.sh 1.3 (2017-02-27), marks the carp6 cases {@code atf_expect_fail 'The
   * implementation of CARP on IPv6 is incomplete yet.'}.
   */
  public static final Profile NETBSD_2016 = OPENBSD_3_5
      .named("netbsd-2016",
          "NetBSD carp of 2016-17 (ip_carp.c 1.74.2.2, based on OpenBSD 1.113, 2005): sorted HMAC addresses, "
              + "MAC-hash ARP balancing, IP ID 0, IPv6 compiled out (INET6_notyet: no IPv6 advertisements, no "
              + "IPv6 master-down timer)",
          "NBSD")
      .withAuthentication(a -> a.withHmac(HmacScheme.SORTED))
      .withEmission(e -> e.withDelayedGarpAfterAds(2).withIpv6Advertisements(false)
          .withIpv4Header(LOWDELAY_RANDOM_ID.withIpId(IpId.ZERO)))
      .withBalancing(b -> b.withArp(ArpBalance.SENDER_MAC_CARP_HASH).withArpReplyRequiresMaster(true))
      .withValidation(new Validation(List.of(ALLOW, INTERFACE, TTL, LENGTH, CHECKSUM, Validation.ReceiveCheck.VHID,
          OWN_SOURCE_ADDRESS, VERSION, HMAC), true))
      .withWording(Wordings.NETBSD)
      .withConfig(c -> c.withCarpdev(CarpdevPolicy.KEYWORD_ELSE_SUBNET).withSecondAddress(SecondAddress.NETMASK))
      .withKnobs(k -> k.withOptions(EnumSet.of(VHID, ADVBASE, ADVSKEW, PASS, CARPDEV, STATE))
          .withAnachronisms(EnumSet.noneOf(Knobs.CarpOption.class)))
      .withSysctls(Sysctls.of(
          List.of(ALLOW_ON, PREEMPT_OFF,
              SysctlSpec.rw("net.inet.carp.log", 0, Range.ANY_INT, "log bad CARP packets"),
              ARPBALANCE_OFF, STATS, IP_FORWARDING, IP6_FORWARDING),
          hints(
              "net.inet.carp.demotion", FREEBSD_ONLY,
              "net.inet.carp.ifdown_demotion_factor", FREEBSD_ONLY,
              "net.inet.carp.senderr_demotion_factor", FREEBSD_ONLY,
              "net.inet.carp.dscp", FREEBSD_ONLY,
              "net.inet.carp.suppress_preempt", "FreeBSD 9 and older only; use profile freebsd-6")));

  /**
   * Current NetBSD: as {@link #NETBSD_2016} but CARP over IPv6 works: tests/net/carp/t_basic.sh 1.8.8.1
   * (2024-09-21) runs its carp_handover_ipv6_* cases with no expected failure (its add_test_case leaves
   * {@code expected_failure_code} empty), so the kernel sends IPv6 advertisements and runs the IPv6
   * master-down timer. Nothing else of the current ip_carp.c was read; the rest is the 2016 code.
   */
  public static final Profile NETBSD = NETBSD_2016
      .named("netbsd",
          "NetBSD carp (the 2016 code, ip_carp.c 1.74.2.2 based on OpenBSD 1.113, with CARP over IPv6 as current "
              + "NetBSD's t_basic.sh 1.8.8.1 runs it): sorted HMAC addresses, MAC-hash ARP balancing, IP ID 0",
          "NBSD")
      .withEmission(e -> e.withIpv6Advertisements(true));

  /** FreeBSD 6, the FreeBSD Handbook era: a port of OpenBSD's 2004 code, on FreeBSD's clock and IP stack. */
  public static final Profile FREEBSD_6 = OPENBSD_3_5
      .named("freebsd-6",
          "FreeBSD 6.x, the Handbook era (port of OpenBSD 2004): carp interfaces, cloned_interfaces / ifconfig_carpN "
              + "in rc.conf, arpbalance",
          "FBSD-old")
      .withTiming(t -> t.withKernelTick(TVTOHZ_HZ_1000))
      // no delayed second ARP: the FreeBSD 6 port has no sc_delayed_arp either
      .withEmission(e -> e.withIpv4Header(LOWDELAY_RANDOM_ID.withIpId(IpId.SEQUENTIAL)))
      // FreeBSD 6's carp_iamatch reads the sender in host order (ntohl), unlike OpenBSD 3.5
      .withBalancing(b -> b.withArp(ArpBalance.SENDER_IP_HOST_ORDER_MODULO).withArpReplyRequiresMaster(true))
      // no 'state' keyword in FreeBSD 6's ifconfig (choice: it came with later releases)
      .withKnobs(k -> k.withOptions(EnumSet.of(VHID, ADVBASE, ADVSKEW, PASS))
          .withAnachronisms(EnumSet.noneOf(Knobs.CarpOption.class))
          .withSettableStates(EnumSet.noneOf(CarpState.class)))
      .withSysctls(Sysctls.of(
          List.of(ALLOW_ON, PREEMPT_OFF,
              // FreeBSD's 2004 port shipped log = 1 (carp_opts), unlike OpenBSD's 0 (choice from that code)
              SysctlSpec.rw("net.inet.carp.log", 1, Range.ANY_INT, "log bad CARP packets and state changes"),
              ARPBALANCE_OFF,
              SysctlSpec.ro("net.inet.carp.suppress_preempt", 0, "global suppression counter"),
              STATS, IP_FORWARDING, IP6_FORWARDING),
          hints(
              "net.inet.carp.demotion", "added in FreeBSD 10; use profile freebsd",
              "net.inet.carp.ifdown_demotion_factor", "added in FreeBSD 10; use profile freebsd",
              "net.inet.carp.senderr_demotion_factor", "added in FreeBSD 10; use profile freebsd",
              "net.inet.carp.dscp", "added in FreeBSD 10; use profile freebsd")));

  /** Current FreeBSD (post-2011 rewrite, ≈14.x), CARP version 2: FreeBSD 6's code rewritten. */
  public static final Profile FREEBSD = FREEBSD_6
      .named("freebsd",
          "current FreeBSD (2011 rewrite, ~14.x): vhid on the parent interface, demotion sysctls, unicast peers",
          "FBSD")
      .withAuthentication(a -> a.withHmac(HmacScheme.SORTED).withEmptyPassKeepsKey(true))
      .withDemotion(d -> d.withSkew(SkewDemotion.ADD_CLAMPED))
      .withLifecycle(l -> l.withInitToMasterWhenPreempting(false).withBowOut(BowOut.NEVER)
          .withLinkLoss(LinkLoss.INIT_AND_DEMOTION_FACTOR))
      .withEmission(new Emission(AdSourceMac.VIRTUAL_MAC_MULTICAST_ONLY, GarpSenderMac.VIRTUAL_MAC, 0, 0, false,
          NeighborAdvertisement.IMMEDIATE_1MS_APART, true,
          new Ipv4Header(TosSource.DSCP_SYSCTL, 56 << 2, IpId.ZERO, true, 255),
          AdSourceAddress.PARENT_BEST_ELSE_ZERO))
      .withBalancing(b -> b.withArp(ArpBalance.NONE))
      .withValidation(new Validation(List.of(ALLOW, LENGTH, CHECKSUM, Validation.ReceiveCheck.VHID, VERSION,
          TTL_MULTICAST_ONLY, HMAC), false))
      .withWording(Wordings.FREEBSD)
      .withConfig(new ConfigStyle(InterfaceModel.VHID_ON_PARENT, CarpdevPolicy.NOT_APPLICABLE,
          SecondAddress.DESTINATION, true, false))
      .withKnobs(k -> k.withOptions(EnumSet.of(VHID, ADVBASE, ADVSKEW, PASS, STATE, PEER, PEER6, MCAST, MCAST6, GROUP))
          .withSettableStates(EnumSet.of(CarpState.BACKUP, CarpState.MASTER)))
      .withSysctls(Sysctls.of(
          List.of(ALLOW_ON, PREEMPT_OFF,
              SysctlSpec.rw("net.inet.carp.log", 1, Range.ANY_INT,
                  "1 logs state changes; above 1 adds bad-packet debug lines"),
              new SysctlSpec("net.inet.carp.demotion", 0, Range.ANY_INT, SysctlSpec.Access.READ_WRITE,
                  SysctlSpec.Write.ADD,
                  "global demotion added to every advskew (clamped 0..240); a write is added, not assigned"),
              SysctlSpec.rw("net.inet.carp.ifdown_demotion_factor", 240, Range.ANY_INT,
                  "demotion added while an interface is down"),
              SysctlSpec.rw("net.inet.carp.senderr_demotion_factor", 240, Range.ANY_INT,
                  "demotion added after repeated send errors"),
              SysctlSpec.rw("net.inet.carp.dscp", 56, Range.of(0, 63), "DSCP of advertisements (TOS = dscp << 2)"),
              SysctlSpec.rw("net.pfsync.carp_demotion_factor", 240, Range.ANY_INT,
                  "demotion added while pfsync waits for its bulk update (V_pfsync_carp_adj, CARP_MAXSKEW)"),
              STATS, IP_FORWARDING, IP6_FORWARDING),
          hints(
              "net.inet.carp.arpbalance", "removed from FreeBSD in the 2011 rewrite; use profile freebsd-6",
              "net.inet.carp.suppress_preempt", "FreeBSD 9 and older only; use profile freebsd-6")));

  /**
   * FreeBSD before review D32759 (PR 259528, November 2021; 10.0 … 13.0 by inference): the current
   * FreeBSD code but with {@code DEMOTE_ADVSKEW} capped at 240 and not floored at 0, so a negative
   * {@code net.inet.carp.demotion} is sent as its low byte and compared in full (both hosts MASTER).
   * A variant: found by name, not one of the six profiles {@link #all()} lists.
   */
  public static final Profile FREEBSD_13_0 = FREEBSD
      .named("freebsd-13.0",
          "FreeBSD 13.0 and older (before review D32759, PR 259528): advskew + net.inet.carp.demotion capped at 240 "
              + "but not floored at 0; a negative total is sent as one byte (-1 as 255) and compared in full",
          "FBSD")
      .withDemotion(d -> d.withSkew(SkewDemotion.ADD_CAPPED_WRAPPING));

  private static final String UCARP_NO_SYSCTL =
      "ucarp is a userland daemon without sysctls; give it options on its command line";

  /**
   * ucarp's start-up, exec to its first log line: 0.05–0.72 s in the lab; median 0.18 s from the rows
   * "both started at once" (3.181 s − the 3 s master-down) and "restart" (1.190 s − one 1 s tick).
   */
  private static final ProcessDelay UCARP_START_UP = new ProcessDelay(50 * MS, 180 * MS, 720 * MS, 0.8);

  /** The up-script's run time before the first advertisement as MASTER: 6–232 ms, median 20 ms, n = 90. */
  private static final ProcessDelay UCARP_UP_SCRIPT = new ProcessDelay(6 * MS, 20 * MS, 232 * MS, 1.15);

  /** ucarp 1.5.2 as it really runs (ucarp-lab.md). */
  public static final Profile UCARP = new Profile(
      "ucarp",
      "ucarp 1.5.2 userland daemon as observed on Debian 12: its HMAC, IP tie-break, source MAC "
          + "00:00:5e:00:00:vhid, 1 s receive tick, dead ratio",
      "UCARP",
      new Authentication(HmacScheme.UCARP, CounterScheme.UCARP, false, false),
      new Timing(AdvertisementInterval.BASE_PLUS_SKEW, MasterDown.UCARP_POLL, true, KernelTick.NONE, true, S, 3),
      new Demotion(DemoteByte.ZERO_IGNORED, SkewDemotion.RAISE_TO_240_WHILE_SUPPRESSED, 240,
          EnumSet.of(Trigger.SEND_ERRORS), false, false, 3, false, false),
      new ReceiveRules(false, TieBreak.LOWER_RAW_SOURCE_WINS, true, true, false, false, false, true, true),
      new Lifecycle(Start.BACKUP, false, BowOut.NEVER, false, LinkLoss.BACKUP_AND_RECHECK, 10 * S,
          UCARP_START_UP, UCARP_UP_SCRIPT),
      new Emission(AdSourceMac.UCARP_00_00_5E_00_00_VHID, GarpSenderMac.PHYSICAL_MAC, 2, 0, true,
          NeighborAdvertisement.NONE, false, LOWDELAY_RANDOM_ID, AdSourceAddress.SRCIP_OPTION),
      new Balancing(ArpBalance.NONE, EnumSet.of(BalancingMode.NONE), 1, true, BalancingMode.NONE),
      new Validation(List.of(OWN_SOURCE_FILTER, TTL, VERSION, Validation.ReceiveCheck.VHID, MULTICAST_DESTINATION,
          CHECKSUM_IP_AND_CARP, HMAC), true),
      Wordings.UCARP,
      new Statistics(false, PreemptCounting.NEVER),
      new ConfigStyle(InterfaceModel.UCARP_DAEMON, CarpdevPolicy.NOT_APPLICABLE, SecondAddress.DESTINATION, false, false),
      new Knobs(VHID_RANGE, Range.of(0, 255), Range.of(0, 255), 19, LongPassphrase.REFUSE, CARPDEMOTE_RANGE, GROUP_TOTAL,
          NODE_VHID, ADVSKEW_KERNEL, Range.of(1, Integer.MAX_VALUE), true,
          EnumSet.noneOf(Knobs.CarpOption.class), EnumSet.noneOf(Knobs.CarpOption.class),
          EnumSet.noneOf(CarpState.class), false),
      Sysctls.of(List.of(),
          hints(
              "net.inet.carp.allow", UCARP_NO_SYSCTL,
              "net.inet.carp.preempt", UCARP_NO_SYSCTL + " (--preempt)",
              "net.inet.carp.log", UCARP_NO_SYSCTL + " (--debug, --facility)",
              "net.inet.carp.arpbalance", UCARP_NO_SYSCTL + "; ucarp has no ARP balancing",
              "net.inet.carp.demotion", UCARP_NO_SYSCTL,
              "net.inet.carp.stats", "ucarp keeps no statistics",
              "net.inet.ip.forwarding", "a Linux host: net.ipv4.ip_forward is not modelled")));

  private static final String KEEPALIVED_NO_SYSCTL =
      "keepalived speaks VRRP, not the kernel's CARP: configure it in keepalived.conf";

  /**
   * keepalived 2.2 (Debian 12's 2.2.7) speaking VRRPv2/VRRPv3, not CARP: a host of this profile runs
   * its keepalived.conf (org.carpsim.carp.vrrp). Its CARP parts are ucarp's, the other Linux daemon's,
   * and unused: they only keep CARP commands refused with a reason.
   */
  public static final Profile KEEPALIVED = UCARP
      .named("keepalived",
          "keepalived 2.2.7 (Debian 12): VRRPv2/VRRPv3 from keepalived.conf, no VMAC, priority 0 on stop, "
              + "master down 3 x advert_int + skew",
          "keepalived")
      .withConfig(c -> new ConfigStyle(InterfaceModel.KEEPALIVED_DAEMON, c.carpdev(), c.secondAddress(),
          c.carpOptionsNeedVhid(), c.clonesOnAnyVerb()))
      .withSysctls(Sysctls.of(List.of(),
          hints(
              "net.inet.carp.allow", KEEPALIVED_NO_SYSCTL,
              "net.inet.carp.preempt", KEEPALIVED_NO_SYSCTL + " (nopreempt in vrrp_instance)",
              "net.inet.carp.log", KEEPALIVED_NO_SYSCTL + "",
              "net.inet.carp.arpbalance", KEEPALIVED_NO_SYSCTL + "",
              "net.inet.carp.demotion", KEEPALIVED_NO_SYSCTL,
              "net.inet.carp.stats", "keepalived keeps its own per-instance statistics",
              "net.inet.ip.forwarding", "a Linux host: net.ipv4.ip_forward is not modelled")));

  private static final Map<String, Profile> BY_NAME = new LinkedHashMap<>();

  /** Point releases kept for one behaviour that later changed; found by name, not listed. */
  private static final Map<String, Profile> VARIANTS = Map.of(FREEBSD_13_0.name(), FREEBSD_13_0,
      NETBSD_2016.name(), NETBSD_2016);

  static {
    for (Profile p : List.of(OPENBSD, OPENBSD_3_5, NETBSD, FREEBSD, FREEBSD_6, UCARP, KEEPALIVED)) {
      BY_NAME.put(p.name(), p);
    }
  }

  private Profiles() {}

  /** Every profile, in the order of the architecture document. */
  public static Collection<Profile> all() {
    return BY_NAME.values();
  }

  /** The profile names, in the same order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** The profiles that speak CARP (all but keepalived's VRRP), in the same order. */
  public static List<String> carpNames() {
    return BY_NAME.values().stream().filter(p -> p.config().interfaces() != ConfigStyle.InterfaceModel.KEEPALIVED_DAEMON)
        .map(Profile::name).toList();
  }

  /** The default profile of a scenario ({@code openbsd}). */
  public static Profile defaultProfile() {
    return OPENBSD;
  }

  /** The profile called {@code name}, if there is one (a listed profile or a {@link #variants() variant}). */
  public static Optional<Profile> find(String name) {
    Profile p = BY_NAME.get(name);
    return Optional.ofNullable(p != null ? p : VARIANTS.get(name));
  }

  /** The variants: older releases of a listed system, for one behaviour that changed since. */
  public static Collection<Profile> variants() {
    return VARIANTS.values();
  }

  /**
   * The profile called {@code name}.
   *
   * @throws UnknownProfileException listing the valid names and the nearest one
   */
  public static Profile byName(String name) {
    Profile p = find(name).orElse(null);
    if (p == null) {
      throw new UnknownProfileException(name, names(), NearestWord.among(name, BY_NAME.keySet()));
    }
    return p;
  }

  private static Map<String, String> hints(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

}
