package org.carpsim.sim.pcap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges captures written by {@link PcapWriter}, each in time order, into one: the earliest packet
 * first, on a tie the one of the earlier file in the list, each file's own order kept. Streams: it
 * holds one packet per file, and at most {@link #FILES_AT_ONCE} files are open at a time (more are
 * merged in rounds of consecutive files, which keeps the tie order).
 */
public final class PcapMerge {

  /** Open files per round: far below the usual limit of 1,024 descriptors. */
  static final int FILES_AT_ONCE = 128;

  private PcapMerge() {}

  /**
   * Writes the packets of {@code inputs} to {@code output}, merged by time.
   *
   * @return the number of packets written
   */
  public static long merge(List<Path> inputs, Path output) throws IOException {
    List<Path> round = inputs;
    List<Path> made = new ArrayList<>();
    try {
      while (round.size() > FILES_AT_ONCE) {
        List<Path> next = new ArrayList<>();
        for (int from = 0; from < round.size(); from += FILES_AT_ONCE) {
          Path partial = Files.createTempFile(output.toAbsolutePath().getParent(), ".carpsim-merge", ".pcap");
          made.add(partial);
          mergeOnce(round.subList(from, Math.min(round.size(), from + FILES_AT_ONCE)), partial);
          next.add(partial);
        }
        round = next;
      }
      return mergeOnce(round, output);
    } finally {
      for (Path p : made) {
        Files.deleteIfExists(p);
      }
    }
  }

  private record Head(CaptureRecord record, int file) {}

  private static long mergeOnce(List<Path> inputs, Path output) throws IOException {
    List<PcapReader> readers = new ArrayList<>();
    try (PcapWriter out = PcapWriter.create(output)) {
      PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.record().timestampNanos() != b.record().timestampNanos()
          ? Long.compare(a.record().timestampNanos(), b.record().timestampNanos()) : Integer.compare(a.file(), b.file()));
      for (Path in : inputs) {
        PcapReader r = PcapReader.open(in);
        readers.add(r);
        CaptureRecord first = r.next();
        if (first != null) {
          heads.add(new Head(first, readers.size() - 1));
        }
      }
      while (!heads.isEmpty()) {
        Head h = heads.poll();
        byte[] data = h.record().data();
        out.write(h.record().timestampNanos(), data, 0, data.length);
        CaptureRecord next = readers.get(h.file()).next();
        if (next != null) {
          heads.add(new Head(next, h.file()));
        }
      }
      return out.records();
    } finally {
      for (PcapReader r : readers) {
        r.close();
      }
    }
  }
}
