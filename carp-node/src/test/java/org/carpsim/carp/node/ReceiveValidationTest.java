package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.MS;
import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Map;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.Bytes;
import org.carpsim.carp.wire.CarpStat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The receive-side checks, their order and counters (§5.6), own and looped packets (§3). */
class ReceiveValidationTest {

  /** A lone backup (advskew 100) that a third party's valid advertisements keep BACKUP. */
  private static EmbeddedHost backup(EmbeddedLan lan, Profile p) {
    return Lab.carpHost(lan, "b", 2, p, 1, 100, false, "secret");
  }

  private static Map<CarpStat, Long> stats(EmbeddedHost h, Profile p) {
    return h.node().statistics().get(Lab.iface(p));
  }

  private static Ads.Builder ad(Profile p) {
    return Ads.ad().scheme(p.authentication().hmac());
  }

  private static byte[] withCarpByte(byte[] f, int index, int value, boolean fixChecksum) {
    byte[] b = f.clone();
    int carp = 14 + 20;
    b[carp + index] = (byte) value;
    if (fixChecksum) {
      b[carp + 6] = 0;
      b[carp + 7] = 0;
      Bytes.put16(b, carp + 6, InternetChecksum.compute(b, carp, 36));
    }
    return b;
  }

  private static void deliver(EmbeddedLan lan, Profile p, byte[] frame) {
    lan.inject("lan", frame);
    // ucarp handles captured packets on its next receive tick
    lan.runFor(p.timing().receiveTickNs() > 0 ? p.timing().receiveTickNs() : 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6", "ucarp"})
  void eachBadPacketIsCountedInItsCounterAndIgnored(String name) {
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = new EmbeddedLan(6);
    EmbeddedHost b = backup(lan, p);
    lan.runFor(500 * MS);
    byte[] good = ad(p).frame();
    deliver(lan, p, good);
    assertEquals(1, stats(b, p).get(CarpStat.IPACKETS));
    deliver(lan, p, ad(p).ttl(64).frame());
    assertEquals(1, stats(b, p).get(CarpStat.BADTTL), "ttl 64");
    deliver(lan, p, withCarpByte(good, 9, 0x55, false));
    assertEquals(1, stats(b, p).get(CarpStat.BADSUM), "checksum");
    deliver(lan, p, withCarpByte(good, 0, 0x31, true));
    assertEquals(1, stats(b, p).get(CarpStat.BADVER), "version 3");
    deliver(lan, p, ad(p).pass("wrong").frame());
    assertEquals(1, stats(b, p).get(CarpStat.BADAUTH), "wrong pass");
    deliver(lan, p, ad(p).vhid(9).frame());
    if (name.equals("ucarp")) {
      // a daemon ignores other vhids ("Ignoring vhid", a debug line): not its packets, not counted
      assertEquals(0, b.node().systemStatistics().get(CarpStat.BADVHID));
      assertEquals(5, b.node().systemStatistics().get(CarpStat.IPACKETS));
    } else {
      assertEquals(1, b.node().statistics().get("em0").get(CarpStat.BADVHID), "vhid 9 is counted on the NIC");
      assertEquals(6, b.node().systemStatistics().get(CarpStat.IPACKETS), "all six counted in ipackets first");
    }
    // none of them restarted the master-down timer: the backup times out after the good one
    lan.runFor(10 * S);
    assertEquals(CarpState.MASTER, Lab.state(b, 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "freebsd"})
  void theOrderOfChecksDecidesTheCounter(String name) {
    // a packet with TTL 64 and a broken checksum: OpenBSD checks the TTL first, FreeBSD the checksum
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = new EmbeddedLan(6);
    EmbeddedHost b = backup(lan, p);
    lan.runFor(500 * MS);
    deliver(lan, p, withCarpByte(ad(p).ttl(64).frame(), 9, 0x55, false));
    Map<CarpStat, Long> s = stats(b, p);
    assertEquals(name.equals("openbsd") ? 1 : 0, s.get(CarpStat.BADTTL));
    assertEquals(name.equals("openbsd") ? 0 : 1, s.get(CarpStat.BADSUM));
  }

  @Test
  void aShortPacketIsBadlen() {
    Profile p = Profiles.OPENBSD;
    EmbeddedLan lan = new EmbeddedLan(6);
    EmbeddedHost b = backup(lan, p);
    lan.runFor(500 * MS);
    byte[] good = ad(p).frame();
    byte[] shortOne = java.util.Arrays.copyOf(good, 14 + 20 + 20);
    Bytes.put16(shortOne, 14 + 2, 40);
    shortOne[14 + 10] = 0;
    shortOne[14 + 11] = 0;
    Bytes.put16(shortOne, 14 + 10, InternetChecksum.compute(shortOne, 14, 20));
    deliver(lan, p, shortOne);
    assertEquals(1, stats(b, p).get(CarpStat.BADLEN));
    b.configure("sysctl net.inet.carp.log=7");
    deliver(lan, p, shortOne);
    assertTrue(lan.logTexts("b").contains("carp: packet too short 40 on em0"));
  }

  @Test
  void allowZeroCountsAndDropsSilently() {
    Profile p = Profiles.OPENBSD;
    EmbeddedLan lan = new EmbeddedLan(6);
    EmbeddedHost b = backup(lan, p);
    b.configure("sysctl net.inet.carp.allow=0");
    for (int i = 0; i < 5; i++) {
      lan.runFor(S);
      deliver(lan, p, ad(p).pass("wrong").ttl(1).frame());
    }
    Map<CarpStat, Long> s = stats(b, p);
    assertEquals(5, s.get(CarpStat.IPACKETS));
    assertEquals(0, s.get(CarpStat.BADTTL) + s.get(CarpStat.BADAUTH));
  }

  @Test
  void openbsdCountsItsOwnLoopedAdvertisementAsBadauthAndKeepsMaster() {
    EmbeddedLan lan = new EmbeddedLan(6);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.OPENBSD, 1, 0, false, "pw");
    a.configure("sysctl net.inet.carp.log=4");
    lan.echo("lan", true);
    lan.runFor(10 * S + MS);
    assertEquals(CarpState.MASTER, Lab.state(a, 1));
    long ads = Lab.ads(lan, "a").size();
    assertEquals(ads, stats(a, Profiles.OPENBSD).get(CarpStat.BADAUTH), "step 9: our own replay cookie");
    assertEquals(ads, lan.logTexts("a").stream().filter(l -> l.equals("carp0: replay or network loop detected")).count());
  }

  @Test
  void openbsdOwnPacketsOnANonSimplexNicAreDroppedWithoutACount() {
    EmbeddedLan lan = new EmbeddedLan(6);
    EmbeddedHost a = lan.host("a", Profiles.OPENBSD).nic("em0", "lan", MacAddress.parse(Lab.mac(1)), false);
    a.configure("ifconfig em0 inet 10.0.0.2/24", "ifconfig carp0 create", "ifconfig carp0 vhid 1 pass pw carpdev em0 10.0.0.1/24");
    lan.echo("lan", true);
    lan.runFor(10 * S);
    assertEquals(CarpState.MASTER, Lab.state(a, 1));
    assertEquals(0, stats(a, Profiles.OPENBSD).get(CarpStat.BADAUTH));
  }

  @Test
  void olderSystemsYieldToTheirOwnReflectedAdvertisement() {
    // "teamed NICs echo a node's own advert back to it, so both nodes stay BACKUP" (anchors §3)
    EmbeddedLan lan = new EmbeddedLan(6);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, Profiles.OPENBSD_3_5, 1, 0, false, "pw");
    lan.echo("lan", true);
    lan.runFor(3 * S + MS);
    assertEquals(3 * S, Lab.firstTransition(lan, "a", CarpState.MASTER, 0));
    assertEquals(3 * S, Lab.firstTransition(lan, "a", CarpState.BACKUP, 3 * S), "L == R: the receiving master yields");
    assertEquals(CarpState.BACKUP, Lab.state(a, 1));
  }

  @Test
  void netbsdDropsItsOwnSourceOnANonSimplexNic() {
    EmbeddedLan lan = new EmbeddedLan(6);
    EmbeddedHost a = lan.host("a", Profiles.NETBSD).nic("em0", "lan", MacAddress.parse(Lab.mac(1)), false);
    a.configure("ifconfig em0 inet 10.0.0.2/24", "ifconfig carp0 create",
        "ifconfig carp0 vhid 1 pass pw carpdev em0 10.0.0.1 255.255.255.0");
    lan.echo("lan", true);
    lan.runFor(10 * S);
    assertEquals(CarpState.MASTER, Lab.state(a, 1));
    Map<CarpStat, Long> s = stats(a, Profiles.NETBSD);
    assertTrue(s.get(CarpStat.IPACKETS) > 0);
    assertEquals(0, s.get(CarpStat.BADAUTH));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openbsd", "openbsd-3.5", "netbsd", "freebsd", "freebsd-6", "ucarp"})
  void aWrongPassMakesTwoMastersEachCountingTheOthersAdsAsBadauth(String name) {
    Profile p = Profiles.byName(name);
    EmbeddedLan lan = new EmbeddedLan(6);
    EmbeddedHost a = Lab.carpHost(lan, "a", 1, p, 1, 0, true, "secret");
    EmbeddedHost b = Lab.carpHost(lan, "b", 2, p, 1, 100, true, "wrongpass");
    lan.runFor(20 * S);
    assertEquals(CarpState.MASTER, Lab.state(a, 1));
    assertEquals(CarpState.MASTER, Lab.state(b, 1));
    assertTrue(stats(a, p).get(CarpStat.BADAUTH) > 10);
    assertTrue(stats(b, p).get(CarpStat.BADAUTH) > 10);
  }
}
