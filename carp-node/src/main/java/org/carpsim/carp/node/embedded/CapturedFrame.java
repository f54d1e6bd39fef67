package org.carpsim.carp.node.embedded;

import java.util.Optional;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.Decoded;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;

/**
 * A frame put on a segment of an {@link EmbeddedLan}, as a capture on that segment would see it.
 *
 * @param timeNanos when it was sent (virtual time)
 * @param segment the segment it went out on
 * @param host the sending host, or {@code "(injected)"}
 * @param nic the sending NIC ({@code ""} when injected)
 * @param bytes the frame (shared, not copied: do not modify)
 */
public record CapturedFrame(long timeNanos, String segment, String host, String nic, byte[] bytes) {

  /** The frame decoded by the wire codecs. */
  public Decoded decoded() {
    return Frames.decode(bytes);
  }

  /** The CARP advertisement it carries, if it carries one (IPv4 or IPv6). */
  public Optional<CarpAdvertisement> carp() {
    Decoded d = decoded();
    return d instanceof EthernetFrame f ? f.carpAdvertisement() : Optional.empty();
  }

  /** The EtherType (bytes 12..13). */
  public int etherType() {
    return (bytes[12] & 0xff) << 8 | (bytes[13] & 0xff);
  }

  /** True for an ARP frame. */
  public boolean isArp() {
    return bytes.length >= 14 && etherType() == 0x0806;
  }

  /** Seconds, for messages. */
  public double seconds() {
    return timeNanos / 1e9;
  }

  @Override
  public String toString() {
    return String.format("%.6f %s %s/%s %d bytes", seconds(), segment, host, nic, bytes.length);
  }
}
