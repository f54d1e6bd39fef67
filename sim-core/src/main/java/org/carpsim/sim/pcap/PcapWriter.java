package org.carpsim.sim.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.history.FrameTransmitted;
import org.carpsim.sim.history.History;
import org.carpsim.sim.history.HistoryEntry;

/**
 * Writes classic pcap files: little-endian, nanosecond timestamps (magic {@code 0xa1b23c4d}),
 * link type Ethernet. Timestamps are virtual time plus an optional epoch offset, so that a
 * simulated run can be dated.
 *
 * <pre>{@code
 * // after the run, from the history (one record per transmission):
 * PcapWriter.writeTransmissions(world.history(), Path.of("run.pcap"));
 *
 * // or live, as the run goes:
 * try (PcapWriter pcap = PcapWriter.create(Path.of("run.pcap"))) {
 *   world.history().addListener(pcap.transmissionListener());
 *   world.runUntil(end);
 * }
 * }</pre>
 */
public final class PcapWriter implements Closeable {

  /** The largest frame length recorded in full; longer frames are truncated. */
  public static final int SNAPLEN = 262_144;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final OutputStream out;
  private final long epochOffsetNanos;
  private final byte[] header = new byte[16];
  private long records;
  private boolean closed;

  private PcapWriter(OutputStream out, long epochOffsetNanos) throws IOException {
    this.out = out;
    this.epochOffsetNanos = epochOffsetNanos;
    byte[] global = new byte[24];
    putInt(global, 0, PcapFormat.MAGIC_NANOS);
    putShort(global, 4, 2); // version 2.4
    putShort(global, 6, 4);
    putInt(global, 8, 0); // thiszone: UTC
    putInt(global, 12, 0); // sigfigs
    putInt(global, 16, SNAPLEN);
    putInt(global, 20, PcapFormat.LINKTYPE_ETHERNET);
    out.write(global);
  }

  /** A writer to a new file (replacing an existing one), timestamps = virtual time since the epoch. */
  public static PcapWriter create(Path file) throws IOException {
    return create(file, 0);
  }

  /** A writer to a new file whose timestamps are {@code epochOffsetNanos} + virtual time. */
  public static PcapWriter create(Path file, long epochOffsetNanos) throws IOException {
    return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), epochOffsetNanos);
  }

  /** A writer to a stream (closed with the writer); timestamps = {@code epochOffsetNanos} + virtual time. */
  public static PcapWriter to(OutputStream stream, long epochOffsetNanos) throws IOException {
    return new PcapWriter(new BufferedOutputStream(stream, 1 << 16), epochOffsetNanos);
  }

  /**
   * Writes one pcap record per frame transmission kept in {@code history} (the history must record
   * at least {@code TRANSMISSIONS}).
   *
   * @return the number of records written
   */
  public static long writeTransmissions(History history, Path file) throws IOException {
    try (PcapWriter writer = create(file)) {
      for (HistoryEntry entry : history.entries()) {
        if (entry.event() instanceof FrameTransmitted tx) {
          writer.write(entry.time(), tx.frame());
        }
      }
      return writer.records();
    }
  }

  /** Writes a frame captured at virtual time {@code time}. */
  public void write(long time, Frame frame) throws IOException {
    write(time, frame.array(), 0, frame.length());
  }

  /**
   * Writes {@code length} bytes of a frame at {@code offset} as one record at {@code time}.
   *
   * @throws IllegalArgumentException if the timestamp is negative or beyond the year 2106 (pcap
   *     seconds are 32-bit unsigned)
   */
  public void write(long time, byte[] bytes, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("the pcap writer is closed");
    }
    long stamp = epochOffsetNanos + time;
    if (stamp < 0 || stamp / NANOS_PER_SECOND > 0xffff_ffffL) {
      throw new IllegalArgumentException(
          "pcap timestamp out of range: " + stamp + "ns since 1970 (pcap holds 0 to 2^32 - 1 seconds)");
    }
    int captured = Math.min(length, SNAPLEN);
    putInt(header, 0, (int) (stamp / NANOS_PER_SECOND));
    putInt(header, 4, (int) (stamp % NANOS_PER_SECOND));
    putInt(header, 8, captured);
    putInt(header, 12, length);
    out.write(header);
    out.write(bytes, offset, captured);
    records++;
  }

  /**
   * A history listener that writes every transmission as it is recorded; an I/O error surfaces as
   * an {@link UncheckedIOException} from the run.
   */
  public Consumer<HistoryEntry> transmissionListener() {
    return entry -> {
      if (entry.event() instanceof FrameTransmitted tx) {
        try {
          write(entry.time(), tx.frame());
        } catch (IOException e) {
          throw new UncheckedIOException("could not write the pcap", e);
        }
      }
    };
  }

  /** Records written so far. */
  public long records() {
    return records;
  }

  /** Pushes buffered records to the file. */
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.close();
    }
  }

  private static void putInt(byte[] b, int at, int value) {
    b[at] = (byte) value;
    b[at + 1] = (byte) (value >>> 8);
    b[at + 2] = (byte) (value >>> 16);
    b[at + 3] = (byte) (value >>> 24);
  }

  private static void putShort(byte[] b, int at, int value) {
    b[at] = (byte) value;
    b[at + 1] = (byte) (value >>> 8);
  }
}
