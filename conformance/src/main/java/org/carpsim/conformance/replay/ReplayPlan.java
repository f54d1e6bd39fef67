package org.carpsim.conformance.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapReader;

/**
 * What a replay will send: the frames that pass the filter, with their capture times relative to
 * the first of them, and the records left out because they cannot be injected (with the reason).
 * Records the filter rejects are neither sent nor listed.
 *
 * @param frames in capture order
 * @param refused records that passed the filter but cannot be injected
 * @param records how many records the capture holds
 */
public record ReplayPlan(List<ReplayFrame> frames, List<Refusal> refused, long records) {

  /** A record not sent and why. */
  public record Refusal(long number, String reason) {
    @Override
    public String toString() {
      return "record #" + number + ": " + reason;
    }
  }

  /** Frames longer than this cannot be sent on standard Ethernet (1514 + an 802.1Q tag). */
  public static final int MAX_FRAME = 1518;

  public ReplayPlan {
    frames = List.copyOf(frames);
    refused = List.copyOf(refused);
  }

  /**
   * Reads {@code file} (pcap or pcapng) and plans its replay.
   *
   * @throws IOException when it cannot be read; a damaged record raises a {@link
   *     org.carpsim.sim.pcap.CaptureFormatException} naming its offset
   */
  public static ReplayPlan load(Path file, ReplayFilter filter) throws IOException {
    try (PcapReader reader = PcapReader.open(file)) {
      Builder b = new Builder(filter);
      for (CaptureRecord r = reader.next(); r != null; r = reader.next()) {
        b.add(r);
      }
      return b.build();
    }
  }

  /** Plans the replay of {@code records} (in file order). */
  public static ReplayPlan of(Iterable<CaptureRecord> records, ReplayFilter filter) {
    Builder b = new Builder(filter);
    for (CaptureRecord r : records) {
      b.add(r);
    }
    return b.build();
  }

  /** The capture time from the first frame to the last, unscaled. */
  public long spanNanos() {
    return frames.isEmpty() ? 0 : frames.get(frames.size() - 1).offsetNanos();
  }

  private static final class Builder {
    private final ReplayFilter filter;
    private final List<ReplayFrame> frames = new ArrayList<>();
    private final List<Refusal> refused = new ArrayList<>();
    private long records;
    private long firstTime = Long.MIN_VALUE;
    private long lastOffset;

    Builder(ReplayFilter filter) {
      this.filter = filter;
    }

    void add(CaptureRecord r) {
      records++;
      if (r.number() < filter.firstFrame() || r.number() > filter.lastFrame()) {
        return;
      }
      CookedFrames.Conversion c = CookedFrames.toEthernet(r);
      if (c instanceof CookedFrames.Refused no) {
        // Listed only if the filter would have sent it (judged on the frame without its destination).
        byte[] view = r.ethernetView();
        if (view.length == 0 ? filter.matchesAnyContent() : filter.accepts(r.number(), view)) {
          refused.add(new Refusal(r.number(), no.reason()));
        }
        return;
      }
      byte[] frame = ((CookedFrames.Ready) c).frame();
      if (!filter.accepts(r.number(), frame)) {
        return;
      }
      if (frame.length > MAX_FRAME) {
        refused.add(new Refusal(r.number(), frame.length + " bytes: longer than an Ethernet frame can be ("
            + MAX_FRAME + " with a VLAN tag); was it captured with segmentation offload on?"));
        return;
      }
      long offset = lastOffset;
      if (r.hasTimestamp()) {
        if (firstTime == Long.MIN_VALUE) {
          firstTime = r.timestampNanos();
        }
        // Out-of-order stamps (several interfaces in one pcapng) go right after the frame before.
        offset = Math.max(lastOffset, r.timestampNanos() - firstTime);
      }
      lastOffset = offset;
      frames.add(new ReplayFrame(r.number(), offset, frame));
    }

    ReplayPlan build() {
      return new ReplayPlan(frames, refused, records);
    }
  }
}
