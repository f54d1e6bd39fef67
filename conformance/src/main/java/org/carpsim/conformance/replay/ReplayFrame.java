package org.carpsim.conformance.replay;

/**
 * One frame to send.
 *
 * @param number its record number in the capture (1-based)
 * @param offsetNanos its capture time after the first frame sent, unscaled; never negative and
 *     never less than the previous frame's (a record without a timestamp, or one stamped earlier,
 *     goes with the frame before it)
 * @param frame the Ethernet frame, exactly as it will be injected
 */
public record ReplayFrame(long number, long offsetNanos, byte[] frame) {

  public ReplayFrame {
    if (offsetNanos < 0) {
      throw new IllegalArgumentException("offset " + offsetNanos + " ns is negative");
    }
    frame = frame.clone();
  }

  /** A copy of the frame. */
  @Override
  public byte[] frame() {
    return frame.clone();
  }

  /** The bytes without a copy, for the sender. */
  byte[] bytes() {
    return frame;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplayFrame r && r.number == number && r.offsetNanos == offsetNanos
        && java.util.Arrays.equals(r.frame, frame);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(number) * 31 + Long.hashCode(offsetNanos);
  }

  @Override
  public String toString() {
    return "ReplayFrame[#" + number + " +" + offsetNanos + "ns " + frame.length + " bytes]";
  }
}
