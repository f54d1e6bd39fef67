package org.carpsim.conformance.live;

import java.util.Objects;

/**
 * One frame captured on a live interface.
 *
 * @param epochNanos the capture timestamp, nanoseconds since the Unix epoch (microsecond
 *     resolution when the NIC refused nanosecond timestamps)
 * @param bytes the whole Ethernet frame; the receiver owns it, nobody else keeps it
 */
public record LiveFrame(long epochNanos, byte[] bytes) {

  public LiveFrame {
    Objects.requireNonNull(bytes, "bytes");
  }
}
