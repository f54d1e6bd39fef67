package org.carpsim.conformance.tester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.sim.pcap.PcapWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tester's IPv6 frames as Wireshark reads them (not only our own decoder): a CARP
 * advertisement and a bow-out to ff02::12 with hop limit 255 and a good CARP checksum, and a
 * neighbour solicitation to the solicited-node group with a good ICMPv6 checksum and our MAC in its
 * source link-layer option. Skips without tshark (fails when CI=true).
 */
class Ipv6TsharkTest {

  private static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:07");
  private static final Ipv6Address LL = LiveInterface.eui64LinkLocal(MAC);
  private static final Ipv6Address VIP6 = Ipv6Address.parse("fd99::100");

  private static void assumeTshark() {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, "tshark"))) {
        return;
      }
    }
    String why = "tshark is not installed (apt-get install tshark)";
    if ("true".equals(System.getenv("CI"))) {
      fail(why + " (CI=true: a skipped test is a failure)");
    }
    Assumptions.abort(why);
  }

  private static List<String> tshark(Path pcap, String... fields) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-d", "ip.proto==112,carp", "-T",
        "fields", "-E", "separator=|"));
    for (String f : fields) {
      argv.add("-e");
      argv.add(f);
    }
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("tshark did not finish");
    }
    return out.lines().toList();
  }

  @Test
  void wiresharkReadsTheIpv6AdvertisementsAndTheSolicitation(@TempDir Path dir) throws Exception {
    assumeTshark();
    AdvertisementCrafter c = new AdvertisementCrafter(HmacScheme.OPENBSD, 9, "secret", List.of(), List.of(VIP6));
    Path pcap = dir.resolve("ipv6.pcap");
    try (PcapWriter w = PcapWriter.create(pcap, 0)) {
      byte[][] frames = {c.advertisement6(MAC, LL, 1, 40, 0, 0x1000, Fault.NONE), c.bowOut6(MAC, LL, 0x1001),
          AdvertisementCrafter.neighborSolicitation(MAC, LL, VIP6)};
      for (int i = 0; i < frames.length; i++) {
        w.write(i * 1_000_000L, frames[i], 0, frames[i].length);
      }
    }
    List<String> lines = tshark(pcap, "eth.dst", "ipv6.src", "ipv6.dst", "ipv6.hlim", "carp.vhid", "carp.advskew",
        "carp.adver_int", "carp.checksum.status", "icmpv6.type", "icmpv6.nd.ns.target_address", "icmpv6.opt.linkaddr",
        "icmpv6.checksum.status");
    assertEquals(3, lines.size(), String.join("\n", lines));
    // checksum status 1 = Good
    assertEquals("33:33:00:00:00:12|fe80::ff:fe00:7|ff02::12|255|9|40|1|1||||", lines.get(0));
    assertEquals("33:33:00:00:00:12|fe80::ff:fe00:7|ff02::12|255|9|255|255|1||||", lines.get(1));
    assertEquals("33:33:ff:00:01:00|fe80::ff:fe00:7|ff02::1:ff00:100|255|||||135|fd99::100|02:00:00:00:00:07|1",
        lines.get(2));
  }
}
