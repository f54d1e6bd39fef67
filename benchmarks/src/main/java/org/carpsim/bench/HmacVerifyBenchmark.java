package org.carpsim.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The advertisement HMAC: verifying (what every received advertisement costs), computing (every
 * sent one) and preparing (every configuration change). Scores are operations per second.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HmacVerifyBenchmark -f 1 -wi 1 -i 2 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Thread)
public class HmacVerifyBenchmark {

  private static final List<Ipv4Address> VIPS = List.of(Ipv4Address.parse("192.0.2.1"));
  private static final CarpKey KEY = CarpKey.bsd("secret");

  private CarpHmac hmac;
  private CarpHmac dualContext;
  private byte[] md;
  private long counter;

  @Setup
  public void setUp() {
    hmac = CarpHmac.prepare(HmacScheme.OPENBSD, KEY, 1, VIPS, List.of(), null);
    // With a link-local address OpenBSD accepts two contexts; a foreign HMAC is tried against both.
    dualContext = CarpHmac.prepare(HmacScheme.OPENBSD, KEY, 1, VIPS,
        List.of(Ipv6Address.parse("fe80::1"), Ipv6Address.parse("2001:db8::1")), null);
    counter = 0x0123456789abcdefL;
    md = hmac.compute(counter);
  }

  /** A matching HMAC, found in the first context. */
  @Benchmark
  public boolean verify() {
    return hmac.verify(counter, md);
  }

  /** A wrong HMAC against both contexts: the worst case of a receive. */
  @Benchmark
  public boolean verifyMismatchTwoContexts() {
    return dualContext.verify(counter, md);
  }

  /** The HMAC of an outgoing advertisement. */
  @Benchmark
  public byte[] compute() {
    return hmac.compute(++counter);
  }

  /** Preparing the SHA-1 states for a vhost (configuration change), for scale. */
  @Benchmark
  public CarpHmac prepare() {
    return CarpHmac.prepare(HmacScheme.OPENBSD, KEY, 1, VIPS, List.of(), null);
  }
}
