package org.carpsim.sim.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapMergeTest {

  @TempDir
  Path dir;

  /** Each packet's bytes name its file and its place there: (file, index). */
  private Path capture(int file, long... times) throws Exception {
    Path p = dir.resolve("in-" + file + ".pcap");
    try (PcapWriter w = PcapWriter.create(p)) {
      for (int i = 0; i < times.length; i++) {
        w.write(times[i], new byte[] {(byte) file, (byte) (file >> 8), (byte) i}, 0, 3);
      }
    }
    return p;
  }

  private static List<String> packets(Path p) throws Exception {
    List<String> out = new ArrayList<>();
    try (PcapReader r = PcapReader.open(p)) {
      for (CaptureRecord c = r.next(); c != null; c = r.next()) {
        byte[] d = c.data();
        out.add(c.timestampNanos() + ":" + ((d[0] & 0xff) | (d[1] & 0xff) << 8) + "/" + d[2]);
      }
    }
    return out;
  }

  @Test
  void earliestFirstThenTheEarlierFileEachFilesOrderKept() throws Exception {
    List<Path> in = List.of(capture(0, 5, 10, 10, 30), capture(1, 0, 10, 40), capture(2), capture(3, 10));
    Path out = dir.resolve("out.pcap");
    assertEquals(8, PcapMerge.merge(in, out));
    assertEquals(List.of("0:1/0", "5:0/0", "10:0/1", "10:0/2", "10:1/1", "10:3/0", "30:0/3", "40:1/2"), packets(out));
  }

  /** More files than are opened at once merge in rounds of consecutive files: the same order, no file left behind. */
  @Test
  void manyFilesMergeInRoundsWithTheSameOrder() throws Exception {
    int files = PcapMerge.FILES_AT_ONCE * 2 + 3;
    List<Path> ordered = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      ordered.add(capture(f, f % 5, 7));
    }
    List<String> want = new ArrayList<>();
    for (int t = 0; t < 5; t++) {
      for (int f = 0; f < files; f++) {
        if (f % 5 == t) {
          want.add(t + ":" + f + "/0");
        }
      }
    }
    for (int f = 0; f < files; f++) {
      want.add("7:" + f + "/1");
    }
    Path out = dir.resolve("out.pcap");
    assertEquals(2L * files, PcapMerge.merge(ordered, out));
    assertEquals(want, packets(out));
    try (var left = Files.list(dir)) {
      assertEquals(files + 1, left.count(), "the rounds' files are gone");
    }
  }
}
