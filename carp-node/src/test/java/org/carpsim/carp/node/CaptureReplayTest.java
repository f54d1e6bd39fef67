package org.carpsim.carp.node;

import static org.carpsim.carp.node.Lab.MS;
import static org.carpsim.carp.node.Lab.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.CarpStat;
import org.carpsim.carp.wire.Captures;
import org.carpsim.sim.pcap.CaptureRecord;
import org.junit.jupiter.api.Test;

/**
 * Real captures of ucarp 1.5.2 (src/test/resources/captures) replayed into a ucarp-profile node
 * configured like the capture's h2: it must accept h1's HMACs, stay BACKUP while h1 advertises, and
 * take over about when the real h2 did.
 */
class CaptureReplayTest {

  /** ucarp-failover.pcap starts at this epoch (README). */
  private static final long EPOCH_NS = 1_795_424_056_437_755_000L;

  private static EmbeddedHost h2(EmbeddedLan lan, String pass) {
    EmbeddedHost h2 = lan.host("h2", Lab.UCARP_LOOP).nic("eth0", "lan", "3a:93:f5:08:a8:9b");
    h2.configure("ifconfig eth0 inet 10.99.0.12/24");
    return h2;
  }

  private static void startUcarp(EmbeddedHost h2, String pass) {
    h2.configure("ucarp --interface=eth0 --srcip=10.99.0.12 --vhid=1 --advskew=100 --pass=" + pass
        + " --addr=10.99.0.100 --preempt --upscript=/etc/vip-up.sh --downscript=/etc/vip-down.sh");
  }

  @Test
  void h2AcceptsH1sHmacsStaysBackupAndTakesOverWhenTheRealH2Did() {
    List<CaptureRecord> capture = Captures.read(Captures.UCARP_FAILOVER);
    EmbeddedLan lan = new EmbeddedLan(1);
    EmbeddedHost h2 = h2(lan, "secret");
    // h1's first ad is at 3.077719 s, three poll periods after its start (model), so h1 started at
    // 0.077719 s; h2 started 0.17 s later (README), which sets h2's receive-tick phase
    long h2Start = 77_719_000L + 170 * MS;
    boolean started = false;
    for (CaptureRecord r : capture) {
      long t = r.timestampNanos() - EPOCH_NS;
      if (!started && t >= h2Start) {
        lan.advanceTo(h2Start);
        startUcarp(h2, "secret");
        started = true;
      }
      lan.advanceTo(t);
      lan.inject("lan", r.data());
    }
    lan.runFor(2 * S);

    var stats = h2.node().statistics().get("eth0");
    assertEquals(0, stats.get(CarpStat.BADAUTH), "every h1 HMAC verifies");
    assertTrue(stats.get(CarpStat.IPACKETS) >= 33, "h1's ads were processed: " + stats);
    long master = Lab.firstTransition(lan, "h2", CarpState.MASTER, 0);
    assertTrue(master > 35_078 * MS + 4 * S, "BACKUP as long as h1 advertised (last ad 35.078 s): " + master);
    // the real h2's first advertisement as master: 39.403448 s
    assertTrue(Math.abs(master - 39_403_448_000L) < 40 * MS, "took over at " + master / 1e9 + " s");
    // h1 came back with --preempt (ad at 46.502531 s): h2 yields on its next tick after one more ad;
    // the real h2's last ad was at 47.220349 s
    long backup = Lab.firstTransition(lan, "h2", CarpState.BACKUP, master);
    assertTrue(Math.abs(backup - 47_220_349_000L) < 40 * MS, "yielded at " + backup / 1e9 + " s");
    assertEquals(CarpState.BACKUP, h2.node().stateOfVhid(1).orElseThrow());
  }

  @Test
  void theWrongPasswordCaptureIsASplitBrainWithBadDigestLines() {
    List<CaptureRecord> capture = Captures.read(Captures.UCARP_WRONGPASS);
    EmbeddedLan lan = new EmbeddedLan(1);
    EmbeddedHost h2 = h2(lan, "wrongpass");
    startUcarp(h2, "wrongpass");
    long t0 = capture.get(0).timestampNanos();
    int fromH1 = 0;
    for (CaptureRecord r : capture) {
      byte[] f = r.data();
      boolean h1Ad = f.length >= 34 && (f[12] & 0xff) == 0x08 && f[13] == 0 && (f[29] & 0xff) == 11;
      if (!h1Ad) {
        continue;
      }
      lan.advanceTo(500 * MS + r.timestampNanos() - t0);
      lan.inject("lan", f);
      fromH1++;
    }
    lan.runFor(2 * S);
    var stats = h2.node().statistics().get("eth0");
    assertEquals(fromH1, stats.get(CarpStat.BADAUTH), "every one of h1's ads fails the HMAC");
    assertEquals(CarpState.MASTER, h2.node().stateOfVhid(1).orElseThrow(), "split brain: h2 becomes master too");
    List<String> digests = lan.logTexts("h2").stream().filter(l -> l.startsWith("[WARNING] Bad digest - md2=[")).toList();
    assertEquals(fromH1, digests.size());
    assertTrue(digests.get(0).endsWith("...] - Check vhid, password and virtual IP address"), digests.get(0));
  }
}
