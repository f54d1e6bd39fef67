package org.carpsim.cli;

import static org.carpsim.cli.CliResult.carpsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * decode prints IPv4 CARP and ARP rows of Ethernet captures straight from the bytes
 * ({@link DecodeFastRows}) and every other row through the general decoder. The same frames in a
 * Linux cooked capture always take the general path, and their rows read the same (the cooked
 * header keeps the source MAC; broadcast frames keep their destination, others get zeros, so the
 * Ethernet copies here are sent to zeros). So the two captures, decoded with the same options,
 * must print the same rows: real ucarp frames and variants of them that test each field the fast
 * path reads and each shape it must leave alone.
 */
class DecodeFastRowsTest {

  @TempDir Path tmp;

  private static byte[] sample(String name) throws IOException {
    try {
      return Files.readAllBytes(Path.of(DecodeFastRowsTest.class.getResource("/captures/" + name).toURI()));
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }


  private List<byte[]> framesOf(String name) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, sample(name));
    List<byte[]> frames = new ArrayList<>();
    try (PcapReader reader = PcapReader.open(p)) {
      for (CaptureRecord r = reader.next(); r != null; r = reader.next()) {
        frames.add(r.data());
      }
    }
    return frames;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  private static void fixIpChecksum(byte[] f) {
    f[24] = 0;
    f[25] = 0;
    int c = InternetChecksum.compute(f, 14, 20);
    f[24] = (byte) (c >> 8);
    f[25] = (byte) c;
  }

  private static void fixCarpChecksum(byte[] f) {
    f[34 + 6] = 0;
    f[34 + 7] = 0;
    int c = InternetChecksum.compute(f, 34, 36);
    f[34 + 6] = (byte) (c >> 8);
    f[34 + 7] = (byte) c;
  }

  private static byte[] variant(byte[] f, int at, int value, boolean fixIp, boolean fixCarp) {
    byte[] v = f.clone();
    v[at] = (byte) value;
    if (fixIp) {
      fixIpChecksum(v);
    }
    if (fixCarp) {
      fixCarpChecksum(v);
    }
    return v;
  }

  /** Real frames and variants: every CARP field the fast path prints, checksums, and shapes it must refuse. */
  private List<byte[]> frames() throws IOException {
    List<byte[]> out = new ArrayList<>();
    List<byte[]> real = new ArrayList<>(framesOf("ucarp-failover.pcap"));
    real.addAll(framesOf("ucarp-wrongpass.pcap"));
    real.addAll(framesOf("keepalived-vrrp2-failover.pcap"));
    byte[] carp = null;
    byte[] arp = null;
    for (byte[] f : real) {
      boolean broadcast = Arrays.equals(Arrays.copyOf(f, 6), new byte[] {-1, -1, -1, -1, -1, -1});
      if (!broadcast) {
        f = f.clone();
        Arrays.fill(f, 0, 6, (byte) 0); // what a cooked capture shows for a frame not sent to broadcast
      }
      out.add(f);
      if (carp == null && f.length >= 70 && u16(f, 12) == 0x0800 && (f[23] & 0xff) == 112 && f[34] == 0x21 && f[37] == 7) {
        carp = f;
      }
      if (arp == null && u16(f, 12) == 0x0806) {
        arp = f;
      }
    }
    assertTrue(carp != null && arp != null, "the samples hold CARP and ARP frames");
    out.add(variant(carp, 22, 64, true, false)); // ttl 64
    out.add(variant(carp, 22, 1, false, false)); // ttl 1 and the IPv4 header checksum now wrong
    out.add(variant(carp, 34 + 1, 200, false, true)); // vhid 200
    out.add(variant(carp, 34 + 1, 7, false, false)); // vhid 7, CARP checksum wrong
    out.add(variant(carp, 34 + 2, 255, false, true)); // bow-out advskew
    out.add(variant(carp, 34 + 2, 42, false, true));
    out.add(variant(carp, 34 + 4, 9, false, true)); // demote
    out.add(variant(carp, 34 + 5, 0, false, true)); // advbase 0
    out.add(variant(carp, 34 + 5, 255, false, true));
    out.add(variant(carp, 34 + 12, 0x5a, false, true)); // counter
    out.add(variant(carp, 34, 0x31, false, true)); // CARP version 3: general path (VRRPv3 rules)
    out.add(variant(carp, 34, 0x22, false, true)); // type 2: general path
    out.add(variant(carp, 34 + 3, 5, false, true)); // authlen 5: VRRPv2 rules decide
    out.add(variant(carp, 14, 0x46, true, false)); // IHL 6 without options: general path
    out.add(variant(carp, 20, 0x20, true, false)); // more fragments
    out.add(variant(carp, 12, 0x81, false, false)); // not IPv4
    byte[] padded = Arrays.copyOf(carp, carp.length + 8); // an Ethernet trailer after the packet
    out.add(padded);
    byte[] longer = Arrays.copyOf(carp, carp.length + 8); // 44 bytes of protocol 112: VRRPv2 with seven addresses?
    longer[17] = (byte) (u16(carp, 16) + 8);
    fixIpChecksum(longer);
    out.add(longer);
    byte[] beyond = carp.clone(); // a total length past the frame: malformed
    beyond[17] = (byte) (u16(carp, 16) + 4);
    fixIpChecksum(beyond);
    out.add(beyond);
    out.add(Arrays.copyOf(carp, 60)); // cut short
    for (int op : new int[] {1, 2, 3, 0x0102}) {
      byte[] a = arp.clone();
      a[20] = (byte) (op >> 8);
      a[21] = (byte) op;
      out.add(a);
      byte[] asked = a.clone(); // target IP other than the sender's: not gratuitous
      asked[41] ^= 1;
      out.add(asked);
    }
    out.add(variant(arp, 18, 8, false, false)); // hardware length 8: not Ethernet/IPv4
    out.add(Arrays.copyOf(arp, 40)); // truncated ARP
    return out;
  }

  /** A classic pcap (nanosecond timestamps) of the frames, one a millisecond. */
  private static byte[] pcap(List<byte[]> frames, int linkType, boolean cooked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
    out.writeBytes(h.array());
    long t = 1_700_000_000_123_456_789L;
    for (byte[] f : frames) {
      byte[] data = cooked ? cooked(f) : f;
      ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      r.putInt((int) (t / 1_000_000_000L)).putInt((int) (t % 1_000_000_000L)).putInt(data.length).putInt(data.length);
      out.writeBytes(r.array());
      out.writeBytes(data);
      t += 1_000_001;
    }
    return out.toByteArray();
  }

  /** The frame under a Linux cooked (SLL) header instead of its Ethernet header. */
  private static byte[] cooked(byte[] f) {
    boolean broadcast = (f[0] & 0xff) == 0xff;
    ByteBuffer b = ByteBuffer.allocate(16 + f.length - 14);
    b.putShort((short) (broadcast ? 1 : 0)).putShort((short) 1).putShort((short) 6).put(f, 6, 6).putShort((short) 0)
        .put(f, 12, 2).put(f, 14, f.length - 14);
    return b.array();
  }

  private static String withoutFirstLine(String s) {
    return s.substring(s.indexOf('\n') + 1);
  }

  @Test
  void aLongCaptureSaysDoneOnceAtTheEnd() throws IOException {
    // over 20 MB, so progress is shown (a log's lines here: standard error is no terminal)
    List<byte[]> real = framesOf("ucarp-failover.pcap");
    List<byte[]> frames = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; bytes < 21_000_000; i++) {
      byte[] f = real.get(i % real.size());
      frames.add(f);
      bytes += 16 + f.length;
    }
    Path big = tmp.resolve("big.pcap");
    Files.write(big, pcap(frames, 1, false));
    CliResult r = carpsim("decode", big.toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.err().lines().filter(l -> l.contains("done in")).count(), r.err());
    assertTrue(r.err().lines().allMatch(l -> l.startsWith("decode big.pcap: ")), r.err());
  }

  @Test
  void fastRowsReadTheSameAsTheGeneralDecoder() throws IOException {
    List<byte[]> frames = frames();
    Path ethernet = tmp.resolve("ethernet.pcap");
    Path sll = tmp.resolve("sll.pcap");
    Files.write(ethernet, pcap(frames, 1, false));
    Files.write(sll, pcap(frames, 113, true));
    for (String[] options : new String[][] {{}, {"--json"}, {"--pass", "secret"}, {"--pass", "secret", "--json"},
        {"--pass", "secret", "--vip", "10.99.0.100"}, {"--pass", "wrong", "--profile", "ucarp"}}) {
      List<String> a = new ArrayList<>(List.of("decode", ethernet.toString()));
      List<String> b = new ArrayList<>(List.of("decode", sll.toString()));
      a.addAll(List.of(options));
      b.addAll(List.of(options));
      CliResult fast = carpsim(a.toArray(String[]::new));
      CliResult general = carpsim(b.toArray(String[]::new));
      assertEquals(0, fast.exit(), fast.err());
      String what = String.join(" ", options);
      if (List.of(options).contains("--json")) {
        assertEquals(general.out(), fast.out(), what);
        assertEquals(general.err(), fast.err(), what);
      } else {
        assertEquals(withoutFirstLine(general.out()), withoutFirstLine(fast.out()), what);
      }
    }
    // and the rows say what the variants are, so the comparison covered them
    String table = carpsim("decode", ethernet.toString(), "--pass", "secret").out();
    assertTrue(table.contains("ttl 64 (receivers count badttl)"), table);
    assertTrue(table.contains("IPv4 header cksum BAD"), table);
    assertTrue(table.contains("vhid 200"), table);
    assertTrue(table.contains("cksum BAD"), table);
    assertTrue(table.contains("hmac ok (ucarp, VIP 10.99.0.100)"), table);
    assertTrue(table.contains("hmac BAD"), table);
    assertTrue(table.contains("version 3") || table.contains("VRRP"), table);
    assertTrue(table.contains("malformed"), table);
    assertTrue(table.contains("reply: ") && table.contains("who has ") && table.contains("operation 258"), table);
    assertTrue(table.contains("gratuitous request: "), table);
  }
}
