package org.carpsim.sim.frame;

import java.util.Arrays;

/**
 * An Ethernet frame as it travels the simulated wire: destination MAC (bytes 0-5), source MAC
 * (bytes 6-11), type or length (12-13), payload; no preamble and no FCS, as pcap shows it.
 *
 * <p><b>Immutability contract.</b> A frame wraps a {@code byte[]} that nobody mutates after {@link
 * #wrap}: the world hands the very same frame object to every receiver (a broadcast to N NICs is
 * not copied N times), the history and the pcap writer keep references to it. Whoever calls {@link
 * #wrap} gives up the array; {@link #array()} exposes it for zero-copy decoding and must be treated
 * as read-only. Use {@link #copyOf} when the source array may change later.
 *
 * <p>A frame made {@linkplain #Frame(byte[], boolean) for its addressee only} is unicast traffic
 * that no host stack but the one listening on its destination MAC has any use for (a client's
 * packet): the world still carries it to every NIC a hub or flood reaches and counts each delivery,
 * but hands it only to stacks whose NIC accepts that MAC ({@link org.carpsim.sim.net.Nic#accepts}),
 * as a NIC's unicast filter does. Subclasses may carry what their upper layer needs to know about
 * the frame (who took it); the bytes stay immutable.
 */
public class Frame {

  /** The smallest frame accepted: two MACs and the type field. */
  public static final int HEADER_LENGTH = 14;

  private final byte[] bytes;
  private final long destination;
  private final long source;
  private final boolean forAddresseeOnly;

  private Frame(byte[] bytes) {
    this(bytes, false);
  }

  /**
   * A frame over {@code bytes} without copying (the caller must never change the array again);
   * {@code forAddresseeOnly}: only a stack whose NIC accepts the destination MAC is handed it.
   */
  protected Frame(byte[] bytes, boolean forAddresseeOnly) {
    if (bytes.length < HEADER_LENGTH) {
      throw new IllegalArgumentException(
          "an Ethernet frame needs at least " + HEADER_LENGTH + " bytes (destination, source, type), got " + bytes.length);
    }
    this.bytes = bytes;
    this.destination = Macs.read(bytes, 0);
    this.source = Macs.read(bytes, 6);
    this.forAddresseeOnly = forAddresseeOnly && !Macs.isGroup(destination);
  }

  /** Whether only a stack whose NIC accepts the (unicast) destination MAC is handed this frame. */
  public final boolean forAddresseeOnly() {
    return forAddresseeOnly;
  }

  /** A frame over {@code bytes} without copying; the caller must never change the array again. */
  public static Frame wrap(byte[] bytes) {
    return new Frame(bytes);
  }

  /** A frame over a private copy of {@code bytes[offset, offset + length)}. */
  public static Frame copyOf(byte[] bytes, int offset, int length) {
    return new Frame(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** A frame over a private copy of {@code bytes}. */
  public static Frame copyOf(byte[] bytes) {
    return new Frame(bytes.clone());
  }

  /**
   * A frame with the given header and payload (for tests and simple upper layers).
   *
   * @param destination destination MAC
   * @param source source MAC
   * @param etherType type field, e.g. 0x0800 for IPv4
   * @param payload bytes after the header (copied)
   */
  public static Frame of(long destination, long source, int etherType, byte[] payload) {
    byte[] bytes = new byte[HEADER_LENGTH + payload.length];
    Macs.write(destination, bytes, 0);
    Macs.write(source, bytes, 6);
    bytes[12] = (byte) (etherType >>> 8);
    bytes[13] = (byte) etherType;
    System.arraycopy(payload, 0, bytes, HEADER_LENGTH, payload.length);
    return new Frame(bytes);
  }

  /** The destination MAC (first six bytes). */
  public final long destination() {
    return destination;
  }

  /** The source MAC (bytes 6 to 11). */
  public final long source() {
    return source;
  }

  /** The type (or 802.3 length) field, bytes 12-13. */
  public int etherType() {
    return ((bytes[12] & 0xff) << 8) | (bytes[13] & 0xff);
  }

  /** The frame length in bytes. */
  public final int length() {
    return bytes.length;
  }

  /** One byte, 0-255. */
  public int byteAt(int index) {
    return bytes[index] & 0xff;
  }

  /** The frame's own array, <b>read-only</b> by contract (see the class comment). */
  public final byte[] array() {
    return bytes;
  }

  /** A copy of the bytes, free to modify. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** A stable 64-bit content hash (the same bytes give the same hash on every JVM). */
  public long contentHash() {
    long h = 0xcbf29ce484222325L; // FNV-1a, then avalanched
    for (byte b : bytes) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  /** Frames are equal when their bytes are. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Frame frame && Arrays.equals(bytes, frame.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(48).append("Frame[");
    Macs.append(out, source);
    out.append(" > ");
    Macs.append(out, destination);
    return out.append(String.format(java.util.Locale.ROOT, " type 0x%04x, %d bytes]", etherType(), bytes.length)).toString();
  }
}
