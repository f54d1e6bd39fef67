package org.carpsim.sim.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapReaderTest {

  @TempDir Path tmp;

  /** First packet of ucarp-wrongpass.pcap (tcpdump, little-endian, microseconds). */
  private static final long FIRST_TS = 1_795_424_037_871_605_000L;

  private static Path resource(String name) {
    try {
      return Path.of(PcapReaderTest.class.getResource("/pcap/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static List<CaptureRecord> readAll(Path file) throws IOException {
    List<CaptureRecord> all = new ArrayList<>();
    try (PcapReader r = PcapReader.open(file)) {
      for (CaptureRecord rec = r.next(); rec != null; rec = r.next()) {
        all.add(rec);
      }
      assertNull(r.next(), "next() after the end stays null");
    }
    return all;
  }

  @Test
  void advanceShowsEachPacketInPlaceAsNextWouldCopyIt() throws IOException {
    // classic pcap with a packet larger than the reader's first buffer between two small ones, and pcapng
    ByteBuffer f = ByteBuffer.allocate(24 + 3 * 16 + 10 + 5000 + 20).order(ByteOrder.LITTLE_ENDIAN);
    f.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
    int[] sizes = {10, 5000, 20};
    for (int i = 0; i < sizes.length; i++) {
      f.putInt(100 + i).putInt(7).putInt(sizes[i]).putInt(sizes[i] + 1);
      for (int j = 0; j < sizes[i]; j++) {
        f.put((byte) (i * 31 + j));
      }
    }
    Path classic = tmp.resolve("growing.pcap");
    Files.write(classic, f.array());
    for (Path file : List.of(classic, resource("two-sections.pcapng"), resource("ucarp-wrongpass.pcapng"))) {
      List<CaptureRecord> copies = readAll(file);
      try (PcapReader r = PcapReader.open(file)) {
        for (CaptureRecord expected : copies) {
          assertTrue(r.advance(), file.toString());
          assertEquals(expected.number(), r.packetNumber());
          assertEquals(expected.timestampNanos(), r.packetTimestampNanos());
          assertEquals(expected.linkType(), r.packetLinkType());
          assertArrayEquals(expected.data(),
              Arrays.copyOfRange(r.packetBuffer(), r.packetOffset(), r.packetOffset() + r.packetLength()));
          assertEquals(expected, r.record());
        }
        assertFalse(r.advance(), "the end of " + file);
      }
    }
    assertEquals(List.of(10, 5000, 20), readAll(classic).stream().map(CaptureRecord::capturedLength).toList());
    assertEquals(5001, readAll(classic).get(1).originalLength());
  }

  @Test
  void readsTcpdumpClassicLittleEndianMicroseconds() throws IOException {
    try (PcapReader r = PcapReader.open(resource("ucarp-wrongpass.pcap"))) {
      assertEquals(CaptureFileFormat.PCAP_MICROSECONDS, r.format());
      assertEquals(PcapFormat.LINKTYPE_ETHERNET, r.linkType());
    }
    List<CaptureRecord> all = readAll(resource("ucarp-wrongpass.pcap"));
    assertEquals(19, all.size());
    CaptureRecord first = all.get(0);
    assertEquals(1, first.number());
    assertEquals(FIRST_TS, first.timestampNanos());
    assertEquals(42, first.capturedLength());
    assertEquals(42, first.originalLength());
    assertEquals("ffffffffffff56c0605590e60806", HexFormat.of().formatHex(first.data(), 0, 14));
    assertEquals(0x0806, first.networkProtocol());
    CaptureRecord last = all.get(18);
    assertEquals(19, last.number());
    assertEquals(1_795_424_045_956_028_000L, last.timestampNanos());
    assertEquals(70, last.capturedLength());
    assertEquals(0x0800, last.networkProtocol());
    assertEquals(0x45, last.networkPayload()[0]);
  }

  @Test
  void nanosecondFileWrittenByEditcapGivesTheSamePackets() throws IOException {
    try (PcapReader r = PcapReader.open(resource("ucarp-wrongpass-nsec.pcap"))) {
      assertEquals(CaptureFileFormat.PCAP_NANOSECONDS, r.format());
    }
    assertEquals(readAll(resource("ucarp-wrongpass.pcap")), readAll(resource("ucarp-wrongpass-nsec.pcap")));
  }

  @Test
  void pcapngWrittenByEditcapGivesTheSamePackets() throws IOException {
    try (PcapReader r = PcapReader.open(resource("ucarp-wrongpass.pcapng"))) {
      assertEquals(CaptureFileFormat.PCAPNG, r.format());
    }
    assertEquals(readAll(resource("ucarp-wrongpass.pcap")), readAll(resource("ucarp-wrongpass.pcapng")));
  }

  @Test
  void concatenatedPcapngSectionsAreReadInOrderWithContinuingNumbers() throws IOException {
    List<CaptureRecord> all = readAll(resource("two-sections.pcapng"));
    assertEquals(19 + 62, all.size());
    assertEquals(FIRST_TS, all.get(0).timestampNanos());
    CaptureRecord lastOfSecond = all.get(80);
    assertEquals(81, lastOfSecond.number());
    assertEquals(1_795_424_423_091_953_000L, lastOfSecond.timestampNanos());
    assertEquals(54, lastOfSecond.capturedLength());
  }

  @Test
  void bigEndianClassicFileGivesTheSamePackets() throws IOException {
    byte[] le = Files.readAllBytes(resource("ucarp-wrongpass.pcap"));
    Path be = tmp.resolve("be.pcap");
    Files.write(be, swapClassic(le));
    assertEquals(readAll(resource("ucarp-wrongpass.pcap")), readAll(be));
  }

  /** Rewrites a little-endian classic pcap in big-endian order. */
  private static byte[] swapClassic(byte[] le) {
    ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = ByteBuffer.allocate(le.length).order(ByteOrder.BIG_ENDIAN);
    out.putInt(in.getInt()).putShort(in.getShort()).putShort(in.getShort());
    for (int i = 0; i < 4; i++) {
      out.putInt(in.getInt());
    }
    while (in.hasRemaining()) {
      int sec = in.getInt();
      int usec = in.getInt();
      int incl = in.getInt();
      int orig = in.getInt();
      out.putInt(sec).putInt(usec).putInt(incl).putInt(orig);
      byte[] data = new byte[incl];
      in.get(data);
      out.put(data);
    }
    return out.array();
  }

  @Test
  void pcapngWithSeveralInterfacesResolutionsAndBlockKinds() throws IOException {
    byte[] eth = HexFormat.of().parseHex("ffffffffffff0200000000010806" + "00".repeat(28));
    byte[] sll = sllFrame();
    byte[] sll2 = sll2Frame();
    PcapngBytes b = new PcapngBytes()
        .section(ByteOrder.BIG_ENDIAN)
        .iface(PcapFormat.LINKTYPE_ETHERNET, 65535, -1, 0) // default microseconds
        .iface(PcapFormat.LINKTYPE_LINUX_SLL, 65535, 9, 0) // nanoseconds
        .iface(PcapFormat.LINKTYPE_LINUX_SLL2, 65535, 0x80 | 10, 100) // 2^-10 s, offset 100 s
        .enhanced(0, 1_500_000L, eth, eth.length)
        .block(0x0000_0005, new byte[8]) // interface statistics: skipped
        .enhanced(1, 2_000_000_123L, sll, sll.length + 10)
        .enhanced(2, 1024L * 3 + 512, sll2, sll2.length)
        .simple(eth)
        .section(ByteOrder.LITTLE_ENDIAN)
        .iface(PcapFormat.LINKTYPE_ETHERNET, 65535, 3, 0) // milliseconds
        .enhanced(0, 7L, eth, eth.length);
    Path file = tmp.resolve("multi.pcapng");
    Files.write(file, b.bytes());
    List<CaptureRecord> all = readAll(file);
    assertEquals(5, all.size());

    assertEquals(1_500_000_000L, all.get(0).timestampNanos());
    assertEquals(0, all.get(0).interfaceId());

    CaptureRecord cooked = all.get(1);
    assertEquals(PcapFormat.LINKTYPE_LINUX_SLL, cooked.linkType());
    assertEquals(1, cooked.interfaceId());
    assertEquals(2_000_000_123L, cooked.timestampNanos());
    assertTrue(cooked.isTruncated());
    assertEquals(0x0800, cooked.networkProtocol());
    assertArrayEquals(HexFormat.of().parseHex("4510"), cooked.networkPayload());
    assertEquals("ffffffffffff" + "0a0b0c0d0e0f" + "0800" + "4510", HexFormat.of().formatHex(cooked.ethernetView()));

    CaptureRecord cooked2 = all.get(2);
    assertEquals(PcapFormat.LINKTYPE_LINUX_SLL2, cooked2.linkType());
    assertEquals(100_000_000_000L + 3_500_000_000L, cooked2.timestampNanos());
    assertEquals(0x86dd, cooked2.networkProtocol());
    assertEquals("000000000000" + "0a0b0c0d0e0f" + "86dd" + "6000", HexFormat.of().formatHex(cooked2.ethernetView()));

    CaptureRecord simple = all.get(3);
    assertFalse(simple.hasTimestamp());
    assertEquals(0, simple.interfaceId());
    assertArrayEquals(eth, simple.data());

    CaptureRecord secondSection = all.get(4);
    assertEquals(7_000_000L, secondSection.timestampNanos());
    assertEquals(5, secondSection.number());
  }

  /** Linux cooked v1: broadcast, ARPHRD_ETHER, 6-byte address, IPv4, two payload bytes. */
  private static byte[] sllFrame() {
    return HexFormat.of().parseHex("0001" + "0001" + "0006" + "0a0b0c0d0e0f0000" + "0800" + "4510");
  }

  /** Linux cooked v2: IPv6, reserved, ifindex 2, ARPHRD_ETHER, to us, 6-byte address. */
  private static byte[] sll2Frame() {
    return HexFormat.of().parseHex("86dd" + "0000" + "00000002" + "0001" + "00" + "06" + "0a0b0c0d0e0f0000" + "6000");
  }

  @Test
  void timestampResolutions() {
    assertEquals(1_000_000_000L, PcapReader.toNanos(1, 0, 0));
    assertEquals(1L, PcapReader.toNanos(1000, 12, 0));
    assertEquals(500_000_000L, PcapReader.toNanos(1, 0x80 | 1, 0));
    assertEquals(2_000_000_001L, PcapReader.toNanos(1, 9, 2));
    // An unsigned 64-bit count of picoseconds does not overflow on the way.
    assertEquals(Long.parseUnsignedLong("18446744073709551") , PcapReader.toNanos(-1L, 12, 0));
  }

  @Test
  void iteratorWalksTheRecords() throws IOException {
    try (PcapReader r = PcapReader.open(resource("ucarp-wrongpass.pcap"))) {
      long n = 0;
      for (CaptureRecord rec : r) {
        n++;
        assertEquals(n, rec.number());
      }
      assertEquals(19, n);
    }
  }

  @Test
  void recordsCompareByValue() {
    CaptureRecord a = new CaptureRecord(1, 2, 0, 1, 3, new byte[] {1, 2, 3});
    CaptureRecord b = new CaptureRecord(1, 2, 0, 1, 3, new byte[] {1, 2, 3});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    byte[] copy = a.data();
    copy[0] = 9;
    assertEquals(1, a.data()[0], "data() hands out a copy");
  }

  // -------------------------------------------------------------------------------------------
  // Damaged and foreign files

  private CaptureFormatException failure(byte[] content) throws IOException {
    Path f = tmp.resolve("bad.pcap");
    Files.write(f, content);
    return assertThrows(CaptureFormatException.class, () -> readAll(f));
  }

  @Test
  void emptyFileIsRefusedNamingWhatWasExpected() throws IOException {
    CaptureFormatException e = failure(new byte[0]);
    assertTrue(e.getMessage().startsWith(tmp.resolve("bad.pcap") + ": at byte 0: "), e.getMessage());
    assertTrue(e.getMessage().contains("expected a pcap header"), e.getMessage());
  }

  @Test
  void foreignFileIsRefusedWithItsMagic() throws IOException {
    CaptureFormatException e = failure("scenario \"not a capture\"\n".getBytes());
    assertEquals(0, e.offset());
    assertTrue(e.problem().contains("not a capture file: magic 7363656e"), e.problem());
  }

  @Test
  void truncatedFileHeader() throws IOException {
    byte[] le = Files.readAllBytes(resource("ucarp-wrongpass.pcap"));
    CaptureFormatException e = failure(Arrays.copyOf(le, 10));
    assertEquals(10, e.offset());
    assertTrue(e.problem().contains("24-byte pcap file header"), e.problem());
  }

  @Test
  void truncatedLastRecordNamesTheRecord() throws IOException {
    byte[] le = Files.readAllBytes(resource("ucarp-wrongpass.pcap"));
    CaptureFormatException e = failure(Arrays.copyOf(le, le.length - 5));
    assertTrue(e.problem().contains("record 19 is truncated: its header says 70 bytes, the file ends after 65"), e.problem());
    assertEquals(le.length - 70 - 16 + 16, e.offset());
  }

  @Test
  void truncatedRecordHeaderNamesTheRecord() throws IOException {
    byte[] le = Files.readAllBytes(resource("ucarp-wrongpass.pcap"));
    byte[] cut = Arrays.copyOf(le, 24 + 16 + 42 + 7);
    CaptureFormatException e = failure(cut);
    assertEquals(24 + 16 + 42, e.offset());
    assertTrue(e.problem().contains("record 2 is truncated: the file ends 7 bytes into its 16-byte record header"), e.problem());
  }

  @Test
  void absurdRecordLengthIsDamageNotAnAllocation() throws IOException {
    byte[] le = Files.readAllBytes(resource("ucarp-wrongpass.pcap"));
    ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 0x7fff_0000);
    CaptureFormatException e = failure(le);
    assertEquals(32, e.offset());
    assertTrue(e.problem().contains("record 1 claims"), e.problem());
  }

  @Test
  void wrongClassicVersion() throws IOException {
    byte[] le = Files.readAllBytes(resource("ucarp-wrongpass.pcap"));
    le[4] = 3;
    assertTrue(failure(le).problem().contains("pcap version 3.4, expected 2.4"));
  }

  @Test
  void pcapngBlockWithMismatchedTrailingLength() throws IOException {
    byte[] ok = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN)
        .iface(1, 0, -1, 0).bytes();
    byte[] bad = ok.clone();
    bad[bad.length - 4] = 99;
    CaptureFormatException e = failure(bad);
    assertEquals(bad.length - 4, e.offset());
    assertTrue(e.problem().contains("ends with length 99"), e.problem());
  }

  @Test
  void pcapngPacketForAnUndescribedInterface() throws IOException {
    byte[] bytes = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN)
        .iface(1, 0, -1, 0).enhanced(3, 0, new byte[14], 14).bytes();
    assertTrue(failure(bytes).problem().contains("refers to interface 3 but the section describes 1 interface(s)"));
  }

  @Test
  void pcapngBadByteOrderMagicAndBadLength() throws IOException {
    byte[] bytes = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN).bytes();
    bytes[8] = 0;
    assertTrue(failure(bytes).problem().contains("byte-order magic"));
    byte[] odd = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN).iface(1, 0, -1, 0).bytes();
    odd[28 + 4] = 21; // interface block length 21: not a multiple of 4
    CaptureFormatException e = failure(odd);
    assertEquals(32, e.offset());
    assertTrue(e.problem().contains("block length 21"), e.problem());
  }

  @Test
  void pcapngCutInsideABlock() throws IOException {
    byte[] full = new PcapngBytes().section(ByteOrder.BIG_ENDIAN).iface(1, 0, -1, 0)
        .enhanced(0, 0, new byte[60], 60).bytes();
    CaptureFormatException e = failure(Arrays.copyOf(full, full.length - 10));
    assertTrue(e.problem().contains("pcapng block of type 6"), e.problem());
  }

  @Test
  void iteratorReportsDamageAsUncheckedWithTheCause() throws IOException {
    byte[] le = Files.readAllBytes(resource("ucarp-wrongpass.pcap"));
    Path f = tmp.resolve("cut.pcap");
    Files.write(f, Arrays.copyOf(le, le.length - 1));
    try (PcapReader r = PcapReader.open(f)) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> r.forEach(rec -> { }));
      assertTrue(e.getCause() instanceof CaptureFormatException);
    }
  }

  @Test
  void missingFile() {
    assertThrows(NoSuchFileException.class, () -> PcapReader.open(tmp.resolve("nope.pcap")));
  }
}
