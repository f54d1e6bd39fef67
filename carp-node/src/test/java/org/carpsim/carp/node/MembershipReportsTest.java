package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.node.embedded.CapturedFrame;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.Bytes;
import org.carpsim.carp.wire.GroupRecord;
import org.carpsim.carp.wire.IgmpMessage;
import org.carpsim.carp.wire.MldMessage;
import org.junit.jupiter.api.Test;

/**
 * The kernel's IGMP/MLD membership reports per system: which groups a CARP host reports, in which
 * version, how often at the join, and how it answers a general query (MembershipReports' facts).
 */
class MembershipReportsTest {

  private static final int CARP_GROUP = 0xe0000012;

  private static EmbeddedLan lan() {
    return new EmbeddedLan(7).membershipReports(true);
  }

  private static EmbeddedHost host(EmbeddedLan lan, Profile p) {
    return Lab.carpHost(lan, "fw1", 1, p, 1, 0, false, "secret");
  }

  /** The IGMP messages a host sent, with their times. */
  private static List<CapturedFrame> igmp(EmbeddedLan lan) {
    return lan.framesFrom("fw1").stream().filter(f -> f.etherType() == 0x0800 && f.bytes()[14 + 9] == 2).toList();
  }

  private static IgmpMessage message(CapturedFrame f) {
    int ihl = (f.bytes()[14] & 0xf) * 4;
    return IgmpMessage.decode(f.bytes(), 14 + ihl, Bytes.u16(f.bytes(), 16) - ihl);
  }

  @Test
  void freebsdReports224Dot0Dot0Dot18TwiceInIgmpv3WithinTheUnsolicitedReportInterval() {
    EmbeddedLan lan = lan();
    host(lan, Profiles.FREEBSD);
    lan.runFor(10 * S);
    List<CapturedFrame> reports = igmp(lan);
    assertEquals(2, reports.size(), reports.toString());
    assertEquals(new IgmpMessage.V3Report(List.of(new GroupRecord(GroupRecord.CHANGE_TO_EXCLUDE, 0, CARP_GROUP & 0xffffffffL))),
        message(reports.get(0)));
    assertEquals(0xe0000016, Bytes.i32(reports.get(0).bytes(), 14 + 16), "to 224.0.0.22");
    assertEquals(1, reports.get(0).bytes()[14 + 8], "TTL 1");
    assertEquals(0x94, reports.get(0).bytes()[14 + 20] & 0xff, "Router Alert");
    long gap = reports.get(1).timeNanos() - reports.get(0).timeNanos();
    assertTrue(gap > 0 && gap <= 3 * S, "the retransmission within IGMP_URI_INIT 3 s: " + gap);
  }

  @Test
  void openbsdNeverReportsALinkLocalGroup() {
    EmbeddedLan lan = lan();
    host(lan, Profiles.OPENBSD);
    lan.runFor(20 * S);
    assertEquals(List.of(), igmp(lan), "igmp_joingroup skips IN_LOCAL_GROUP");
  }

  @Test
  void ucarpOnLinuxJoinsOnceTheProcessIsUpAndLeavesWhenKilled() {
    EmbeddedLan lan = lan();
    EmbeddedHost h = host(lan, Profiles.UCARP);
    lan.runFor(10 * S);
    List<CapturedFrame> reports = igmp(lan);
    assertEquals(2, reports.size(), reports.toString());
    assertTrue(reports.get(0).timeNanos() > 0, "ucarp's socket joins when the process is up, not at exec");
    assertTrue(reports.get(1).timeNanos() - reports.get(0).timeNanos() <= S, "IGMP_V3_UNSOLICITED_REPORT_INTERVAL");
    h.configure("pkill -9 ucarp");
    lan.runFor(S);
    List<CapturedFrame> after = igmp(lan);
    assertEquals(3, after.size());
    assertEquals(new IgmpMessage.V3Report(List.of(new GroupRecord(GroupRecord.CHANGE_TO_INCLUDE, 0, CARP_GROUP & 0xffffffffL))),
        message(after.get(2)), "the killed process's socket closes: the kernel leaves the group");
  }

  @Test
  void aGeneralQueryIsAnsweredInItsVersionWithinMaxRespTime() {
    EmbeddedLan lan = lan();
    host(lan, Profiles.FREEBSD);
    lan.runFor(10 * S);
    byte[] query = MembershipFrames.igmp(0x0200_5e00_0000L, 0, 0xe0000001, new IgmpMessage.Query(2, 10 * S, 0));
    lan.inject("lan", query);
    long asked = lan.now();
    lan.runFor(11 * S);
    List<CapturedFrame> reports = igmp(lan);
    assertEquals(3, reports.size(), reports.toString());
    CapturedFrame answer = reports.get(2);
    assertEquals(new IgmpMessage.V2(IgmpMessage.V2_REPORT, CARP_GROUP), message(answer), "a v2 query gets a v2 report");
    assertEquals(CARP_GROUP, Bytes.i32(answer.bytes(), 14 + 16), "to the group itself");
    assertTrue(answer.timeNanos() - asked < 10 * S);
  }

  @Test
  void openbsdReportsFf02Colon12FromTheParentButTheSolicitedNodeGroupOnlyThroughAMasterCarpInterface() {
    int throughCarp = 0;
    for (long seed = 1; seed <= 8; seed++) {
      EmbeddedLan lan = new EmbeddedLan(seed).membershipReports(true);
      EmbeddedHost h = lan.host("fw1", Profiles.OPENBSD).nic("em0", "lan", Lab.mac(1));
      h.configure("ifconfig em0 inet6 fd00::2/64", "ifconfig carp0 create",
          "ifconfig carp0 vhid 1 pass secret carpdev em0", "ifconfig carp0 inet6 fd00::100/64");
      lan.runFor(20 * S);
      long master = Lab.firstTransition(lan, "fw1", org.carpsim.carp.profile.CarpState.MASTER, 0);
      Ipv6Address solicited = Ipv6Address.parse("ff02::1:ff00:100");
      List<CapturedFrame> mld = lan.framesFrom("fw1").stream()
          .filter(f -> f.etherType() == 0x86dd && f.bytes()[14 + 6] == 0 && f.bytes()[14 + 40] == 58).toList();
      List<CapturedFrame> carpGroup = mld.stream().filter(f -> group(f).equals(Ipv6Address.CARP_GROUP)).toList();
      assertEquals(2, carpGroup.size(), "ff02::12 at the join and within MLD_V1_MAX_RI, from the parent");
      assertEquals(Lab.mac(1), macOf(carpGroup.get(0), 6));
      assertEquals(new MldMessage.V1(MldMessage.V1_REPORT, Ipv6Address.CARP_GROUP), message6(carpGroup.get(0)));
      for (CapturedFrame f : mld) {
        if (group(f).equals(solicited)) {
          assertTrue(f.timeNanos() >= master, "carp_output drops what a BACKUP's carp0 sends: " + f);
          assertEquals("00:00:5e:00:01:01", macOf(f, 6), "sent through carp0, from its lladdr");
          throughCarp++;
        }
      }
      assertTrue(mld.size() <= 3, "the solicited-node report at the join (carp0 not MASTER yet) is lost: " + mld);
    }
    assertTrue(throughCarp > 0, "the delayed report (up to 10 s) finds carp0 MASTER (3 s) in most runs");
  }

  private static MldMessage message6(CapturedFrame f) {
    return MldMessage.decode(f.bytes(), 14 + 48, f.bytes().length - 14 - 48);
  }

  private static Ipv6Address group(CapturedFrame f) {
    return ((MldMessage.V1) message6(f)).group();
  }

  private static String macOf(CapturedFrame f, int offset) {
    return new org.carpsim.carp.net.MacAddress(Bytes.mac(f.bytes(), offset)).toString();
  }

  @Test
  void freebsdReportsTheSolicitedNodeGroupOfItsVhidAddressFromTheParentInMldv2() {
    EmbeddedLan lan = lan();
    EmbeddedHost h = lan.host("fw1", Profiles.FREEBSD).nic("em0", "lan", Lab.mac(1));
    h.configure("ifconfig em0 inet6 fd00::2/64", "ifconfig em0 inet6 vhid 1 pass secret fd00::100/64 alias");
    lan.runFor(10 * S);
    List<MldMessage> mld = lan.framesFrom("fw1").stream()
        .filter(f -> f.etherType() == 0x86dd && f.bytes()[14 + 6] == 0 && f.bytes()[14 + 40] == 58)
        .map(MembershipReportsTest::message6).toList();
    Ipv6Address solicited = Ipv6Address.parse("ff02::1:ff00:100");
    assertEquals(new MldMessage.V2Report(List.of(new GroupRecord(GroupRecord.CHANGE_TO_EXCLUDE,
        Ipv6Address.CARP_GROUP.hi(), Ipv6Address.CARP_GROUP.lo()))), mld.get(0));
    assertEquals(new MldMessage.V2Report(List.of(new GroupRecord(GroupRecord.CHANGE_TO_EXCLUDE, solicited.hi(),
        solicited.lo()))), mld.get(1));
    assertEquals(4, mld.size(), "each twice: " + mld);
  }
}
