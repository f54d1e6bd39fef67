package org.carpsim.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.CarpReception;
import org.carpsim.carp.wire.Decoded;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Header;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.Octets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding and decoding a 70-byte CARP-over-IPv4 Ethernet frame, the node's hot path. Scores are
 * packets per second (one frame per operation).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CodecBenchmark -f 1 -wi 1 -i 2 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Thread)
public class CodecBenchmark {

  private static final Ipv4Address VIP = Ipv4Address.parse("192.0.2.1");
  private static final Ipv4Address SOURCE = Ipv4Address.parse("192.0.2.2");
  private static final MacAddress GROUP_MAC = Frames.multicastMac(Ipv4Address.CARP_GROUP);

  private Octets hmac;
  private EthernetFrame frame;
  private byte[] bytes;
  private byte[] buffer;
  private long counter;

  @Setup
  public void setUp() {
    CarpHmac h = CarpHmac.prepare(HmacScheme.OPENBSD, CarpKey.bsd("secret"), 1, List.of(VIP), List.of(), null);
    counter = 0x0123456789abcdefL;
    hmac = Octets.copyOf(h.compute(counter));
    frame = build(counter);
    bytes = frame.toBytes();
    buffer = new byte[bytes.length];
  }

  private EthernetFrame build(long c) {
    CarpAdvertisement ad = CarpAdvertisement.create(1, 0, 0, 1, c, hmac);
    return EthernetFrame.of(GROUP_MAC, MacAddress.carpVirtual(1),
        Ipv4Packet.of(0x10, (int) c & 0xffff, Ipv4Header.DONT_FRAGMENT, 255, SOURCE, Ipv4Address.CARP_GROUP, ad));
  }

  /** Records to bytes: build the advertisement, IP and Ethernet records (checksums computed) and encode. */
  @Benchmark
  public byte[] buildAndEncode() {
    return build(++counter).toBytes();
  }

  /** Encode prebuilt records into a reused buffer: the serialisation alone. */
  @Benchmark
  public int encodeIntoBuffer() {
    return frame.writeTo(buffer, 0);
  }

  /** Bytes to records. */
  @Benchmark
  public Decoded decode() {
    return Frames.decode(bytes);
  }

  /** Bytes to records plus the receive checks before the vhid lookup (TTL, length, checksum). */
  @Benchmark
  public CarpReception.Outcome decodeAndCheck() {
    return CarpReception.check(Frames.decode(bytes));
  }
}
