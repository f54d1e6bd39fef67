package org.carpsim.carp.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the few bytes of a classic little-endian microsecond pcap with Ethernet link type. */
public final class ClassicPcap {

  private ClassicPcap() {}

  public static void write(Path file, List<byte[]> frames) throws IOException {
    int size = 24 + frames.stream().mapToInt(f -> 16 + f.length).sum();
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
    int second = 1_700_000_000;
    for (byte[] f : frames) {
      b.putInt(second++).putInt(0).putInt(f.length).putInt(f.length).put(f);
    }
    Files.write(file, b.array());
  }
}
