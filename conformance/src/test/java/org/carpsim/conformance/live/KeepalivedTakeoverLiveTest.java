package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.node.embedded.CapturedFrame;
import org.carpsim.carp.node.embedded.EmbeddedHost;
import org.carpsim.carp.node.embedded.EmbeddedLan;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.vrrp.KeepalivedConfParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The keepalived profile against real keepalived 2.2 (ucarp-lab.md, keepalived section): two
 * namespaces on the lab bridge, r1 priority 150 and r2 priority 100, VRRPv2, advert_int 1, PASS.
 * SIGKILL of r1's VRRP process and its parent: r2's first advertisement must follow r1's last one
 * by 3.609 s (3 + 156/256) ± 20 ms; SIGTERM of the restarted r1: its priority-0 advertisement is
 * followed by r2's first one 0.610 s later ± 20 ms. The same run is simulated with the profile
 * (same configuration, same MACs and addresses, same instants) and must give the same figures
 * within 20 ms, and an advertisement of the same bytes as the captured one.
 */
@Tag("live")
class KeepalivedTakeoverLiveTest {

  private static final long TOLERANCE_NS = 20_000_000L;

  private static String conf(int priority) {
    return """
        vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority %d
            advert_int 1
            authentication {
                auth_type PASS
                auth_pass secret1
            }
            virtual_ipaddress {
                10.99.0.100/24
            }
        }
        """.formatted(priority);
  }

  /** One captured frame: pcap time in ns and the bytes. */
  private record Cap(long ns, byte[] bytes) {
    int srcIp() {
      return ByteBuffer.wrap(bytes, 26, 4).getInt();
    }

    int priority() {
      return bytes[14 + 20 + 2] & 0xff;
    }

    boolean vrrp() {
      return bytes.length >= 34 && bytes[12] == 0x08 && bytes[13] == 0 && bytes[23] == 112;
    }
  }

  @Test
  void takeoverAfterSigkillAndAfterPriorityZeroMatchTheProfile() throws Exception {
    NamespaceLab.assumeLabAvailable();
    try (NamespaceLab lab = NamespaceLab.create("r1", "r2")) {
      Path dir = lab.dir();
      Files.writeString(dir.resolve("r1.conf"), conf(150));
      Files.writeString(dir.resolve("r2.conf"), conf(100));
      Path pcap = dir.resolve("r2.pcap");
      Process capture = lab.start("r2", List.of("tshark", "-q", "-i", "eth0", "-F", "pcap", "-w", pcap.toString(),
          "-f", "ip proto 112"), dir.resolve("tshark.log"));
      Thread.sleep(2000);
      Process r1 = keepalived(lab, "r1", "a");
      Thread.sleep(5000);
      Process r2 = keepalived(lab, "r2", "b");
      Thread.sleep(5000);
      // SIGKILL: the VRRP child first (so nothing is sent), then its parent
      long child = Long.parseLong(Files.readString(dir.resolve("a.vrrp.pid")).trim());
      new ProcessBuilder("kill", "-9", Long.toString(child)).start().waitFor();
      r1.destroyForcibly();
      r1.waitFor(5, TimeUnit.SECONDS);
      Thread.sleep(6000);
      Files.deleteIfExists(dir.resolve("a.pid"));
      Files.deleteIfExists(dir.resolve("a.vrrp.pid"));
      Process r1b = keepalived(lab, "r1", "a");
      Thread.sleep(6000);
      r1b.destroy(); // SIGTERM to the parent: it stops its VRRP child, which sends priority 0
      r1b.waitFor(5, TimeUnit.SECONDS);
      Thread.sleep(3000);
      capture.destroy();
      capture.waitFor(5, TimeUnit.SECONDS);
      assertTrue(r2.isAlive(), "r2's keepalived exited: see " + dir);

      List<Cap> ads = read(pcap).stream().filter(Cap::vrrp).toList();
      int ip1 = ipv4("10.99.0.11");
      int ip2 = ipv4("10.99.0.12");
      // SIGKILL: r1's last advertisement before r2's first
      int firstR2 = indexOf(ads, ip2, 0);
      assertTrue(firstR2 > 0, "r2 never advertised: " + ads.size() + " VRRP frames in " + pcap);
      Cap lastR1 = ads.get(firstR2 - 1);
      assertEquals(ip1, lastR1.srcIp(), "r1 should have advertised before r2 took over");
      long killGap = ads.get(firstR2).ns() - lastR1.ns();
      // SIGTERM: r1's priority-0 advertisement, then r2's next one
      int zero = -1;
      for (int i = firstR2; i < ads.size(); i++) {
        if (ads.get(i).srcIp() == ip1 && ads.get(i).priority() == 0) {
          zero = i;
          break;
        }
      }
      assertTrue(zero > 0, "no priority-0 advertisement from r1 after SIGTERM");
      int afterZero = indexOf(ads, ip2, zero + 1);
      assertTrue(afterZero > 0, "r2 did not advertise after r1's priority 0");
      long zeroGap = ads.get(afterZero).ns() - ads.get(zero).ns();

      Simulated sim = simulate(Arrays.copyOfRange(ads.get(0).bytes(), 6, 12),
          Arrays.copyOfRange(ads.get(firstR2).bytes(), 6, 12));
      System.out.printf("keepalived live: SIGKILL last->first %.6f s (simulated %.6f s); priority 0 -> first %.6f s "
          + "(simulated %.6f s)%n", killGap / 1e9, sim.killGapNs / 1e9, zeroGap / 1e9, sim.zeroGapNs / 1e9);
      assertNear(3_609_000_000L, killGap, "real keepalived, SIGKILL");
      assertNear(3_609_000_000L, sim.killGapNs, "simulated, SIGKILL");
      assertNear(610_000_000L, zeroGap, "real keepalived, priority 0");
      assertNear(610_000_000L, sim.zeroGapNs, "simulated, priority 0");
      assertNear(killGap, sim.killGapNs, "simulated vs real, SIGKILL");
      assertNear(zeroGap, sim.zeroGapNs, "simulated vs real, priority 0");
      // r2's first advertisement as master: IP ID 1 in both, so every byte is comparable
      assertArrayEquals(ads.get(firstR2).bytes(), sim.firstR2Ad, "r2's first advertisement, real vs simulated");
    }
  }

  private static void assertNear(long expected, long actual, String what) {
    assertTrue(Math.abs(expected - actual) <= TOLERANCE_NS,
        what + ": " + actual / 1e9 + " s, expected " + expected / 1e9 + " s ± 20 ms");
  }

  private static int indexOf(List<Cap> ads, int src, int from) {
    for (int i = from; i < ads.size(); i++) {
      if (ads.get(i).srcIp() == src) {
        return i;
      }
    }
    return -1;
  }

  private static int ipv4(String s) {
    int v = 0;
    for (String p : s.split("\\.")) {
      v = v << 8 | Integer.parseInt(p);
    }
    return v;
  }

  private static Process keepalived(NamespaceLab lab, String host, String tag) throws IOException {
    Path dir = lab.dir();
    return lab.start(host, List.of("keepalived", "-n", "-l", "-D", "-G", "-P", "-f",
        dir.resolve(host + ".conf").toString(), "-p", dir.resolve(tag + ".pid").toString(), "-r",
        dir.resolve(tag + ".vrrp.pid").toString()), dir.resolve(host + "-" + tag + ".log"));
  }

  /** A classic pcap file (tshark -F pcap): microsecond timestamps. */
  private static List<Cap> read(Path file) throws IOException {
    List<Cap> out = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      byte[] global = in.readNBytes(24);
      ByteOrder order = (global[0] & 0xff) == 0xd4 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
      boolean nanos = (global[0] & 0xff) == 0x4d || (global[3] & 0xff) == 0x4d;
      while (true) {
        byte[] h = in.readNBytes(16);
        if (h.length < 16) {
          break;
        }
        ByteBuffer b = ByteBuffer.wrap(h).order(order);
        long sec = b.getInt() & 0xffffffffL;
        long frac = b.getInt() & 0xffffffffL;
        int incl = b.getInt();
        byte[] data = in.readNBytes(incl);
        out.add(new Cap(sec * 1_000_000_000L + (nanos ? frac : frac * 1000), data));
      }
    }
    return out;
  }

  private record Simulated(long killGapNs, long zeroGapNs, byte[] firstR2Ad) {}

  /** The same run with profile keepalived: r1 at 0 s, r2 at 5 s, SIGKILL at 10 s, restart at 16 s, SIGTERM at 22 s. */
  private static Simulated simulate(byte[] mac1, byte[] mac2) {
    EmbeddedLan lan = new EmbeddedLan(1);
    EmbeddedHost r1 = lan.host("r1", Profiles.KEEPALIVED).nic("eth0", "lan", MacAddress.read(mac1, 0));
    EmbeddedHost r2 = lan.host("r2", Profiles.KEEPALIVED).nic("eth0", "lan", MacAddress.read(mac2, 0));
    for (EmbeddedHost h : List.of(r1, r2)) {
      String ip = h == r1 ? "10.99.0.11" : "10.99.0.12";
      assertTrue(h.run("ifconfig eth0 inet " + ip + "/24 up").ok());
      String path = "/etc/keepalived/keepalived.conf";
      h.node().execute(new HostCommand.KeepalivedConfFile(path, KeepalivedConfParser.parse(path,
          conf(h == r1 ? 150 : 100))));
    }
    assertTrue(r1.run("keepalived -n -l -D -G -P").ok());
    lan.runFor(EmbeddedLan.seconds(5));
    assertTrue(r2.run("keepalived -n -l -D -G -P").ok());
    lan.runFor(EmbeddedLan.seconds(5));
    assertTrue(r1.run("pkill -9 keepalived").ok());
    lan.runFor(EmbeddedLan.seconds(6));
    assertTrue(r1.run("keepalived -n -l -D -G -P").ok());
    lan.runFor(EmbeddedLan.seconds(6));
    assertTrue(r1.run("pkill keepalived").ok());
    lan.runFor(EmbeddedLan.seconds(3));
    List<Cap> ads = new ArrayList<>();
    for (CapturedFrame f : lan.frames()) {
      Cap c = new Cap(f.timeNanos(), f.bytes());
      if (c.vrrp()) {
        ads.add(c);
      }
    }
    int ip1 = ipv4("10.99.0.11");
    int ip2 = ipv4("10.99.0.12");
    int firstR2 = indexOf(ads, ip2, 0);
    long kill = ads.get(firstR2).ns() - ads.get(firstR2 - 1).ns();
    int zero = -1;
    for (int i = firstR2; i < ads.size() && zero < 0; i++) {
      if (ads.get(i).srcIp() == ip1 && ads.get(i).priority() == 0) {
        zero = i;
      }
    }
    long zeroGap = ads.get(indexOf(ads, ip2, zero + 1)).ns() - ads.get(zero).ns();
    return new Simulated(kill, zeroGap, ads.get(firstR2).bytes());
  }
}
