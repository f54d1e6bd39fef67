package org.carpsim.sim.history;

import java.util.List;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.frame.Macs;

/**
 * A frame put on the wire by a NIC: one entry per transmission, however many NICs receive it. The
 * entry's sequence number is the frame's id, to which deliveries and drops refer.
 *
 * <p>Text: {@code fw1.em0 lan 60 02:00:00:00:00:01>ff:ff:ff:ff:ff:ff 0806 h=<64-bit content hash>}.
 *
 * @param nic the sending NIC, {@code host.nic}
 * @param segment the segment it was sent on
 * @param frame the frame (shared, never copied)
 */
public record FrameTransmitted(String nic, String segment, Frame frame) implements HistoryEvent {

  @Override
  public String kind() {
    return "tx";
  }

  @Override
  public List<String> entities() {
    return List.of(nic, hostOf(nic), segment);
  }

  @Override
  public void appendDetails(StringBuilder out) {
    out.append(nic).append(' ').append(segment).append(' ').append(frame.length()).append(' ');
    Macs.append(out, frame.source());
    out.append('>');
    Macs.append(out, frame.destination());
    String type = Integer.toHexString(frame.etherType());
    out.append(' ').append("0000", type.length(), 4).append(type);
    String hash = Long.toHexString(frame.contentHash());
    out.append(" h=").append("0000000000000000", hash.length(), 16).append(hash);
  }

  @Override
  public boolean isFrameEvent() {
    return true;
  }

  static String hostOf(String qualifiedNic) {
    int dot = qualifiedNic.indexOf('.');
    return dot < 0 ? qualifiedNic : qualifiedNic.substring(0, dot);
  }
}
