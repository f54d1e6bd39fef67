package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Header;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carpsim decode} driven through {@link Carpsim#commandLine()} on the real captures. */
class DecodeCommandTest {

  @TempDir Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CARP_KEYS = Set.of("t_ns", "src", "dst", "src_mac", "ttl", "version", "type", "vhid",
      "advskew", "authlen", "demote", "advbase", "checksum_ok", "counter", "hmac");

  /** The table rows of one protocol (the proto column). */
  private static List<String> rows(CliResult r, String proto) {
    return r.out().lines().filter(l -> l.length() > 68 && l.substring(63, 68).trim().equals(proto)).toList();
  }

  private static String capture(String name) {
    try {
      return Path.of(DecodeCommandTest.class.getResource("/captures/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static final String FAILOVER = capture("ucarp-failover.pcap");
  private static final String WRONGPASS = capture("ucarp-wrongpass.pcap");
  private static final String KEEPALIVED = capture("keepalived-vrrp2-failover.pcap");

  private static void assertNoStackTrace(CliResult r) {
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
  }

  @Test
  void failoverCaptureVerifiesEveryHmacWithTheInferredVip() {
    CliResult r = carpsim("decode", FAILOVER, "--pass", "secret");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("vhid 1: HMAC checked with VIP 10.99.0.100 (inferred from 7 gratuitous ARP(s)"), r.out());
    List<String> carp = rows(r, "CARP");
    assertEquals(45, carp.size());
    for (String row : carp) {
      assertTrue(row.contains("cksum ok   hmac ok (openbsd=ucarp)"), row);
    }
    assertEquals(7, rows(r, "ARP").size());
    assertTrue(r.out().contains("52 packet(s): 45 CARP (45 checksum ok; HMAC 45 ok [openbsd=ucarp 45], 0 bad, 0 unchecked)"), r.out());
    assertFalse(r.out().contains("secret") || r.err().contains("secret"), "the passphrase never appears");
    // Row 2 shows the fields of the first advertisement.
    assertTrue(carp.get(0).matches(" +2 +0\\.000034  10\\.99\\.0\\.11 -> 224\\.0\\.0\\.18 +CARP  vhid   1  advbase/skew   1/0 +demote   0"
        + "  counter d9a6fe9a232841fb  cksum ok   hmac ok \\(openbsd=ucarp\\)"), carp.get(0));
  }

  @Test
  void wrongpassCaptureSplitsByHost() {
    CliResult secret = carpsim("decode", WRONGPASS, "--pass", "secret");
    CliResult wrong = carpsim("decode", WRONGPASS, "--pass", "wrongpass");
    assertEquals(0, secret.exit());
    assertEquals(0, wrong.exit());
    for (String row : rows(secret, "CARP")) {
      assertEquals(row.contains("10.99.0.11 ->"), row.contains("hmac ok"), row);
      assertEquals(row.contains("10.99.0.12 ->"), row.contains("hmac BAD"), row);
    }
    for (String row : rows(wrong, "CARP")) {
      assertEquals(row.contains("10.99.0.12 ->"), row.contains("hmac ok"), row);
    }
    assertTrue(secret.out().contains("HMAC 9 ok"), secret.out());
    assertTrue(wrong.out().contains("HMAC 6 ok"), wrong.out());
    String outsideTheFileName = (wrong.out() + wrong.err()).replace(WRONGPASS, "FILE");
    assertFalse(outsideTheFileName.contains("wrongpass"), "the passphrase never appears");
  }

  @Test
  void jsonHasOneObjectPerCarpPacketWithExactlyTheDocumentedKeys() throws IOException {
    CliResult r = carpsim("decode", FAILOVER, "--json", "--pass", "secret");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.lines();
    assertEquals(45, lines.size());
    Set<String> withPass = new TreeSet<>(CARP_KEYS);
    withPass.add("hmac_ok");
    Iterator<CaptureRecord> ads = carpRecords(FAILOVER).iterator();
    for (String line : lines) {
      JsonNode o = JSON.readTree(line);
      Set<String> keys = new TreeSet<>();
      o.fieldNames().forEachRemaining(keys::add);
      assertEquals(withPass, keys, line);
      CaptureRecord rec = ads.next();
      assertEquals(rec.timestampNanos(), o.get("t_ns").asLong());
      assertEquals("224.0.0.18", o.get("dst").asText());
      assertEquals("00:00:5e:00:00:01", o.get("src_mac").asText());
      assertEquals(255, o.get("ttl").asInt());
      assertEquals(2, o.get("version").asInt());
      assertEquals(1, o.get("type").asInt());
      assertEquals(1, o.get("vhid").asInt());
      assertEquals(7, o.get("authlen").asInt());
      assertEquals(1, o.get("advbase").asInt());
      assertEquals(o.get("src").asText().equals("10.99.0.11") ? 0 : 100, o.get("advskew").asInt());
      assertTrue(o.get("checksum_ok").asBoolean());
      assertTrue(o.get("hmac_ok").asBoolean());
      byte[] data = rec.data();
      assertEquals(hex(data, 14 + 20 + 8, 8), o.get("counter").asText());
      assertEquals(hex(data, 14 + 20 + 16, 20), o.get("hmac").asText());
    }
    assertTrue(r.err().contains("note: vhid 1: HMAC checked with VIP 10.99.0.100"), r.err());
  }

  private static String hex(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = off; i < off + len; i++) {
      sb.append(String.format("%02x", b[i]));
    }
    return sb.toString();
  }

  private static List<CaptureRecord> carpRecords(String file) throws IOException {
    List<CaptureRecord> l = new ArrayList<>();
    try (PcapReader r = PcapReader.open(Path.of(file))) {
      for (CaptureRecord rec : r) {
        if (rec.capturedLength() == 70) {
          l.add(rec);
        }
      }
    }
    return l;
  }

  @Test
  void jsonWithoutPassHasNoHmacOkKey() throws IOException {
    CliResult r = carpsim("decode", WRONGPASS, "--json");
    assertEquals(0, r.exit());
    assertEquals(15, r.lines().size());
    for (String line : r.lines()) {
      Set<String> keys = new TreeSet<>();
      JSON.readTree(line).fieldNames().forEachRemaining(keys::add);
      assertEquals(new TreeSet<>(CARP_KEYS), keys);
    }
  }

  @Test
  void keepalivedIsListedAsVrrpAndNeverAsCarp() {
    CliResult table = carpsim("decode", KEEPALIVED, "--pass", "kapass");
    assertEquals(0, table.exit(), table.err());
    assertEquals(0, rows(table, "CARP").size());
    assertTrue(rows(table, "VRRP").size() >= 20);
    assertTrue(rows(table, "VRRP").get(0).contains("v2 vrid 51 priority 150 interval 1s"), rows(table, "VRRP").get(0));
    assertTrue(table.out().contains(" 0 CARP "), table.out());
    assertFalse(table.out().contains("kapass"), "VRRP's clear-text password is not printed");
    CliResult json = carpsim("decode", KEEPALIVED, "--json");
    assertEquals(0, json.exit());
    assertEquals("", json.out());
  }

  @Test
  void givenVipsAreUsedAndAWrongOneFails() {
    CliResult right = carpsim("decode", FAILOVER, "--pass", "secret", "--vip", "10.99.0.100");
    assertTrue(right.out().contains("HMAC checked with VIPs 10.99.0.100 (from --vip)"), right.out());
    assertTrue(right.out().contains("HMAC 45 ok"), right.out());
    CliResult wrong = carpsim("decode", FAILOVER, "--pass", "secret", "--vip", "10.99.0.101");
    assertEquals(0, wrong.exit());
    assertTrue(wrong.out().contains("HMAC 0 ok, 45 bad"), wrong.out());
    // Two VIPs: OpenBSD would hash both, ucarp only one; the ucarp candidate with the right one matches.
    CliResult two = carpsim("decode", FAILOVER, "--pass", "secret", "--vip", "10.99.0.101,10.99.0.100");
    assertTrue(two.out().contains("HMAC 45 ok [ucarp, VIP 10.99.0.100 45]"), two.out());
  }

  @Test
  void profilesPickTheScheme() {
    CliResult ucarp = carpsim("decode", FAILOVER, "--pass", "secret", "--profile", "ucarp");
    assertTrue(ucarp.out().contains("HMAC 45 ok [ucarp 45]"), ucarp.out());
    CliResult netbsd = carpsim("decode", FAILOVER, "--pass", "secret", "--profile", "netbsd");
    assertTrue(netbsd.out().contains("HMAC 45 ok [sorted 45]"), netbsd.out());
    CliResult old = carpsim("decode", FAILOVER, "--pass", "secret", "--profile", "openbsd-3.5");
    assertTrue(old.out().contains("HMAC 45 ok [interface order 45]"), old.out());
  }

  @Test
  void ucarpProfileRefusesALongPassphraseWithoutRepeatingIt() {
    CliResult r = carpsim("decode", FAILOVER, "--pass", "abcdefghijklmnopqrstu", "--profile", "ucarp");
    assertEquals(2, r.exit());
    assertEquals("carpsim decode: --pass: Password too long (ucarp accepts at most 19 characters, got 21)\n", r.err());
    assertFalse(r.err().contains("abcdefghij"));
  }

  @Test
  void badOptionValuesAreOneLineErrors() {
    CliResult p = carpsim("decode", FAILOVER, "--profile", "solaris");
    assertEquals(2, p.exit());
    assertEquals("carpsim decode: --profile: unknown profile 'solaris' (expected one of openbsd, openbsd-3.5, netbsd, "
        + "freebsd, freebsd-6, ucarp)\n", p.err());
    CliResult v = carpsim("decode", FAILOVER, "--pass", "x", "--vip", "10.99.0.300");
    assertEquals(2, v.exit());
    assertTrue(v.err().startsWith("carpsim decode: --vip: bad IPv4 address '10.99.0.300'"), v.err());
    for (String list : List.of(",,,", "10.99.0.100,,", ",10.99.0.100")) {
      CliResult empty = carpsim("decode", FAILOVER, "--pass", "x", "--vip", list);
      assertEquals(2, empty.exit(), list);
      assertEquals("carpsim decode: --vip: '" + list + "': an empty address in the list (expected A[,A…], IPv4 or "
          + "IPv6)\n", empty.err());
      assertEquals("", empty.out(), "nothing decoded");
    }
    assertEquals(1, v.err().lines().count());
  }

  @Test
  void missingFileIsExitTwoWithOneLine() {
    String missing = tmp.resolve("nope.pcap").toString();
    CliResult r = carpsim("decode", missing);
    assertEquals(2, r.exit());
    assertEquals("carpsim decode: " + missing + ": no such file\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void foreignFileIsExitTwoWithOneLine() throws IOException {
    Path f = tmp.resolve("notes.txt");
    Files.writeString(f, "this is not a capture\n");
    CliResult r = carpsim("decode", f.toString());
    assertEquals(2, r.exit());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("carpsim decode: " + f + ": at byte 0: not a capture file: magic 74686973"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void truncatedFileListsWhatItCouldThenFailsWithTheRecordNumber() throws IOException {
    byte[] all = Files.readAllBytes(Path.of(FAILOVER));
    Path cut = tmp.resolve("cut.pcap");
    Files.write(cut, Arrays.copyOf(all, all.length - 10));
    CliResult r = carpsim("decode", cut.toString(), "--pass", "secret");
    assertEquals(2, r.exit());
    assertEquals(44, rows(r, "CARP").size(), "the 44 complete advertisements before the cut are listed");
    assertTrue(r.err().startsWith("carpsim decode: " + cut + ": at byte "), r.err());
    assertTrue(r.err().contains("record 52 is truncated: its header says 70 bytes, the file ends after 60"), r.err());
    assertEquals(1, r.err().lines().count());
  }

  @Test
  void withoutGratuitousArpsNoVipCanBeInferredAndThatIsSaid() throws IOException {
    Path onlyAds = tmp.resolve("ads.pcap");
    writePcap(onlyAds, 1, carpRecords(FAILOVER).stream().map(CaptureRecord::data).toList());
    CliResult r = carpsim("decode", onlyAds.toString(), "--pass", "secret");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("vhid 1: no VIP given and none can be inferred (no gratuitous ARP from 00:00:5e:00:01:01 "
        + "or next to its advertisements); HMAC not checked, use --vip"), r.out());
    assertTrue(rows(r, "CARP").get(0).endsWith("hmac ? (no VIP)"), rows(r, "CARP").get(0));
    CliResult json = carpsim("decode", onlyAds.toString(), "--pass", "secret", "--json");
    assertTrue(json.lines().get(0).contains("\"hmac_ok\":null"), json.out());
    assertTrue(json.err().contains("none can be inferred"), json.err());
  }

  @Test
  void linuxCookedCapturesDecodeToo() throws IOException {
    List<byte[]> sll = new ArrayList<>();
    try (PcapReader r = PcapReader.open(Path.of(FAILOVER))) {
      for (CaptureRecord rec : r) {
        byte[] eth = rec.data();
        // Linux cooked v1: packet type (multicast 2 / broadcast 1), ARPHRD_ETHER, 6-byte source, protocol.
        ByteBuffer b = ByteBuffer.allocate(16 + eth.length - 14);
        b.putShort((short) (eth[0] == (byte) 0xff ? 1 : 2)).putShort((short) 1).putShort((short) 6).put(eth, 6, 6)
            .putShort((short) 0).put(eth, 12, 2).put(eth, 14, eth.length - 14);
        sll.add(b.array());
      }
    }
    Path f = tmp.resolve("cooked.pcap");
    writePcap(f, 113, sll);
    CliResult r = carpsim("decode", f.toString(), "--pass", "secret");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Linux cooked (SLL)"), r.out());
    assertTrue(r.out().contains("52 packet(s): 45 CARP (45 checksum ok; HMAC 45 ok"), r.out());
    CliResult json = carpsim("decode", f.toString(), "--json");
    assertTrue(json.lines().get(0).contains("\"src_mac\":\"00:00:5e:00:00:01\""), json.lines().get(0));
  }

  @Test
  void openbsdStyleCaptureWithTwoVhidsAndSeveralVipsIsInferredFromVirtualMacs() throws IOException {
    // Built with our encoder: vhid 1 holds one VIP, vhid 2 two VIPs (sorted into the OpenBSD HMAC);
    // gratuitous ARPs come from the virtual MACs, far in time from any advertisement.
    Map<Integer, List<Ipv4Address>> vips = Map.of(
        1, List.of(Ipv4Address.parse("192.0.2.1")),
        2, List.of(Ipv4Address.parse("192.0.2.30"), Ipv4Address.parse("192.0.2.20")));
    List<byte[]> frames = new ArrayList<>();
    for (int vhid : List.of(1, 2)) {
      MacAddress vmac = MacAddress.carpVirtual(vhid);
      for (Ipv4Address vip : vips.get(vhid)) {
        frames.add(EthernetFrame.of(MacAddress.BROADCAST, vmac,
            ArpPacket.gratuitousRequest(vmac, vip, MacAddress.ZERO)).toBytes());
      }
    }
    for (int i = 0; i < 6; i++) {
      int vhid = 1 + i % 2;
      CarpHmac h = CarpHmac.prepare(HmacScheme.OPENBSD,
          CarpKey.bsd("s3cret"), vhid, vips.get(vhid), List.of(), null);
      long counter = 0x1000L + i;
      CarpAdvertisement ad = CarpAdvertisement.create(vhid, 0, 0, 1, counter, h.compute(counter));
      frames.add(EthernetFrame.of(
          Frames.multicastMac(Ipv4Address.CARP_GROUP),
          MacAddress.carpVirtual(vhid),
          Ipv4Packet.of(0x10, i, Ipv4Header.DONT_FRAGMENT, 255,
              Ipv4Address.parse("192.0.2.9"), Ipv4Address.CARP_GROUP, ad)).toBytes());
    }
    Path f = tmp.resolve("openbsd.pcap");
    writePcap(f, 1, frames);
    CliResult r = carpsim("decode", f.toString(), "--pass", "s3cret");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("vhid 1: HMAC checked with VIP 192.0.2.1 (inferred from 1 gratuitous ARP(s)"), r.out());
    assertTrue(r.out().contains("vhid 2: HMAC checked with VIP 192.0.2.20, 192.0.2.30 (inferred from 2 gratuitous ARP(s)"), r.out());
    assertTrue(r.out().contains("6 CARP (6 checksum ok; HMAC 6 ok [openbsd 3, openbsd=ucarp 3]"), r.out());
  }

  /** A classic little-endian pcap of the given link type. */
  private static void writePcap(Path file, int linkType, List<byte[]> frames) throws IOException {
    int size = 24 + frames.stream().mapToInt(f -> 16 + f.length).sum();
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
    int usec = 0;
    for (byte[] f : frames) {
      b.putInt(1_700_000_000).putInt(usec += 1000).putInt(f.length).putInt(f.length).put(f);
    }
    Files.write(file, b.array());
  }

  @Test
  void helpDescribesTheCommand() {
    CliResult r = carpsim("decode", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("--pass=P"), r.out());
    assertTrue(r.out().contains("--vip=A"), r.out());
  }
}
