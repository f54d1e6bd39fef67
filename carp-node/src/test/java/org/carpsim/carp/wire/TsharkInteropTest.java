package org.carpsim.carp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames we encode, read back by Wireshark's dissectors (tshark): the field values it reports must
 * be exactly the ones we meant. Skipped with a reason when tshark is missing, failed when CI=true.
 */
class TsharkInteropTest {

  @TempDir Path tmp;

  private static String tshark;

  @BeforeAll
  static void findTshark() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, "tshark");
      if (Files.isExecutable(p)) {
        tshark = p.toString();
        return;
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("tshark is not installed, and CI=true requires this interoperability test to run (apt-get install tshark)");
    }
    assumeTrue(false, "tshark is not installed: skipping the Wireshark interoperability test (apt-get install tshark)");
  }

  /** Runs tshark on the frames and returns one list of field values per frame. */
  private List<List<String>> dissect(List<EthernetFrame> frames, String... fields) throws IOException, InterruptedException {
    return dissect(frames, List.of(), fields);
  }

  private List<List<String>> dissect(List<EthernetFrame> frames, List<String> options, String... fields)
      throws IOException, InterruptedException {
    Path pcap = tmp.resolve("ours.pcap");
    List<byte[]> bytes = new ArrayList<>();
    frames.forEach(f -> bytes.add(f.toBytes()));
    ClassicPcap.write(pcap, bytes);
    List<String> cmd = new ArrayList<>(List.of(tshark, "-n", "-o", "ip.try_heuristic_first:TRUE", "-o", "ip.check_checksum:TRUE",
        "-r", pcap.toString(), "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"));
    cmd.addAll(options);
    for (String f : fields) {
      cmd.add("-e");
      cmd.add(f);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("tshark.err").toFile());
    pb.environment().put("HOME", tmp.toString()); // no personal Wireshark preferences
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark did not finish");
    assertEquals(0, p.exitValue(), () -> "tshark failed: " + readQuietly(tmp.resolve("tshark.err")));
    List<List<String>> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) {
        rows.add(List.of(line.split("\t", -1)));
      }
    }
    assertEquals(frames.size(), rows.size(), out);
    return rows;
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static CarpAdvertisement ad(int vhid, int advskew, int demote, int advbase, long counter) {
    byte[] md = new byte[20];
    for (int i = 0; i < 20; i++) {
      md[i] = (byte) (vhid * 7 + i * 13);
    }
    return CarpAdvertisement.create(vhid, advskew, demote, advbase, counter, md);
  }

  @Test
  void wiresharkReadsOurCarpAdvertisementsFieldForField() throws Exception {
    List<CarpAdvertisement> ads = List.of(
        ad(7, 100, 3, 2, 0x0123456789abcdefL),
        ad(200, 254, 0, 1, -2L),
        ad(9, 255, 0, 255, 0L),
        ad(1, 0, 255, 0, 0x8000000000000000L));
    List<EthernetFrame> frames = List.of(
        Samples.carp4(ads.get(0)),
        Samples.carp6(ads.get(1)),
        EthernetFrame.tagged(Frames.multicastMac(Ipv4Address.CARP_GROUP), MacAddress.carpVirtual(9), VlanTag.of(42),
            Ipv4Packet.of(0x10, 99, Ipv4Header.DONT_FRAGMENT, 255, Samples.SRC4, Ipv4Address.CARP_GROUP, ads.get(2))),
        Samples.carp4(ads.get(3)));
    // Wireshark's CARP heuristic is registered for IPv4 only; "decode as" covers IPv6 too.
    List<List<String>> rows = dissect(frames, List.of("-d", "ip.proto==112,carp"), "carp.version", "carp.type", "carp.vhid", "carp.advskew", "carp.authlen",
        "carp.demotion", "carp.adver_int", "carp.checksum", "carp.checksum.status", "carp.counter", "carp.hmac", "vlan.id",
        "ip.checksum.status");
    for (int i = 0; i < ads.size(); i++) {
      CarpAdvertisement a = ads.get(i);
      List<String> r = rows.get(i);
      String where = "frame " + (i + 1) + ": " + r;
      assertEquals(String.valueOf(a.version()), r.get(0), where);
      assertEquals(String.valueOf(a.type()), r.get(1), where);
      assertEquals(String.valueOf(a.vhid()), r.get(2), where);
      assertEquals(String.valueOf(a.advskew()), r.get(3), where);
      assertEquals(String.valueOf(a.authLength()), r.get(4), where);
      assertEquals(String.valueOf(a.demote()), r.get(5), where);
      assertEquals(String.valueOf(a.advbase()), r.get(6), where);
      assertEquals(String.format(Locale.ROOT, "0x%04x", a.checksum()), r.get(7), where);
      assertEquals("1", r.get(8), where + " (checksum status 1 = good)");
      assertEquals(Long.toUnsignedString(a.counter()), r.get(9), where);
      assertEquals(a.hmac().hex(), r.get(10).replace(":", ""), where);
    }
    assertEquals("42", rows.get(2).get(11));
    assertEquals("1", rows.get(0).get(12), "IPv4 header checksum status good");
  }

  @Test
  void wiresharkFlagsTheBadChecksumWeMeantToSend() throws Exception {
    CarpAdvertisement good = ad(5, 0, 0, 1, 1);
    CarpAdvertisement bad = new CarpAdvertisement(2, 1, 5, 0, 7, 0, 1, good.checksum() ^ 0x0101, 1, good.hmac());
    List<List<String>> rows = dissect(List.of(Samples.carp4(bad)), "carp.vhid", "carp.checksum.status");
    assertEquals("5", rows.get(0).get(0));
    assertEquals("0", rows.get(0).get(1), "checksum status 0 = bad");
  }

  @Test
  void wiresharkReadsOurArpAndNeighbourDiscovery() throws Exception {
    EthernetFrame arp = Samples.gratuitousArp();
    EthernetFrame na = Samples.neighborAdvertisement();
    EthernetFrame ns = Samples.neighborSolicitation();
    List<List<String>> rows = dissect(List.of(arp, na, ns), "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4",
        "arp.dst.proto_ipv4", "arp.isgratuitous", "icmpv6.type", "icmpv6.checksum.status", "icmpv6.nd.na.flag.o",
        "icmpv6.nd.na.target_address", "icmpv6.opt.linkaddr", "icmpv6.nd.ns.target_address", "ipv6.hlim");
    List<String> a = rows.get(0);
    assertEquals("1", a.get(0));
    assertEquals(Samples.VMAC.toString(), a.get(1));
    assertEquals(Samples.VIP4.toString(), a.get(2));
    assertEquals(Samples.VIP4.toString(), a.get(3));
    assertEquals("1", a.get(4), "gratuitous");
    List<String> n = rows.get(1);
    assertEquals("136", n.get(5));
    assertEquals("1", n.get(6), "ICMPv6 checksum with pseudo-header good");
    assertEquals("1", n.get(7), "Override");
    assertEquals(Samples.VIP6.toString(), n.get(8));
    assertEquals(Samples.VMAC.toString(), n.get(9));
    assertEquals("255", n.get(11));
    List<String> s = rows.get(2);
    assertEquals("135", s.get(5));
    assertEquals("1", s.get(6));
    assertEquals(Samples.VIP6.toString(), s.get(10));
    assertEquals("02:00:00:00:00:07", s.get(9));
  }

  @Test
  void wiresharkSeesOurVrrpAsVrrp() throws Exception {
    Vrrp2Advertisement v2 = new Vrrp2Advertisement(1, 51, 150, 0, 1, 0, List.of(Ipv4Address.parse("10.99.0.200")), Octets.zeros(8))
        .withCorrectChecksum();
    Vrrp3Advertisement v3 = new Vrrp3Advertisement(1, 52, 100, 0, 100, 0, List.of(), List.of(Ipv6Address.parse("2001:db8::52")));
    List<EthernetFrame> frames = List.of(
        EthernetFrame.of(Frames.multicastMac(Ipv4Address.CARP_GROUP), MacAddress.carpVirtual(51),
            Ipv4Packet.of(0xc0, 1, 0, 255, Samples.SRC4, Ipv4Address.CARP_GROUP, v2)),
        EthernetFrame.of(Frames.multicastMac(Ipv6Address.CARP_GROUP), MacAddress.carpVirtual(52),
            Ipv6Packet.of(0, 0, 255, Samples.SRC6, Ipv6Address.CARP_GROUP, v3)));
    List<List<String>> rows = dissect(frames, "vrrp.version", "vrrp.virt_rtr_id", "vrrp.prio", "vrrp.checksum.status", "carp.vhid");
    assertEquals(List.of("2", "51", "150", "1", ""), rows.get(0));
    assertEquals(List.of("3", "52", "100", "1", ""), rows.get(1));
  }
}
