package org.carpsim.sim.history;

import java.util.List;

/**
 * A frame that did not reach a NIC, and why.
 *
 * <p>Text: {@code #12 fw3.em0 lan LOSS}, or {@code - fw1.em0 lan CARRIER_DOWN} for a frame that
 * never left its sender (then {@code nic} is the sender's).
 *
 * @param frameId the sequence number of the frame's {@link FrameTransmitted} entry, or {@link
 *     #NOT_SENT} if the frame never reached the wire
 * @param nic the NIC that did not get it (or the sender, for a frame that was not sent or was lost
 *     on the sender's own link)
 * @param segment the segment
 * @param reason why
 */
public record FrameDropped(long frameId, String nic, String segment, DropReason reason) implements HistoryEvent {

  /** The frame id of a frame refused at its sender (host down or carrier down): no transmission. */
  public static final long NOT_SENT = -1;

  @Override
  public String kind() {
    return "drop";
  }

  @Override
  public List<String> entities() {
    return List.of(nic, FrameTransmitted.hostOf(nic), segment);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    if (frameId == NOT_SENT) {
      out.append('-');
    } else {
      out.append('#').append(frameId);
    }
    out.append(' ').append(nic).append(' ').append(segment).append(' ').append(reason.name());
  }

  @Override
  public boolean isFrameEvent() {
    return true;
  }
}
