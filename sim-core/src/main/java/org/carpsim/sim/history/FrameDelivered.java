package org.carpsim.sim.history;

import java.util.List;

/**
 * A frame handed to a NIC (and to its host's stack if the host is up). A duplicated frame is
 * delivered twice.
 *
 * <p>Text: {@code #12 fw2.em0 lan}.
 *
 * @param frameId the sequence number of the frame's {@link FrameTransmitted} entry
 * @param nic the receiving NIC
 * @param segment the segment it came over
 */
public record FrameDelivered(long frameId, String nic, String segment) implements HistoryEvent {

  @Override
  public String kind() {
    return "rx";
  }

  @Override
  public List<String> entities() {
    return List.of(nic, FrameTransmitted.hostOf(nic), segment);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    out.append('#').append(frameId).append(' ').append(nic).append(' ').append(segment);
  }

  @Override
  public boolean isFrameEvent() {
    return true;
  }
}
