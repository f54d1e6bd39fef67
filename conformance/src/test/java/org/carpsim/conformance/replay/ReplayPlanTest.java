package org.carpsim.conformance.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapFormat;
import org.carpsim.sim.pcap.PcapReader;
import org.junit.jupiter.api.Test;

/**
 * Planning a replay of the real ucarp capture. The facts checked come from tshark's listing of
 * the file (captures/README.md): 52 records, 7 gratuitous ARPs (1, 5, 36, 40, 44, 47, 50), the
 * rest vhid-1 advertisements; h2 (10.99.0.12, MAC 3a:93:f5:08:a8:9b) is master from record 36
 * to 43 (and sends once more, record 46); record 36 is at +36.325732 s.
 */
class ReplayPlanTest {

  static Path capture() throws Exception {
    return Path.of(ReplayPlanTest.class.getResource("/captures/ucarp-failover.pcap").toURI());
  }

  private static List<CaptureRecord> records() throws Exception {
    List<CaptureRecord> out = new ArrayList<>();
    try (PcapReader r = PcapReader.open(capture())) {
      r.forEach(out::add);
    }
    return out;
  }

  @Test
  void everyRecordIsPlannedWithItsOffsetFromTheFirst() throws Exception {
    ReplayPlan plan = ReplayPlan.load(capture(), ReplayFilter.ALL);
    assertEquals(52, plan.frames().size());
    assertEquals(52, plan.records());
    assertEquals(List.of(), plan.refused());
    assertEquals(0, plan.frames().get(0).offsetNanos());
    assertEquals(36_325_732_000L, plan.frames().get(35).offsetNanos());
    assertEquals(47_418_338_000L, plan.spanNanos());
    List<CaptureRecord> raw = records();
    for (int i = 0; i < raw.size(); i++) {
      assertArrayEquals(raw.get(i).data(), plan.frames().get(i).frame(), "record " + (i + 1) + " is sent byte for byte");
    }
  }

  @Test
  void vhidKeepsOnlyThatVhidsAdvertisements() throws Exception {
    ReplayPlan carp = ReplayPlan.load(capture(), ReplayFilter.ALL.withVhid(1));
    assertEquals(45, carp.frames().size(), "52 records less 7 ARPs");
    assertTrue(carp.frames().stream().noneMatch(f -> List.of(1L, 5L, 36L, 40L, 44L, 47L, 50L).contains(f.number())));
    assertEquals(0, carp.frames().get(0).offsetNanos(), "timing is relative to the first frame sent (record 2)");
    assertEquals(List.of(), ReplayPlan.load(capture(), ReplayFilter.ALL.withVhid(2)).frames());
  }

  @Test
  void sourceAndFramesNarrowItDown() throws Exception {
    ReplayPlan h2 = ReplayPlan.load(capture(), ReplayFilter.ALL.withSource(Ipv4Address.parse("10.99.0.12")));
    // h2's advertisements by IP source (tshark: 37-39, 41-43 and one more, 46, after h1 is back);
    // its gratuitous ARPs have the VIP as sender, so they are not h2's.
    assertEquals(List.of(37L, 38L, 39L, 41L, 42L, 43L, 46L), h2.frames().stream().map(ReplayFrame::number).toList());
    ReplayPlan vipArps = ReplayPlan.load(capture(), ReplayFilter.ALL.withSource(Ipv4Address.parse("10.99.0.100")));
    assertEquals(List.of(1L, 5L, 36L, 40L, 44L, 47L, 50L), vipArps.frames().stream().map(ReplayFrame::number).toList());
    ReplayPlan window = ReplayPlan.load(capture(), ReplayFilter.ALL.withFrames(36, 40));
    assertEquals(5, window.frames().size());
    assertEquals(39_100_975_000L - 36_325_732_000L, window.spanNanos());
  }

  @Test
  void rangesParseAndBadOnesAreNamed() {
    assertArrayEquals(new long[] {3, 9}, ReplayFilter.parseRange("3-9"));
    assertArrayEquals(new long[] {3, Long.MAX_VALUE}, ReplayFilter.parseRange("3-"));
    assertArrayEquals(new long[] {7, 7}, ReplayFilter.parseRange("7"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayFilter.parseRange("a-b"));
    assertTrue(e.getMessage().contains("--frames 'a-b'"), e.getMessage());
    IllegalArgumentException back = assertThrows(IllegalArgumentException.class, () -> ReplayFilter.ALL.withFrames(9, 3));
    assertTrue(back.getMessage().contains("--frames 9-3"), back.getMessage());
    IllegalArgumentException vhid = assertThrows(IllegalArgumentException.class, () -> ReplayFilter.ALL.withVhid(256));
    assertTrue(vhid.getMessage().contains("1..255"), vhid.getMessage());
  }

  @Test
  void recordsWithoutOrWithEarlierTimestampsGoWithTheFrameBefore() throws Exception {
    byte[] f = records().get(1).data();
    List<CaptureRecord> rs = List.of(
        new CaptureRecord(1, 5_000, 0, PcapFormat.LINKTYPE_ETHERNET, f.length, f),
        new CaptureRecord(2, 9_000, 0, PcapFormat.LINKTYPE_ETHERNET, f.length, f),
        new CaptureRecord(3, CaptureRecord.NO_TIMESTAMP, 0, PcapFormat.LINKTYPE_ETHERNET, f.length, f),
        new CaptureRecord(4, 7_000, 1, PcapFormat.LINKTYPE_ETHERNET, f.length, f),
        new CaptureRecord(5, 12_000, 0, PcapFormat.LINKTYPE_ETHERNET, f.length, f));
    ReplayPlan plan = ReplayPlan.of(rs, ReplayFilter.ALL);
    assertEquals(List.of(0L, 4_000L, 4_000L, 4_000L, 7_000L), plan.frames().stream().map(ReplayFrame::offsetNanos).toList());
  }

  @Test
  void truncatedAndOversizedRecordsAreRefusedWithTheReason() throws Exception {
    byte[] f = records().get(1).data();
    byte[] jumbo = new byte[9000];
    System.arraycopy(f, 0, jumbo, 0, 14);
    ReplayPlan plan = ReplayPlan.of(List.of(
        new CaptureRecord(1, 0, 0, PcapFormat.LINKTYPE_ETHERNET, 200, f),
        new CaptureRecord(2, 0, 0, PcapFormat.LINKTYPE_ETHERNET, jumbo.length, jumbo),
        new CaptureRecord(3, 0, 0, 105, f.length, f)), ReplayFilter.ALL);
    assertEquals(List.of(), plan.frames());
    assertEquals(3, plan.refused().size());
    assertTrue(plan.refused().get(0).toString().startsWith("record #1: cut to 70 of 200 bytes"), plan.refused().toString());
    assertTrue(plan.refused().get(1).reason().contains("9000 bytes"), plan.refused().toString());
    assertTrue(plan.refused().get(2).reason().contains("link type 105"), plan.refused().toString());
  }
}
