package org.carpsim.carp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.embedded.CapturedFrame;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.vrrp.KeepalivedConfParser;
import org.carpsim.carp.wire.Bytes;
import org.carpsim.carp.wire.GroupRecord;
import org.carpsim.carp.wire.IgmpMessage;
import org.junit.jupiter.api.Test;

/**
 * keepalived's IGMP reports for 224.0.0.18 (field failure 7): with {@code use_vmac} its socket joins
 * the group on the macvlan, so the kernel reports from 00:00:5e:00:01:VRID, on a BACKUP too
 * (keepalived #882, #1957); {@code vmac_xmit_base} joins on the parent (PR #60; #1957), and
 * {@code disable_local_igmp} clears igmp_link_local_mcast_reports (PR #1797).
 */
class KeepalivedVmacReportsTest {

  private static final String PATH = "/etc/keepalived/keepalived.conf";
  private static final long S = 1_000_000_000L;
  private static final long VMAC = MacAddress.carpVirtual(51).value();
  private static final long R1 = MacAddress.parse("02:00:00:00:00:01").value();
  private static final long R2 = MacAddress.parse("02:00:00:00:00:02").value();

  private static String conf(String global, int priority, String extra) {
    return """
        global_defs {
        %s
        }
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority %d
        %s
            virtual_ipaddress {
                10.77.0.100/24
            }
        }
        """.formatted(global, priority, extra);
  }

  private static EmbeddedHost router(EmbeddedLan lan, String name, long mac, String ip, String conf) {
    EmbeddedHost h = lan.host(name, Profiles.KEEPALIVED).nic("eth0", "lan", new MacAddress(mac));
    assertTrue(h.run("ifconfig eth0 inet " + ip + "/24 up").ok());
    h.node().execute(new HostCommand.KeepalivedConfFile(PATH, KeepalivedConfParser.parse(PATH, conf)));
    return h;
  }

  /** A master r1 (priority 150) and the backup r2 under test, both started at 0. */
  private static EmbeddedLan pair(String global, String r2Extra) {
    EmbeddedLan lan = new EmbeddedLan(3).membershipReports(true);
    EmbeddedHost r1 = router(lan, "r1", R1, "10.77.0.11", conf("", 150, "    use_vmac"));
    EmbeddedHost r2 = router(lan, "r2", R2, "10.77.0.12", conf(global, 100, r2Extra));
    assertTrue(r1.run("systemctl start keepalived").ok());
    assertTrue(r2.run("systemctl start keepalived").ok());
    return lan;
  }

  private static List<CapturedFrame> igmp(EmbeddedLan lan, String host) {
    return lan.framesFrom(host).stream().filter(f -> f.etherType() == 0x0800 && f.bytes()[14 + 9] == 2).toList();
  }

  private static long sourceMac(CapturedFrame f) {
    return Bytes.mac(f.bytes(), 6);
  }

  private static IgmpMessage message(CapturedFrame f) {
    int ihl = (f.bytes()[14] & 0xf) * 4;
    return IgmpMessage.decode(f.bytes(), 14 + ihl, Bytes.u16(f.bytes(), 16) - ihl);
  }

  private static void query(EmbeddedLan lan) {
    lan.inject("lan", MembershipFrames.igmp(0x0200_5e00_00ffL, 0, 0xe0000001, new IgmpMessage.Query(2, 10 * S, 0)));
  }

  @Test
  void useVmacReportsFromTheVirtualMacOnABackupAtStartAndInEachQueryAnswer() {
    EmbeddedLan lan = pair("", "    use_vmac");
    lan.runFor(10 * S);
    assertEquals(CarpState.BACKUP, lan.transitions().stream().filter(t -> t.host().equals("r2"))
        .reduce((a, b) -> b).orElseThrow().transition().to());
    List<CapturedFrame> start = igmp(lan, "r2");
    assertEquals(2, start.size(), "two unsolicited reports (robustness 2): " + start);
    assertEquals(new IgmpMessage.V3Report(List.of(new GroupRecord(GroupRecord.CHANGE_TO_EXCLUDE, 0, 0xe0000012L))),
        message(start.get(0)));
    for (CapturedFrame f : start) {
      assertEquals(VMAC, sourceMac(f), "the macvlan's MAC, though r2 is BACKUP");
    }
    assertTrue(start.get(1).timeNanos() - start.get(0).timeNanos() <= S, "IGMP_V3_UNSOLICITED_REPORT_INTERVAL 1 s");
    query(lan);
    lan.runFor(11 * S);
    List<CapturedFrame> all = igmp(lan, "r2");
    assertEquals(3, all.size(), all.toString());
    assertEquals(new IgmpMessage.V2(IgmpMessage.V2_REPORT, 0xe0000012), message(all.get(2)));
    assertEquals(VMAC, sourceMac(all.get(2)), "the query's answer too");
  }

  @Test
  void vmacXmitBaseReportsAndAdvertisesFromTheNicsOwnMac() {
    EmbeddedLan lan = pair("", "    use_vmac\n    vmac_xmit_base");
    lan.runFor(10 * S);
    query(lan);
    lan.runFor(11 * S);
    List<CapturedFrame> reports = igmp(lan, "r2");
    assertEquals(3, reports.size(), reports.toString());
    for (CapturedFrame f : reports) {
      assertEquals(R2, sourceMac(f));
    }
    assertTrue(lan.framesFrom("r2").stream().noneMatch(f -> sourceMac(f) == VMAC), "a BACKUP sends nothing from the VMAC");
  }

  @Test
  void withoutUseVmacTheSocketJoinsOnTheNic() {
    EmbeddedLan lan = pair("", "");
    lan.runFor(5 * S);
    List<CapturedFrame> reports = igmp(lan, "r2");
    assertEquals(2, reports.size(), reports.toString());
    assertTrue(reports.stream().allMatch(f -> sourceMac(f) == R2));
  }

  @Test
  void disableLocalIgmpSendsNoReportNorAnswer() {
    EmbeddedLan lan = pair("    disable_local_igmp", "    use_vmac");
    lan.runFor(10 * S);
    query(lan);
    lan.runFor(11 * S);
    assertEquals(List.of(), igmp(lan, "r2"));
    assertEquals(3, igmp(lan, "r1").size(), "the master without it still reports (from its VMAC)");
    assertTrue(igmp(lan, "r1").stream().allMatch(f -> sourceMac(f) == VMAC));
  }

  @Test
  void aMasterWithVmacXmitBaseAdvertisesFromItsNicAndSendsGratuitousArpsFromTheVmac() {
    EmbeddedLan lan = new EmbeddedLan(3).membershipReports(true);
    EmbeddedHost r1 = router(lan, "r1", R1, "10.77.0.11", conf("", 150, "    use_vmac\n    vmac_xmit_base"));
    assertTrue(r1.run("systemctl start keepalived").ok());
    lan.runFor(6 * S);
    List<CapturedFrame> adverts = lan.framesFrom("r1").stream()
        .filter(f -> f.etherType() == 0x0800 && f.bytes()[14 + 9] == 112).toList();
    assertTrue(adverts.size() >= 2, adverts.toString());
    assertTrue(adverts.stream().allMatch(f -> sourceMac(f) == R1));
    assertTrue(lan.framesFrom("r1").stream().anyMatch(f -> f.etherType() == 0x0806 && sourceMac(f) == VMAC));
  }

  @Test
  void theNewKeywordsAreReadAndAMisspeltOneIsPlaced() {
    var c = KeepalivedConfParser.parse(PATH, conf("    disable_local_igmp", 100, "    use_vmac vrrp.51\n    vmac_xmit_base"));
    assertTrue(c.disableLocalIgmp());
    assertTrue(c.instances().get(0).useVmac() && c.instances().get(0).vmacXmitBase());
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.carpsim.carp.config.ConfigException.class,
        () -> KeepalivedConfParser.parse(PATH, "global_defs {\n  disable_local_igm\n}\n"));
    assertTrue(e.getMessage().startsWith(PATH + ":2:3: keepalived.conf: 'disable_local_igm' in global_defs"), e.getMessage());
    assertTrue(e.getMessage().endsWith("did you mean disable_local_igmp?"), e.getMessage());
  }
}
