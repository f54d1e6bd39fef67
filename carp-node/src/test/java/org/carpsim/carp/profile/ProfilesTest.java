package org.carpsim.carp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.auth.CounterScheme;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.profile.Balancing.ArpBalance;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.ConfigStyle.CarpdevPolicy;
import org.carpsim.carp.profile.ConfigStyle.InterfaceModel;
import org.carpsim.carp.profile.Demotion.DemoteByte;
import org.carpsim.carp.profile.Demotion.SkewDemotion;
import org.carpsim.carp.profile.Emission.AdSourceMac;
import org.carpsim.carp.profile.Emission.GarpSenderMac;
import org.carpsim.carp.profile.Emission.IpId;
import org.carpsim.carp.profile.Knobs.CarpOption;
import org.carpsim.carp.profile.Knobs.LongPassphrase;
import org.carpsim.carp.profile.Lifecycle.BowOut;
import org.carpsim.carp.profile.ReceiveRules.TieBreak;
import org.carpsim.carp.profile.Statistics.PreemptCounting;
import org.carpsim.carp.profile.Timing.MasterDown;
import org.carpsim.carp.profile.Validation.ReceiveCheck;
import org.junit.jupiter.api.Test;

class ProfilesTest {

  @Test
  void registryHoldsTheSixProfilesOfTheArchitectureInOrderThenKeepalived() {
    assertEquals(List.of("openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6", "ucarp", "keepalived"),
        Profiles.names());
    for (String n : Profiles.names()) {
      assertEquals(n, Profiles.byName(n).name());
    }
    assertSame(Profiles.OPENBSD_3_5, Profiles.byName("openbsd-3.5"));
    assertSame(Profiles.OPENBSD, Profiles.defaultProfile());
  }

  @Test
  void unknownProfileListsTheValidNamesAndTheNearest() {
    UnknownProfileException e = assertThrows(UnknownProfileException.class, () -> Profiles.byName("openbsd3.5"));
    assertEquals("unknown profile 'openbsd3.5' (valid: openbsd, openbsd-3.5, netbsd, freebsd, freebsd-6, ucarp, "
        + "keepalived); "
        + "did you mean openbsd-3.5?", e.getMessage());
    assertEquals(Optional.of("openbsd-3.5"), e.nearest());
    UnknownProfileException far = assertThrows(UnknownProfileException.class, () -> Profiles.byName("solaris"));
    assertEquals(Optional.empty(), far.nearest());
    assertTrue(far.getMessage().endsWith("ucarp, keepalived)"), far.getMessage());
  }

  /** Every switch says where it comes from: walk every record reachable from every profile. */
  @Test
  void everySwitchCarriesItsSource() {
    List<String> missing = new ArrayList<>();
    checkSources(Profile.class, missing);
    assertEquals(List.of(), missing);
  }

  private static void checkSources(Class<?> type, List<String> missing) {
    for (RecordComponent c : type.getRecordComponents()) {
      Source s = c.getAnnotation(Source.class);
      if (s == null || s.value().isBlank()) {
        missing.add(type.getSimpleName() + "." + c.getName());
      }
      // Range is a plain value (min, max), not a switch
      if (c.getType().isRecord() && c.getType() != Range.class
          && c.getType().getPackage() == Profile.class.getPackage()) {
        checkSources(c.getType(), missing);
      }
    }
  }

  @Test
  void profilesAreImmutable() {
    for (Profile p : Profiles.all()) {
      assertThrows(UnsupportedOperationException.class, () -> p.knobs().options().add(CarpOption.VHID));
      assertThrows(UnsupportedOperationException.class, () -> p.sysctls().known().clear());
      assertThrows(UnsupportedOperationException.class, () -> p.validation().receiveChecks().clear());
    }
  }

  @Test
  void authenticationPerSystem() {
    assertEquals(HmacScheme.OPENBSD, Profiles.OPENBSD.authentication().hmac());
    assertEquals(CounterScheme.REPLAY_COOKIE, Profiles.OPENBSD.authentication().counter());
    assertTrue(Profiles.OPENBSD.authentication().acceptsEitherV6Context());
    assertEquals(HmacScheme.INTERFACE_ORDER, Profiles.OPENBSD_3_5.authentication().hmac());
    assertEquals(HmacScheme.INTERFACE_ORDER, Profiles.FREEBSD_6.authentication().hmac());
    assertEquals(HmacScheme.SORTED, Profiles.NETBSD.authentication().hmac());
    assertEquals(HmacScheme.SORTED, Profiles.FREEBSD.authentication().hmac());
    assertEquals(HmacScheme.UCARP, Profiles.UCARP.authentication().hmac());
    for (Profile p : List.of(Profiles.OPENBSD_3_5, Profiles.NETBSD, Profiles.FREEBSD, Profiles.FREEBSD_6)) {
      assertEquals(CounterScheme.INCREMENT_ADOPT, p.authentication().counter(), p.name());
    }
    assertEquals(CounterScheme.UCARP, Profiles.UCARP.authentication().counter());
    assertTrue(Profiles.FREEBSD.authentication().emptyPassKeepsKey());
  }

  @Test
  void passphrasesAreNineteenBytesTruncatedByIfconfigRefusedByUcarp() {
    for (Profile p : Profiles.all()) {
      assertEquals(19, p.knobs().passMaxBytes(), p.name());
      // keepalived speaks no CARP: its unused CARP knobs are ucarp's (its own auth_pass keeps 8 bytes)
      assertEquals(p == Profiles.UCARP || p == Profiles.KEEPALIVED ? LongPassphrase.REFUSE : LongPassphrase.TRUNCATE,
          p.knobs().longPassphrase());
    }
  }

  @Test
  void demoteByteOnlyInCurrentOpenbsd() {
    assertEquals(DemoteByte.SENT_AND_COMPARED, Profiles.OPENBSD.demotion().demoteByte());
    assertTrue(Profiles.OPENBSD.comparesDemote());
    assertEquals(255, Profiles.OPENBSD.advertisedDemote(300));
    assertEquals(7, Profiles.OPENBSD.advertisedDemote(7));
    for (Profile p : Profiles.all()) {
      if (p != Profiles.OPENBSD) {
        assertFalse(p.comparesDemote(), p.name());
        assertEquals(0, p.advertisedDemote(7), p.name());
      }
    }
  }

  @Test
  void theOld240RuleBelongsToTheEraProfilesAndUcarp() {
    for (Profile p : List.of(Profiles.OPENBSD_3_5, Profiles.NETBSD, Profiles.FREEBSD_6, Profiles.UCARP)) {
      assertEquals(SkewDemotion.RAISE_TO_240_WHILE_SUPPRESSED, p.demotion().skew(), p.name());
      assertEquals(240, p.effectiveAdvskew(0, 1));
      assertEquals(240, p.effectiveAdvskew(100, 1));
      assertEquals(240, p.effectiveAdvskew(240, 1));
      assertEquals(250, p.effectiveAdvskew(250, 1), "keeps an advskew above 240");
      assertEquals(100, p.effectiveAdvskew(100, 0), "no suppression, no change");
      assertFalse(p.demotion().requiresPreempt(), "the code does not look at preempt (§5.5)");
    }
    // ucarp: only write errors suppress; the kernels also react to the parent going down
    assertEquals(java.util.Set.of(Demotion.Trigger.SEND_ERRORS), Profiles.UCARP.demotion().triggers());
    assertTrue(Profiles.OPENBSD_3_5.demotion().triggers().contains(Demotion.Trigger.PARENT_DOWN));
    assertEquals(SkewDemotion.NONE, Profiles.OPENBSD.demotion().skew());
    assertEquals(100, Profiles.OPENBSD.effectiveAdvskew(100, 5), "current OpenBSD demotes by the byte, not the skew");
  }

  @Test
  void freebsdAddsTheDemotionSysctlClampedTo0And240() {
    Profile f = Profiles.FREEBSD;
    assertEquals(SkewDemotion.ADD_CLAMPED, f.demotion().skew());
    assertEquals(150, f.effectiveAdvskew(100, 50));
    assertEquals(240, f.effectiveAdvskew(100, 240), "ifdown_demotion_factor 240 saturates");
    assertEquals(0, f.effectiveAdvskew(0, -1), "PR 259528: a negative demotion cannot make a host better than 0");
    assertEquals(240, f.effectiveAdvskew(250, 0), "the clamp applies even without demotion");
    assertEquals(SysctlSpec.Write.ADD, f.sysctls().find("net.inet.carp.demotion").orElseThrow().write());
    assertEquals(240, f.sysctls().defaultValue("net.inet.carp.ifdown_demotion_factor"));
    assertEquals(240, f.sysctls().defaultValue("net.inet.carp.senderr_demotion_factor"));
    assertEquals(Range.of(0, 63), f.sysctls().find("net.inet.carp.dscp").orElseThrow().range());
    assertEquals(0xE0, f.emission().ipv4Header().tos(56), "DSCP 56 → TOS 0xE0");
    assertEquals(0x10, Profiles.OPENBSD.emission().ipv4Header().tos(56), "OpenBSD sends IPTOS_LOWDELAY");
  }

  @Test
  void ipv4HeaderAsSent() {
    assertEquals(IpId.RANDOM, Profiles.OPENBSD.emission().ipv4Header().ipId());
    assertEquals(IpId.ZERO, Profiles.NETBSD.emission().ipv4Header().ipId());
    assertEquals(IpId.RANDOM, Profiles.UCARP.emission().ipv4Header().ipId());
    for (Profile p : Profiles.all()) {
      assertTrue(p.emission().ipv4Header().dontFragment(), p.name());
      assertEquals(255, p.emission().ipv4Header().ttl(), p.name());
    }
    assertFalse(Profiles.NETBSD_2016.emission().ipv6Advertisements(), "NetBSD 2016 compiled IPv6 sending out");
    assertTrue(Profiles.NETBSD.emission().ipv6Advertisements(), "current NetBSD's t_basic.sh hands over on IPv6");
    assertEquals(Profiles.NETBSD_2016, Profiles.byName("netbsd-2016"));
    assertFalse(Profiles.names().contains("netbsd-2016"), "a variant: found by name, not listed");
  }

  @Test
  void framesAndGarps() {
    assertEquals(AdSourceMac.CARP_LLADDR, Profiles.OPENBSD.emission().advertisementSourceMac());
    assertEquals(AdSourceMac.UCARP_00_00_5E_00_00_VHID, Profiles.UCARP.emission().advertisementSourceMac());
    assertEquals(AdSourceMac.VIRTUAL_MAC_MULTICAST_ONLY, Profiles.FREEBSD.emission().advertisementSourceMac());
    assertEquals(GarpSenderMac.PHYSICAL_MAC, Profiles.UCARP.emission().garpSenderMac());
    assertEquals(2, Profiles.OPENBSD.emission().delayedGarpAfterAds());
    assertEquals(2, Profiles.UCARP.emission().delayedGarpAfterAds());
    assertEquals(0, Profiles.FREEBSD.emission().delayedGarpAfterAds(), "FreeBSD has no delayed second ARP");
    assertTrue(Profiles.UCARP.emission().garpBeforeFirstAd());
    assertEquals(Emission.NeighborAdvertisement.NONE, Profiles.UCARP.emission().neighborAdvertisement());
    assertEquals(Emission.NeighborAdvertisement.ON_LINK_UP, Profiles.OPENBSD.emission().neighborAdvertisement());
  }

  @Test
  void stateRulesPerEra() {
    assertTrue(Profiles.OPENBSD.receive().masterComparesDemote());
    assertTrue(Profiles.OPENBSD.receive().takeOverMoreDemoted());
    assertTrue(Profiles.OPENBSD.receive().willTimeOutNeedsNonZeroAdvbase());
    assertTrue(Profiles.OPENBSD_3_5.lifecycle().initToMasterWhenPreempting(), "OBSD-1.54 INIT→MASTER shortcut");
    assertFalse(Profiles.OPENBSD.lifecycle().initToMasterWhenPreempting());
    assertFalse(Profiles.UCARP.lifecycle().initToMasterWhenPreempting(), "ucarp removed it");
    assertEquals(Lifecycle.Start.BACKUP, Profiles.UCARP.lifecycle().start());
    assertEquals(TieBreak.LOWER_RAW_SOURCE_WINS, Profiles.UCARP.receive().tieBreak());
    assertEquals(BowOut.ON_ADMIN_DOWN, Profiles.OPENBSD.lifecycle().bowOut());
    assertEquals(BowOut.WHEN_NOT_RUNNING_AT_SEND, Profiles.OPENBSD_3_5.lifecycle().bowOut());
    assertEquals(BowOut.NEVER, Profiles.FREEBSD.lifecycle().bowOut());
    for (Profile p : Profiles.all()) {
      assertFalse(p.lifecycle().rescheduleAfterBowOut(), p.name() + ": only OBSD-1.6 rescheduled after 255/255");
      assertTrue(p.timing().skewTruncatedToMicroseconds());
    }
    assertEquals(10_000_000_000L, Profiles.UCARP.lifecycle().linkRecheckNs());
  }

  @Test
  void balancingModels() {
    assertEquals(ArpBalance.SENDER_IP_RAW_MODULO, Profiles.OPENBSD_3_5.balancing().arp());
    assertEquals(ArpBalance.SENDER_MAC_CARP_HASH, Profiles.NETBSD.balancing().arp());
    assertEquals(ArpBalance.PER_INTERFACE_MODES, Profiles.OPENBSD.balancing().arp());
    assertEquals(ArpBalance.NONE, Profiles.FREEBSD.balancing().arp());
    assertEquals(ArpBalance.SENDER_IP_HOST_ORDER_MODULO, Profiles.FREEBSD_6.balancing().arp());
    assertEquals(32, Profiles.OPENBSD.balancing().maxNodesPerInterface());
    assertEquals(BalancingMode.IP, Profiles.OPENBSD.balancing().defaultModeForManyNodes());
    assertFalse(Profiles.OPENBSD_3_5.balancing().arpReplyRequiresMaster(), "OBSD-1.54 answers from any running vhost");
  }

  @Test
  void arpbalanceIndexReadsTheSenderAsALittleEndianRawValue() {
    // §7.1: with two interfaces every 192.x sender maps to index 0 (the first octet is the low byte)
    for (int last = 0; last < 256; last++) {
      assertEquals(0, Balancing.senderIpIndex(0xc0a80100 | last, 2));
    }
    assertEquals(1, Balancing.senderIpIndex(0xc1000001, 2), "193.0.0.1: odd first octet");
    assertEquals(0, Balancing.senderIpIndex(0x0a000001, 2), "10.0.0.1");
    // three interfaces: 0x0101a8c0 % 3 for 192.168.1.1
    assertEquals((int) (0x0101a8c0L % 3), Balancing.senderIpIndex(0xc0a80101, 3));
  }

  @Test
  void freebsd6ArpbalanceReadsTheSenderInHostOrder() {
    // FreeBSD 6 carp_iamatch: ntohl(isaddr->s_addr) % count, so the last octet decides
    assertEquals(1, Balancing.senderIpHostOrderIndex(0xc0a80101, 2), "192.168.1.1");
    assertEquals(0, Balancing.senderIpHostOrderIndex(0xc0a80102, 2), "192.168.1.2");
    assertEquals((int) (0xc0a80101L % 3), Balancing.senderIpHostOrderIndex(0xc0a80101, 3));
    assertEquals(1, Profiles.FREEBSD_6.balancing().senderIndex(0xc0a80101, 2));
    assertEquals(0, Profiles.OPENBSD_3_5.balancing().senderIndex(0xc0a80101, 2));
  }

  @Test
  void receiveValidationOrders() {
    assertEquals(List.of(ReceiveCheck.ALLOW, ReceiveCheck.INTERFACE, ReceiveCheck.TTL, ReceiveCheck.LENGTH,
        ReceiveCheck.CHECKSUM, ReceiveCheck.VHID, ReceiveCheck.VERSION, ReceiveCheck.HMAC,
        ReceiveCheck.OWN_REPLAY_COOKIE), Profiles.OPENBSD.validation().receiveChecks());
    List<ReceiveCheck> f = Profiles.FREEBSD.validation().receiveChecks();
    assertTrue(f.indexOf(ReceiveCheck.VERSION) < f.indexOf(ReceiveCheck.TTL_MULTICAST_ONLY), "FreeBSD: TTL late");
    assertFalse(Profiles.FREEBSD.validation().ttlCheckedForUnicast());
    List<ReceiveCheck> u = Profiles.UCARP.validation().receiveChecks();
    assertEquals(ReceiveCheck.OWN_SOURCE_FILTER, u.get(0));
    assertTrue(u.indexOf(ReceiveCheck.VERSION) < u.indexOf(ReceiveCheck.CHECKSUM_IP_AND_CARP), "ucarp: checksum late");
    assertFalse(Profiles.UCARP.statistics().hasCarpstats());
    assertEquals(PreemptCounting.EVERY_BACKUP_TO_MASTER, Profiles.OPENBSD.statistics().preemptCounting());
    assertEquals(PreemptCounting.NEVER, Profiles.OPENBSD_3_5.statistics().preemptCounting());
  }

  @Test
  void configurationStyles() {
    assertEquals(InterfaceModel.VHID_ON_PARENT, Profiles.FREEBSD.config().interfaces());
    assertTrue(Profiles.FREEBSD.config().carpOptionsNeedVhid());
    assertEquals(InterfaceModel.CARP_INTERFACES, Profiles.FREEBSD_6.config().interfaces());
    assertEquals(CarpdevPolicy.BY_SUBNET, Profiles.OPENBSD_3_5.config().carpdev());
    assertEquals(CarpdevPolicy.REQUIRED, Profiles.OPENBSD.config().carpdev());
    assertEquals(CarpdevPolicy.KEYWORD_ELSE_SUBNET, Profiles.NETBSD.config().carpdev());
    assertEquals(InterfaceModel.UCARP_DAEMON, Profiles.UCARP.config().interfaces());
  }

  @Test
  void knobRanges() {
    assertEquals(Range.of(0, 255), Profiles.OPENBSD.knobs().advbase(), "OBSD allows advbase 0");
    assertEquals(Range.of(1, 255), Profiles.FREEBSD.knobs().advbase());
    assertEquals(Range.of(0, 254), Profiles.OPENBSD.knobs().advskew());
    assertEquals(Range.of(0, 255), Profiles.UCARP.knobs().advskew());
    assertEquals(Range.of(0, 128), Profiles.OPENBSD.knobs().carpdemote());
    assertTrue(Profiles.UCARP.knobs().zeroIntervalRefused());
    assertTrue(Profiles.OPENBSD_3_5.knobs().anachronisms().contains(CarpOption.CARPDEV));
    assertFalse(Profiles.OPENBSD_3_5.knobs().options().contains(CarpOption.CARPPEER));
    assertEquals(java.util.Set.of(CarpState.BACKUP, CarpState.MASTER), Profiles.FREEBSD.knobs().settableStates());
  }

  @Test
  void sysctlDefaultsPerSystem() {
    assertEquals(2, Profiles.OPENBSD.sysctls().defaultValue("net.inet.carp.log"));
    assertEquals(0, Profiles.OPENBSD_3_5.sysctls().defaultValue("net.inet.carp.log"));
    assertEquals(1, Profiles.FREEBSD.sysctls().defaultValue("net.inet.carp.log"));
    for (Profile p : Profiles.all()) {
      if (p != Profiles.UCARP && p != Profiles.KEEPALIVED) {
        assertEquals(1, p.sysctls().defaultValue("net.inet.carp.allow"), p.name());
        assertEquals(0, p.sysctls().defaultValue("net.inet.carp.preempt"), p.name());
      }
    }
    assertTrue(Profiles.OPENBSD_3_5.sysctls().find("net.inet.carp.arpbalance").isPresent());
    assertTrue(Profiles.OPENBSD.sysctls().find("net.inet.carp.arpbalance").isEmpty());
    assertTrue(Profiles.OPENBSD.sysctls().absentHint("net.inet.carp.arpbalance").isPresent());
    assertTrue(Profiles.OPENBSD.sysctls().isNode("net.inet.carp"));
    assertTrue(Profiles.UCARP.sysctls().known().isEmpty());
    assertTrue(Profiles.KEEPALIVED.sysctls().known().isEmpty());
    assertTrue(Profiles.KEEPALIVED.sysctls().absentHint("net.inet.carp.preempt").orElseThrow().contains("keepalived.conf"));
  }

  @Test
  void masterDownRulesPerEra() {
    assertEquals(MasterDown.THREE_TIMES_INTERVAL, Profiles.OPENBSD.timing().masterDown());
    assertEquals(MasterDown.THREE_TIMES_BASE_PLUS_SKEW, Profiles.OPENBSD_3_5.timing().masterDown());
    assertEquals(MasterDown.UCARP_POLL, Profiles.UCARP.timing().masterDown());
    assertEquals(1_000_000_000L, Profiles.UCARP.timing().receiveTickNs());
  }

  @Test
  void onlyTheDaemonsAreIpv4Only() {
    for (Profile p : Profiles.all()) {
      assertEquals(p != Profiles.UCARP && p != Profiles.KEEPALIVED, p.supportsIpv6(), p.name());
    }
  }
}
