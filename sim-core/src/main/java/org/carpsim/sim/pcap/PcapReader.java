package org.carpsim.sim.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads capture files one packet at a time: classic pcap (either byte order, microsecond or
 * nanosecond magic) and pcapng (section header, interface description with {@code if_tsresol} and
 * {@code if_tsoffset}, enhanced, simple and obsolete packet blocks; several interfaces and sections).
 *
 * <p>Pure Java on purpose: pcap4j's offline reader needs libpcap installed and a native handle per
 * file, whereas this reader works on every machine, gives the same answer everywhere and is fast.
 * It streams: only the current record (pcapng: the current block) is held in memory, in one
 * buffer reused from record to record, so {@link #advance()} reads a whole capture without
 * allocating per packet; {@link #next()} hands out each packet as a record of its own.
 *
 * <p>Damaged or foreign files raise {@link CaptureFormatException} naming the file, the byte offset
 * and what was expected; a record cut short by the end of the file is an error naming the record.
 */
public final class PcapReader implements Closeable, Iterable<CaptureRecord> {

  /** Larger records or blocks are taken as damage rather than allocated. */
  static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;

  private static final int PCAPNG_INTERFACE_DESCRIPTION = 0x00000001;
  private static final int PCAPNG_OBSOLETE_PACKET = 0x00000002;
  private static final int PCAPNG_SIMPLE_PACKET = 0x00000003;
  private static final int PCAPNG_ENHANCED_PACKET = 0x00000006;
  private static final int OPT_ENDOFOPT = 0;
  private static final int IF_TSRESOL = 9;
  private static final int IF_TSOFFSET = 14;

  private final Path file;
  private final InputStream in;
  private final CaptureFileFormat format;
  private long offset;
  private long recordCount;
  private boolean finished;

  // Classic pcap state.
  private ByteOrder order;
  private int classicLinkType;
  private long classicFractionNanos;

  // pcapng state of the current section.
  private final List<PcapngInterface> interfaces = new ArrayList<>();

  // The current packet: its bytes are data[dataOffset, dataOffset + dataLength), in a buffer that
  // grows to the largest record (pcapng: block) of the file and is reused.
  private final byte[] recordHeader = new byte[16];
  private byte[] buffer = new byte[2048];
  private byte[] data = buffer;
  private int dataOffset;
  private int dataLength;
  private long number;
  private long timestampNanos;
  private int interfaceId;
  private int packetLinkType;
  private int originalLength;

  private record PcapngInterface(int linkType, long snapLength, int tsResolution, long tsOffsetSeconds) {}

  private PcapReader(Path file, InputStream in) throws IOException {
    this.file = file;
    this.in = in;
    byte[] magic = new byte[4];
    int n = readUpTo(magic);
    if (n < 4) {
      throw error(0, "file has " + n + " bytes; expected a pcap header (magic a1b2c3d4 or a1b23c4d) or a pcapng section header (0a0d0d0a)");
    }
    int be = ByteBuffer.wrap(magic).order(ByteOrder.BIG_ENDIAN).getInt();
    int le = ByteBuffer.wrap(magic).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (be == PcapFormat.PCAPNG_SECTION_HEADER) {
      format = CaptureFileFormat.PCAPNG;
      readSectionHeaderAfterType(0);
    } else if (be == PcapFormat.MAGIC_MICROS || le == PcapFormat.MAGIC_MICROS) {
      format = CaptureFileFormat.PCAP_MICROSECONDS;
      readClassicHeader(be == PcapFormat.MAGIC_MICROS ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, 1000);
    } else if (be == PcapFormat.MAGIC_NANOS || le == PcapFormat.MAGIC_NANOS) {
      format = CaptureFileFormat.PCAP_NANOSECONDS;
      readClassicHeader(be == PcapFormat.MAGIC_NANOS ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, 1);
    } else if (be == 0xa1b2cd34 || le == 0xa1b2cd34) {
      throw error(0, "Kuznetzov's modified pcap format (magic a1b2cd34) is not supported; convert it with editcap -F pcap");
    } else {
      throw error(0, String.format("not a capture file: magic %08x, expected a1b2c3d4 or a1b23c4d (pcap) or 0a0d0d0a (pcapng)", be));
    }
  }

  /**
   * Opens a capture file and reads its file header (pcapng: the first section header).
   *
   * @throws CaptureFormatException when the file is not a pcap/pcapng file or its header is damaged
   * @throws NoSuchFileException when there is no such file
   */
  public static PcapReader open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      return new PcapReader(file, in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** How many bytes of the file have been read: how far along a long file a reader is. */
  public long offset() {
    return offset;
  }

  /** The container format of the file. */
  public CaptureFileFormat format() {
    return format;
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /**
   * The link type of a classic pcap file; for pcapng the link type of interface 0 of the current
   * section, or -1 when that section has not described an interface yet.
   */
  public int linkType() {
    if (format != CaptureFileFormat.PCAPNG) {
      return classicLinkType;
    }
    return interfaces.isEmpty() ? -1 : interfaces.get(0).linkType();
  }

  /**
   * The next packet, or {@code null} at the end of the file.
   *
   * @throws CaptureFormatException when the record is damaged or cut short by the end of the file
   */
  public CaptureRecord next() throws IOException {
    return advance() ? record() : null;
  }

  /**
   * Moves to the next packet, which the accessors below then describe; false at the end of the
   * file. The packet's bytes are valid until the next call.
   *
   * @throws CaptureFormatException when the record is damaged or cut short by the end of the file
   */
  public boolean advance() throws IOException {
    if (finished) {
      return false;
    }
    boolean more = format == CaptureFileFormat.PCAPNG ? nextPcapng() : nextClassic();
    if (!more) {
      finished = true;
    }
    return more;
  }

  /** The current packet as a record of its own (a copy of its bytes). */
  public CaptureRecord record() {
    return new CaptureRecord(number, timestampNanos, interfaceId, packetLinkType, originalLength,
        java.util.Arrays.copyOfRange(data, dataOffset, dataOffset + dataLength));
  }

  /** The buffer holding the current packet's bytes from {@link #packetOffset()}; reused by the next packet. */
  public byte[] packetBuffer() {
    return data;
  }

  /** Where the current packet's bytes start in {@link #packetBuffer()}. */
  public int packetOffset() {
    return dataOffset;
  }

  /** Captured bytes of the current packet. */
  public int packetLength() {
    return dataLength;
  }

  /** 1-based number of the current packet, as {@link CaptureRecord#number()}. */
  public long packetNumber() {
    return number;
  }

  /** Capture time of the current packet, or {@link CaptureRecord#NO_TIMESTAMP}. */
  public long packetTimestampNanos() {
    return timestampNanos;
  }

  /** LINKTYPE_* of the current packet's interface. */
  public int packetLinkType() {
    return packetLinkType;
  }

  /**
   * Iterates the remaining packets; an I/O or format error surfaces as an
   * {@link UncheckedIOException} whose cause is the {@link CaptureFormatException}.
   */
  @Override
  public Iterator<CaptureRecord> iterator() {
    return new Iterator<>() {
      private CaptureRecord pending;

      @Override
      public boolean hasNext() {
        if (pending == null) {
          try {
            pending = PcapReader.this.next();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return pending != null;
      }

      @Override
      public CaptureRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CaptureRecord r = pending;
        pending = null;
        return r;
      }
    };
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Classic pcap

  private void readClassicHeader(ByteOrder byteOrder, long fractionNanos) throws IOException {
    this.order = byteOrder;
    this.classicFractionNanos = fractionNanos;
    ByteBuffer h = readExactly(20, "the rest of the 24-byte pcap file header");
    int major = h.getShort() & 0xffff;
    int minor = h.getShort() & 0xffff;
    if (major != 2) {
      throw error(4, "pcap version " + major + "." + minor + ", expected 2.4");
    }
    h.getInt(); // thiszone: always 0 in practice, and libpcap ignores it too
    h.getInt(); // sigfigs
    h.getInt(); // snaplen: records are checked against MAX_RECORD_BYTES, not this
    // The upper bits of the link type field may carry FCS information; LT_LINKTYPE keeps 16 bits.
    classicLinkType = h.getInt() & 0xffff;
  }

  private boolean nextClassic() throws IOException {
    long recordStart = offset;
    long number = recordCount + 1;
    byte[] header = recordHeader;
    int n = readUpTo(header);
    if (n == 0) {
      return false;
    }
    if (n < 16) {
      throw error(recordStart, "record " + number + " is truncated: the file ends " + n
          + " bytes into its 16-byte record header");
    }
    ByteBuffer h = ByteBuffer.wrap(header).order(order);
    long seconds = h.getInt() & 0xffffffffL;
    long fraction = h.getInt() & 0xffffffffL;
    long captured = h.getInt() & 0xffffffffL;
    long original = h.getInt() & 0xffffffffL;
    if (captured > MAX_RECORD_BYTES) {
      throw error(recordStart + 8, "record " + number + " claims " + captured
          + " captured bytes; expected at most " + MAX_RECORD_BYTES + " (damaged file?)");
    }
    byte[] into = bufferOf((int) captured);
    int got = readUpTo(into, (int) captured);
    if (got < captured) {
      throw error(recordStart + 16, "record " + number + " is truncated: its header says " + captured
          + " bytes, the file ends after " + got);
    }
    recordCount = number;
    long ts = seconds * 1_000_000_000L + fraction * classicFractionNanos;
    current(into, 0, (int) captured, ts, 0, classicLinkType, original);
    return true;
  }

  /** The reused buffer, grown to hold {@code length} bytes. */
  private byte[] bufferOf(int length) {
    if (buffer.length < length) {
      buffer = new byte[Math.max(length, buffer.length * 2)];
    }
    return buffer;
  }

  private void current(byte[] bytes, int from, int length, long ts, int id, int linkType, long original) {
    data = bytes;
    dataOffset = from;
    dataLength = length;
    number = recordCount;
    timestampNanos = ts;
    interfaceId = id;
    packetLinkType = linkType;
    originalLength = (int) Math.min(original, Integer.MAX_VALUE);
  }

  // ---------------------------------------------------------------------------------------------
  // pcapng

  private boolean nextPcapng() throws IOException {
    while (true) {
      long blockStart = offset;
      byte[] typeBytes = recordHeader;
      int n = readUpTo(typeBytes, 4);
      if (n == 0) {
        return false;
      }
      if (n < 4) {
        throw error(blockStart, "pcapng block is truncated: the file ends " + n + " bytes into its block type");
      }
      int type = ByteBuffer.wrap(typeBytes).order(order).getInt();
      if (type == PcapFormat.PCAPNG_SECTION_HEADER) {
        readSectionHeaderAfterType(blockStart);
        continue;
      }
      ByteBuffer body = readBlockAfterType(blockStart, type);
      switch (type) {
        case PCAPNG_INTERFACE_DESCRIPTION:
          interfaces.add(readInterface(blockStart, body));
          break;
        case PCAPNG_ENHANCED_PACKET:
          readEnhancedPacket(blockStart, body);
          return true;
        case PCAPNG_SIMPLE_PACKET:
          readSimplePacket(blockStart, body);
          return true;
        case PCAPNG_OBSOLETE_PACKET:
          readObsoletePacket(blockStart, body);
          return true;
        default:
          break; // statistics, name resolution, decryption secrets, custom blocks: not packets
      }
    }
  }

  /** Reads a section header block whose 4-byte type has just been read at {@code blockStart}. */
  private void readSectionHeaderAfterType(long blockStart) throws IOException {
    byte[] lengthAndMagic = new byte[8];
    int n = readUpTo(lengthAndMagic);
    if (n < 8) {
      throw error(blockStart + 4 + n, "pcapng section header is truncated: expected its block length and byte-order magic 1a2b3c4d");
    }
    ByteBuffer b = ByteBuffer.wrap(lengthAndMagic);
    int magicBe = b.getInt(4);
    if (magicBe == PcapFormat.PCAPNG_BYTE_ORDER_MAGIC) {
      order = ByteOrder.BIG_ENDIAN;
    } else if (Integer.reverseBytes(magicBe) == PcapFormat.PCAPNG_BYTE_ORDER_MAGIC) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else {
      throw error(blockStart + 8, String.format("pcapng byte-order magic is %08x, expected 1a2b3c4d in either byte order", magicBe));
    }
    b.order(order);
    long total = b.getInt(0) & 0xffffffffL;
    checkBlockLength(blockStart, total, 28);
    ByteBuffer rest = readExactly((int) total - 12, "the rest of the " + total + "-byte pcapng section header");
    int major = rest.getShort() & 0xffff;
    int minor = rest.getShort() & 0xffff;
    if (major != 1) {
      throw error(blockStart + 12, "pcapng version " + major + "." + minor + ", expected 1.0");
    }
    checkTrailer(blockStart, rest, total);
    interfaces.clear(); // interface ids are per section
  }

  /** Reads the length, body and trailing length of a block whose type was read at {@code blockStart}. */
  private ByteBuffer readBlockAfterType(long blockStart, int type) throws IOException {
    ByteBuffer len = readExactly(4, "the length of the pcapng block at byte " + blockStart);
    long total = len.getInt() & 0xffffffffL;
    checkBlockLength(blockStart, total, 12);
    int length = (int) total - 8;
    long at = offset;
    int got = readUpTo(bufferOf(length), length);
    if (got < length) {
      throw error(at + got, "file ends " + got + " bytes into the rest of the " + total + "-byte pcapng block of type "
          + Integer.toHexString(type) + " (block starts at byte " + blockStart + ") (" + length + " bytes expected)");
    }
    ByteBuffer body = ByteBuffer.wrap(buffer, 0, length).slice().order(order);
    checkTrailer(blockStart, body, total);
    body.limit((int) total - 12).position(0);
    return body.slice().order(order);
  }

  private void checkBlockLength(long blockStart, long total, int minimum) throws CaptureFormatException {
    if (total < minimum || total % 4 != 0 || total > MAX_RECORD_BYTES) {
      throw error(blockStart + 4, "pcapng block length " + total + ": expected a multiple of 4 from " + minimum
          + " to " + MAX_RECORD_BYTES);
    }
  }

  private void checkTrailer(long blockStart, ByteBuffer rest, long total) throws CaptureFormatException {
    long trailer = rest.getInt(rest.capacity() - 4) & 0xffffffffL;
    if (trailer != total) {
      throw error(blockStart + total - 4, "pcapng block starting at byte " + blockStart + " ends with length "
          + trailer + ", expected " + total + " as at its start");
    }
  }

  private PcapngInterface readInterface(long blockStart, ByteBuffer body) throws CaptureFormatException {
    if (body.remaining() < 8) {
      throw error(blockStart + 8, "pcapng interface description body has " + body.remaining() + " bytes, expected at least 8");
    }
    int linkType = body.getShort() & 0xffff;
    body.getShort();
    long snap = body.getInt() & 0xffffffffL;
    int resolution = 6;
    long tsOffset = 0;
    while (body.remaining() >= 4) {
      int optionStart = body.position();
      int code = body.getShort() & 0xffff;
      int length = body.getShort() & 0xffff;
      if (code == OPT_ENDOFOPT) {
        break;
      }
      if (length > body.remaining()) {
        throw error(blockStart + 8 + optionStart, "pcapng interface option " + code + " claims " + length
            + " bytes, only " + body.remaining() + " left in the block");
      }
      if (code == IF_TSRESOL && length >= 1) {
        resolution = body.get(body.position()) & 0xff;
      } else if (code == IF_TSOFFSET && length >= 8) {
        tsOffset = body.getLong(body.position());
      }
      body.position(body.position() + ((length + 3) & ~3));
      if (body.position() > body.limit()) {
        break;
      }
    }
    return new PcapngInterface(linkType, snap, resolution, tsOffset);
  }

  private PcapngInterface interfaceFor(long blockStart, long id) throws CaptureFormatException {
    if (id >= interfaces.size()) {
      throw error(blockStart + 8, "packet block refers to interface " + id + " but the section describes "
          + interfaces.size() + " interface(s)");
    }
    return interfaces.get((int) id);
  }

  private void readEnhancedPacket(long blockStart, ByteBuffer body) throws CaptureFormatException {
    if (body.remaining() < 20) {
      throw error(blockStart + 8, "pcapng enhanced packet body has " + body.remaining() + " bytes, expected at least 20");
    }
    long id = body.getInt() & 0xffffffffL;
    PcapngInterface itf = interfaceFor(blockStart, id);
    long ts = (body.getInt() & 0xffffffffL) << 32 | (body.getInt() & 0xffffffffL);
    long captured = body.getInt() & 0xffffffffL;
    long original = body.getInt() & 0xffffffffL;
    if (captured > body.remaining()) {
      throw error(blockStart + 20, "pcapng enhanced packet claims " + captured + " captured bytes, its block holds "
          + body.remaining());
    }
    packet(id, itf, toNanos(ts, itf), captured, original, body);
  }

  private void readObsoletePacket(long blockStart, ByteBuffer body) throws CaptureFormatException {
    if (body.remaining() < 20) {
      throw error(blockStart + 8, "pcapng packet block body has " + body.remaining() + " bytes, expected at least 20");
    }
    int id = body.getShort() & 0xffff;
    PcapngInterface itf = interfaceFor(blockStart, id);
    body.getShort(); // drops count
    long ts = (body.getInt() & 0xffffffffL) << 32 | (body.getInt() & 0xffffffffL);
    long captured = body.getInt() & 0xffffffffL;
    long original = body.getInt() & 0xffffffffL;
    if (captured > body.remaining()) {
      throw error(blockStart + 20, "pcapng packet block claims " + captured + " captured bytes, its block holds "
          + body.remaining());
    }
    packet(id, itf, toNanos(ts, itf), captured, original, body);
  }

  private void readSimplePacket(long blockStart, ByteBuffer body) throws CaptureFormatException {
    if (body.remaining() < 4) {
      throw error(blockStart + 8, "pcapng simple packet body has " + body.remaining() + " bytes, expected at least 4");
    }
    PcapngInterface itf = interfaceFor(blockStart, 0);
    long original = body.getInt() & 0xffffffffL;
    long captured = Math.min(original, body.remaining());
    if (itf.snapLength() != 0) {
      captured = Math.min(captured, itf.snapLength());
    }
    packet(0, itf, CaptureRecord.NO_TIMESTAMP, captured, original, body);
  }

  private void packet(long id, PcapngInterface itf, long ts, long captured, long original, ByteBuffer body) {
    recordCount++;
    current(body.array(), body.arrayOffset() + body.position(), (int) captured, ts, (int) id, itf.linkType(), original);
  }

  /** Converts a pcapng timestamp in the interface's units to epoch nanoseconds. */
  static long toNanos(long ts, int tsResolution, long tsOffsetSeconds) {
    long nanos;
    int exponent = tsResolution & 0x7f;
    BigInteger unsigned = new BigInteger(Long.toUnsignedString(ts));
    if ((tsResolution & 0x80) == 0) {
      if (exponent == 9) {
        nanos = ts;
      } else if (exponent < 9) {
        nanos = unsigned.multiply(BigInteger.TEN.pow(9 - exponent)).longValue();
      } else {
        nanos = unsigned.divide(BigInteger.TEN.pow(exponent - 9)).longValue();
      }
    } else {
      nanos = unsigned.multiply(BigInteger.valueOf(1_000_000_000L)).shiftRight(exponent).longValue();
    }
    return nanos + tsOffsetSeconds * 1_000_000_000L;
  }

  private static long toNanos(long ts, PcapngInterface itf) {
    if (itf.tsResolution() == 6 && itf.tsOffsetSeconds() == 0 && ts >= 0 && ts < Long.MAX_VALUE / 1000) {
      return ts * 1000; // the common case, without BigInteger
    }
    return toNanos(ts, itf.tsResolution(), itf.tsOffsetSeconds());
  }

  // ---------------------------------------------------------------------------------------------
  // Input

  /** Reads until {@code buf} is full or the file ends; returns the count read. */
  private int readUpTo(byte[] buf) throws IOException {
    return readUpTo(buf, buf.length);
  }

  /** Reads until {@code length} bytes are in {@code buf} from 0 or the file ends; returns the count read. */
  private int readUpTo(byte[] buf, int length) throws IOException {
    int n = in.readNBytes(buf, 0, length);
    offset += n;
    return n;
  }

  private ByteBuffer readExactly(int length, String what) throws IOException {
    byte[] buf = new byte[length];
    long start = offset;
    int n = readUpTo(buf);
    if (n < length) {
      throw error(start + n, "file ends " + n + " bytes into " + what + " (" + length + " bytes expected)");
    }
    return ByteBuffer.wrap(buf).order(order == null ? ByteOrder.BIG_ENDIAN : order);
  }

  private CaptureFormatException error(long at, String problem) {
    return new CaptureFormatException(file, at, problem);
  }
}
