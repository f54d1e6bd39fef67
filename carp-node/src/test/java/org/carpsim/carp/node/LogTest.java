package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.MS;
import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.junit.jupiter.api.Test;

/** The log lines of §9.2 in each system's words and levels, filtered by net.inet.carp.log. */
class LogTest {

  private static List<LogLine> lines(EmbeddedLan lan, String host) {
    return lan.logs().stream().filter(l -> l.host().equals(host)).map(EmbeddedLan.HostLog::line).toList();
  }

  private static boolean has(EmbeddedLan lan, String host, int level, String text) {
    return lines(lan, host).stream().anyMatch(l -> l.level() == level && l.text().equals(text));
  }

  /** A host that becomes master alone, then gets a TTL-64 and a wrong-pass advertisement. */
  private static EmbeddedLan run(Profile p, String log) {
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost a = lan.host("a", p).nic(Lab.nic(p), "lan", Lab.mac(1));
    a.configure(Lab.addressLine(p, 1));
    if (log != null) {
      a.configure("sysctl net.inet.carp.log=" + log);
    }
    a.configure(Lab.carpLines(p, 1, 1, 0, false, "secret"));
    lan.runFor(4 * S);
    lan.inject("lan", Ads.ad().scheme(p.authentication().hmac()).ttl(64).advskew(200).frame());
    lan.inject("lan", Ads.ad().scheme(p.authentication().hmac()).pass("wrong").advskew(200).frame());
    lan.runFor(1100 * MS);
    return lan;
  }

  @Test
  void openbsdDefaultLogIsCritTransitionsOnly() {
    EmbeddedLan lan = run(Profiles.OPENBSD, null);
    assertEquals(List.of(new LogLine(3 * S, 2, "carp0: state transition: BACKUP -> MASTER")), lines(lan, "a"));
  }

  @Test
  void openbsdLevelsUpToTheSysctl() {
    EmbeddedLan lan = run(Profiles.OPENBSD, "7");
    assertTrue(has(lan, "a", 4, "carp0: state transition: INIT -> BACKUP"));
    assertTrue(has(lan, "a", 2, "carp0: state transition: BACKUP -> MASTER"));
    assertTrue(has(lan, "a", 5, "carp: received ttl 64 != 255 on em0"));
    assertTrue(has(lan, "a", 6, "carp0: incorrect hash"));
    EmbeddedLan quiet = run(Profiles.OPENBSD, "0");
    assertTrue(lines(quiet, "a").isEmpty());
    EmbeddedLan four = run(Profiles.OPENBSD, "4");
    assertTrue(lines(four, "a").stream().allMatch(l -> l.level() <= 4), lines(four, "a").toString());
    assertTrue(has(four, "a", 4, "carp0: state transition: INIT -> BACKUP"));
  }

  @Test
  void openbsdMultiNodeTransitionsNameTheVhid() {
    EmbeddedLan lan = new EmbeddedLan();
    EmbeddedHost a = lan.host("a", Profiles.OPENBSD).nic("em0", "lan", Lab.mac(1));
    a.configure("ifconfig em0 inet 10.0.0.2/24", "ifconfig carp0 create",
        "ifconfig carp0 carpnodes 1:0,2:100 pass p carpdev em0 10.0.0.10/24");
    lan.runFor(5 * S);
    assertTrue(has(lan, "a", 2, "carp0: state transition (vhid 2): BACKUP -> MASTER"));
  }

  @Test
  void openbsd35LogsBadPacketsAtInfoWhenLogIsOnAndNoTransitions() {
    EmbeddedLan lan = run(Profiles.OPENBSD_3_5, "1");
    assertEquals(List.of("carp: received ttl 64 != 255", "carp: incorrect hash"),
        lines(lan, "a").stream().map(LogLine::text).toList());
    assertTrue(lines(lan, "a").stream().allMatch(l -> l.level() == 6));
    assertTrue(lines(run(Profiles.OPENBSD_3_5, null), "a").isEmpty(), "log defaults to 0");
  }

  @Test
  void netbsdWords() {
    EmbeddedLan lan = run(Profiles.NETBSD, "1");
    assertTrue(has(lan, "a", 6, "carp0: state transition from: INIT -> to: BACKUP"));
    assertTrue(has(lan, "a", 6, "carp0: BACKUP -> MASTER (master timed out)"));
    assertTrue(has(lan, "a", 6, "carp0: state transition from: BACKUP -> to: MASTER"));
    assertTrue(has(lan, "a", 6, "carp: received ttl 64 != 255 on em0"));
    assertTrue(has(lan, "a", 6, "carp0: incorrect hash from 10.0.0.99"));
  }

  @Test
  void freebsdStateChangesAtLogOneBadPacketsAtTwo() {
    EmbeddedLan lan = run(Profiles.FREEBSD, null);
    assertEquals(List.of("carp: 1@em0: INIT -> BACKUP (initialization complete)",
        "carp: 1@em0: BACKUP -> MASTER (master timed out)"), lines(lan, "a").stream().map(LogLine::text).toList());
    EmbeddedLan debug = run(Profiles.FREEBSD, "2");
    assertTrue(has(debug, "a", 7, "carp_input: received ttl 64 != 255 on em0"));
    assertTrue(has(debug, "a", 7, "carp_input_c: incorrect hash for VHID 1@em0"));
  }

  @Test
  void ucarpWords() {
    EmbeddedLan lan = run(Profiles.UCARP, null);
    List<String> text = lines(lan, "a").stream().map(LogLine::text).toList();
    assertEquals("[WARNING] Switching to state: BACKUP", text.get(0));
    assertTrue(text.contains("[WARNING] Switching to state: MASTER"));
    assertTrue(text.contains("[WARNING] Spawning [/etc/vip-up.sh eth0 10.0.0.1]"));
    assertTrue(text.contains("[WARNING] Bad TTL: [64]"));
    assertTrue(text.stream().anyMatch(t -> t.startsWith("[WARNING] Bad digest - md2=[")));
    assertTrue(has(lan, "a", 4, "[WARNING] Switching to state: MASTER"));
  }
}
