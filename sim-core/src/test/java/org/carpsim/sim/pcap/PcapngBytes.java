package org.carpsim.sim.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds pcapng blocks byte by byte, the way the pcapng specification lays them out. */
final class PcapngBytes {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteOrder order;

  PcapngBytes section(ByteOrder byteOrder) {
    this.order = byteOrder;
    ByteBuffer body = buf(16);
    body.putInt(PcapFormat.PCAPNG_BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
    return block(PcapFormat.PCAPNG_SECTION_HEADER, body.array());
  }

  /** An interface description; {@code tsresol} < 0 leaves the option out, {@code tsoffset} 0 too. */
  PcapngBytes iface(int linkType, int snapLength, int tsresol, long tsoffset) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ByteBuffer fixed = buf(8).putShort((short) linkType).putShort((short) 0).putInt(snapLength);
    body.writeBytes(fixed.array());
    if (tsresol >= 0) {
      body.writeBytes(buf(8).putShort((short) 9).putShort((short) 1).put((byte) tsresol).array());
    }
    if (tsoffset != 0) {
      body.writeBytes(buf(12).putShort((short) 14).putShort((short) 8).putLong(tsoffset).array());
    }
    body.writeBytes(buf(4).array()); // opt_endofopt
    return block(1, body.toByteArray());
  }

  PcapngBytes enhanced(int iface, long timestamp, byte[] data, int originalLength) {
    ByteBuffer b = buf(20 + pad(data.length));
    b.putInt(iface).putInt((int) (timestamp >>> 32)).putInt((int) timestamp).putInt(data.length).putInt(originalLength);
    b.put(data);
    return block(6, b.array());
  }

  PcapngBytes simple(byte[] data) {
    ByteBuffer b = buf(4 + pad(data.length));
    b.putInt(data.length).put(data);
    return block(3, b.array());
  }

  PcapngBytes block(int type, byte[] body) {
    int total = 12 + pad(body.length);
    ByteBuffer b = buf(total);
    b.putInt(type).putInt(total).put(body);
    b.position(total - 4);
    b.putInt(total);
    out.writeBytes(b.array());
    return this;
  }

  /** Appends raw bytes, for damaged files. */
  PcapngBytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  private ByteBuffer buf(int n) {
    return ByteBuffer.allocate(n).order(order);
  }

  private static int pad(int n) {
    return (n + 3) & ~3;
  }
}
