package org.carpsim.sim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.pcap.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The querier's general queries as Wireshark reads them. Skipped without tshark, failed when CI=true. */
class SnoopingFramesTsharkTest {

  @Test
  void wiresharkReadsTheGeneralQueries(@TempDir Path tmp) throws Exception {
    String tshark = null;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "tshark"))) {
        tshark = Path.of(dir, "tshark").toString();
      }
    }
    if (tshark == null && "true".equals(System.getenv("CI"))) {
      fail("tshark is not installed (CI=true)");
    }
    assumeTrue(tshark != null, "tshark is not installed");
    Path pcap = tmp.resolve("q.pcap");
    long mac = 0x0200_5e00_0003L;
    try (PcapWriter w = PcapWriter.create(pcap, 0)) {
      for (Frame f : List.of(SnoopingFrames.igmpGeneralQuery(mac), SnoopingFrames.mldGeneralQuery(mac))) {
        w.write(0, f.array(), 0, f.length());
      }
    }
    ProcessBuilder pb = new ProcessBuilder(tshark, "-n", "-o", "ip.check_checksum:TRUE", "-r", pcap.toString(), "-T",
        "fields", "-E", "separator=|", "-e", "eth.src", "-e", "ip.dst", "-e", "ipv6.src", "-e", "ipv6.dst", "-e",
        "igmp.version", "-e", "igmp.max_resp", "-e", "igmp.checksum.status", "-e", "ip.checksum.status", "-e",
        "icmpv6.type", "-e", "icmpv6.mld.maximum_response_delay", "-e", "icmpv6.checksum.status")
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(List.of(
        "02:00:5e:00:00:03|224.0.0.1|||2|100|1|1|||",
        "02:00:5e:00:00:03||fe80::5eff:fe00:3|ff02::1|||||130|10000|1"), out.lines().toList());
  }
}
