package org.carpsim.carp.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.carpsim.carp.config.ConfigException;
import org.carpsim.carp.config.ConfigParser;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.embedded.CapturedFrame;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/** The keepalived profile against keepalived 2.2.7 as measured in the namespace lab (ucarp-lab.md). */
class KeepalivedTest {

  private static final String PATH = "/etc/keepalived/keepalived.conf";

  private static String conf(int priority, String extra) {
    return """
        vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority %d
            advert_int 1
        %s
            virtual_ipaddress {
                10.77.0.100/24
            }
        }
        """.formatted(priority, extra);
  }

  private static final String PASS = "    authentication {\n        auth_type PASS\n        auth_pass secret1\n    }";

  private static EmbeddedHost router(EmbeddedLan lan, String name, String mac, String ip, String conf) {
    EmbeddedHost h = lan.host(name, Profiles.KEEPALIVED).nic("eth0", "lan", MacAddress.parse(mac));
    assertTrue(h.run("ifconfig eth0 inet " + ip + "/24 up").ok());
    h.node().execute(new HostCommand.KeepalivedConfFile(PATH, KeepalivedConfParser.parse(PATH, conf)));
    return h;
  }

  private static List<CapturedFrame> vrrp(EmbeddedLan lan, String host) {
    return lan.framesFrom(host).stream().filter(f -> f.bytes().length > 23 && f.bytes()[23] == 112).toList();
  }

  /** A real advertisement captured on the lab bridge (keepalived 2.2.7, r1 priority 150, first as MASTER). */
  @Test
  void advertisementBytesAreKeepalivedsOwn() {
    byte[] real = HexFormat.of().parseHex("01005e0000129abec58b39ed080045c0002800010000ff70d03a0a4d000be0000012"
        + "2133960101 01cfcc0a4d00647365637265743100".replace(" ", ""));
    KeepalivedConfig.Instance in = KeepalivedConfParser.parse(PATH, conf(150, PASS)).instances().get(0);
    byte[] sim = VrrpFrames.advertisement(in, MacAddress.parse("9a:be:c5:8b:39:ed").value(),
        Ipv4Address.parse("10.77.0.11").value(), 1, 150);
    assertArrayEquals(real, sim);
  }

  @Test
  void sigkillTakeoverIsMasterDownAfterTheLastAdvertisementAndPriorityZeroTheSkew() {
    EmbeddedLan lan = new EmbeddedLan(1);
    EmbeddedHost r1 = router(lan, "r1", "02:00:00:00:00:01", "10.77.0.11", conf(150, PASS));
    EmbeddedHost r2 = router(lan, "r2", "02:00:00:00:00:02", "10.77.0.12", conf(100, PASS));
    assertTrue(r1.run("keepalived -n -l -D -G -P -f " + PATH).ok());
    assertTrue(r2.run("systemctl start keepalived").ok());
    lan.runFor(EmbeddedLan.seconds(10));
    assertEquals(CarpState.MASTER, r1.node().stateOfVhid(51).orElseThrow());
    assertEquals(CarpState.BACKUP, r2.node().stateOfVhid(51).orElseThrow());
    // no peer heard: priority 150 takes over 3 + 106/256 s after start
    assertEquals(3_414_062_000L, vrrp(lan, "r1").get(0).timeNanos());
    assertTrue(vrrp(lan, "r2").isEmpty());

    assertTrue(r1.run("pkill -9 keepalived").ok());
    lan.runFor(EmbeddedLan.seconds(6));
    List<CapturedFrame> a1 = vrrp(lan, "r1");
    long gap = vrrp(lan, "r2").get(0).timeNanos() - a1.get(a1.size() - 1).timeNanos();
    assertEquals(3_609_375_000L, gap); // 3 + (256 - 100)/256 s; real keepalived: 3.6095 s
    // SIGKILL leaves the VIP on r1: it still answers ARP, as r2 does
    assertTrue(r1.node().takerOf("eth0").takes(MacAddress.parse("02:00:00:00:00:01"), Ipv4Address.parse("10.77.0.100")));

    assertTrue(r1.run("keepalived -n -l -D -G -P").ok()); // preempts r2 after its own master-down time
    lan.runFor(EmbeddedLan.seconds(6));
    assertEquals(CarpState.MASTER, r1.node().stateOfVhid(51).orElseThrow());
    assertEquals(CarpState.BACKUP, r2.node().stateOfVhid(51).orElseThrow());
    assertTrue(r1.run("systemctl stop keepalived").ok());
    lan.runFor(EmbeddedLan.seconds(2));
    a1 = vrrp(lan, "r1");
    CapturedFrame zero = a1.get(a1.size() - 1);
    assertEquals(0, zero.bytes()[14 + 20 + 2]);
    long after = vrrp(lan, "r2").stream().filter(f -> f.timeNanos() > zero.timeNanos()).findFirst().orElseThrow()
        .timeNanos();
    assertEquals(609_375_000L, after - zero.timeNanos()); // real: 0.6096 s
    assertFalse(r1.node().takerOf("eth0").takes(MacAddress.parse("02:00:00:00:00:01"), Ipv4Address.parse("10.77.0.100")),
        "a graceful stop removes the VIPs");
    assertTrue(lan.logTexts("r1").contains("(VI_1) sent 0 priority"));
    assertTrue(lan.logTexts("r2").contains("(VI_1) Backup received priority 0 advertisement"));
  }

  /** A CARP advertisement for vhid 51 reaching keepalived's VRID 51, by keepalived's configuration. */
  @Test
  void carpAdvertisementsAreRejectedByTheCheckKeepalivedMakesFirst() {
    Map<String, String> expected = Map.of(
        PASS, "(VI_1) received a 0 auth, expecting 1!",
        "", "(VI_1) received an invalid ip number count 7, expected 1!",
        "    version 3", "(VI_1) invalid version. 2 and expect 3");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      EmbeddedLan lan = new EmbeddedLan(1);
      EmbeddedHost fw = lan.host("fw", Profiles.OPENBSD).nic("em0", "lan", "02:00:00:00:00:09");
      assertTrue(fw.run("ifconfig em0 inet 10.77.0.9/24 up").ok());
      assertTrue(fw.run("ifconfig carp0 create").ok());
      assertTrue(fw.run("ifconfig carp0 vhid 51 pass x carpdev em0 10.77.0.50/24").ok());
      EmbeddedHost r = router(lan, "r", "02:00:00:00:00:01", "10.77.0.11", conf(100, e.getKey()));
      assertTrue(r.run("keepalived").ok());
      lan.runFor(EmbeddedLan.seconds(20));
      // neither obeys the other: both are MASTER
      assertEquals(CarpState.MASTER, fw.node().state("carp0").orElseThrow());
      assertEquals(CarpState.MASTER, r.node().stateOfVhid(51).orElseThrow());
      assertTrue(lan.logTexts("r").contains(e.getValue()), e.getValue() + " in " + lan.logTexts("r"));
      Map<KeepalivedCheck.Counter, Long> st = r.node().keepalivedStatistics().get("VI_1");
      KeepalivedCheck.Counter c = e.getValue().contains("auth") ? KeepalivedCheck.Counter.AUTHTYPE_MISMATCH
          : e.getValue().contains("count") ? KeepalivedCheck.Counter.ADDR_LIST_ERR : KeepalivedCheck.Counter.VERS_ERR;
      assertTrue(st.get(c) >= 15, c + " " + st);
      assertEquals(0L, st.get(KeepalivedCheck.Counter.ADVERT_RCVD));
    }
  }

  @Test
  void configurationErrorsNameTheKeywordAndItsPlace() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> KeepalivedConfParser.parse(PATH, "vrrp_instance VI_1 {\n    interface eth0\n    track_script {\n"));
    assertEquals(PATH + ":3:5: keepalived.conf: 'track_script' in vrrp_instance VI_1 is not modelled by carpsim "
        + "(modelled: state, interface, virtual_router_id, priority, advert_int, nopreempt, preempt_delay, "
        + "authentication, virtual_ipaddress, version, vrrp_version, garp_master_delay, garp_master_repeat, use_vmac, "
        + "garp_lower_prio_repeat, higher_prio_send_advert, garp_master_refresh, garp_master_refresh_repeat, vmac_xmit_base)",
        e.getMessage());
    e = assertThrows(ConfigException.class, () -> KeepalivedConfParser.parse(PATH,
        "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 256\n}"));
    assertEquals(PATH + ":3:21: keepalived.conf: virtual_router_id '256': an integer 1..255 expected", e.getMessage());
    e = assertThrows(ConfigException.class, () -> KeepalivedConfParser.parse(PATH,
        "vrrp_instance VI_1 {\n  interface eth0\n}"));
    assertTrue(e.getMessage().startsWith(PATH + ":1:15: keepalived.conf: (VI_1) the virtual router id must be set"));
    e = assertThrows(ConfigException.class, () -> KeepalivedConfParser.parse(PATH,
        "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 5\n  advert_int 0.5\n}"));
    assertTrue(e.getMessage().startsWith(PATH + ":4:14: keepalived.conf: advert_int '0.5': VRRPv2 sends whole seconds"));
  }

  @Test
  void defaultsAreKeepalivedsAndThePasswordIsNeverPrinted() {
    KeepalivedConfig.Instance in = KeepalivedConfParser.parse(PATH,
        "vrrp_instance VI_9 {\n interface eth0\n virtual_router_id 9\n authentication {\n auth_type PASS\n"
            + " auth_pass longpassword\n }\n}").instances().get(0);
    assertEquals(100, in.priority());
    assertEquals(100, in.advertIntCentis());
    assertEquals(2, in.version());
    assertTrue(in.preempt());
    assertFalse(in.wantMaster());
    assertEquals(5, in.garpMasterDelaySeconds());
    assertEquals(5, in.garpMasterRepeat());
    assertFalse(in.useVmac());
    assertEquals(0, in.garpLowerPrioRepeat());
    assertFalse(in.higherPrioSendAdvert());
    assertEquals(0, in.garpMasterRefreshSeconds());
    assertEquals(1, in.garpMasterRefreshRepeat());
    KeepalivedConfig.Instance g = KeepalivedConfParser.parse(PATH, "global_defs {\n vrrp_garp_lower_prio_repeat 2\n"
        + " vrrp_higher_prio_send_advert true\n}\nvrrp_instance V {\n interface eth0\n virtual_router_id 9\n"
        + " garp_lower_prio_repeat 3\n}").instances().get(0);
    assertEquals(3, g.garpLowerPrioRepeat()); // the instance's own setting wins over the global default
    assertTrue(g.higherPrioSendAdvert());
    assertEquals("longpass", in.authPass().orElseThrow()); // keepalived keeps 8 bytes
    assertFalse(in.toString().contains("longpass"));
    ParsedLine p = ConfigParser.forProfile(Profiles.KEEPALIVED).parseFile(PATH,
        "vrrp_instance VI_9 {\n interface eth0\n virtual_router_id 9\n authentication {\n auth_type PASS\n"
            + " auth_pass longpassword\n }\n}").get(0);
    assertFalse(p.redactedText().contains("longpass"), p.redactedText());
    // VRRPv3: skew scales with the interval (RFC 5798), in centiseconds on the wire
    assertEquals(3 * 50_000 + (256 - 100) * 50_000 / 256, VrrpTimers.masterDownMicros(3, 100, 5));
  }

  /** What reports and diagnostics mask in a scenario's text: keepalived's auth_pass too. */
  @Test
  void authPassIsAPassphraseForTheMasking() {
    String text = conf(100, "    authentication {\n        auth_type PASS\n        auth_pass s3cr3t!x\n    }");
    assertEquals(java.util.Set.of("s3cr3t!x"), org.carpsim.carp.config.Secrets.find(text));
    assertFalse(org.carpsim.carp.config.Secrets.mask(text, org.carpsim.carp.config.Secrets.find(text)).contains("s3cr3t"));
    // an error that quotes the password (here as a misplaced VIP) does not print it either
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.forProfile(Profiles.KEEPALIVED)
        .parseFile(PATH, "vrrp_instance V {\n interface eth0\n virtual_router_id 9\n authentication {\n"
            + " auth_type PASS\n auth_pass s3cr3t!x\n }\n virtual_ipaddress {\n s3cr3t!x\n }\n}"));
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertTrue(e.getMessage().startsWith(PATH + ":9:2: "), e.getMessage());
  }

  @Test
  void gratuitousArpsOnTakeoverAndAgainAfterGarpMasterDelay() {
    EmbeddedLan lan = new EmbeddedLan(1);
    EmbeddedHost r = router(lan, "r", "02:00:00:00:00:01", "10.77.0.11", conf(100, "    state MASTER"));
    assertTrue(r.run("keepalived").ok());
    lan.runFor(EmbeddedLan.seconds(7));
    List<CapturedFrame> arps = lan.framesFrom("r").stream().filter(f -> f.bytes()[12] == 8 && f.bytes()[13] == 6)
        .toList();
    assertEquals(10, arps.size());
    assertEquals(1_000L, arps.get(0).timeNanos()); // state MASTER: 1 µs out of BACKUP
    assertEquals(5_000_001_000L, arps.get(5).timeNanos());
    byte[] garp = arps.get(0).bytes();
    assertArrayEquals(VrrpFrames.gratuitousArp(0x020000000001L, Ipv4Address.parse("10.77.0.100").value()), garp);
  }
}
