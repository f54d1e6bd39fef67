package org.carpsim.bench;

import java.util.concurrent.TimeUnit;
import org.carpsim.sim.engine.Timer;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.frame.Macs;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.net.Host;
import org.carpsim.sim.net.HostStack;
import org.carpsim.sim.net.Nic;
import org.carpsim.sim.net.World;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Topology;
import org.carpsim.sim.topology.TopologyBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The world's frame path: hosts on one hub or learning switch each broadcast an advert-sized frame
 * every second from a re-armed host timer (as CARP masters do), with jitter and a little loss. The
 * score is scheduler events per second (deliveries plus timer firings; with jitter every copy of a
 * frame arrives at its own instant, so each delivery is an event of its own: copies that arrive
 * together share one event). Run with {@code -prof gc}
 * to see the allocation per event, which should be zero with frame recording off: the stacks
 * resend one immutable frame and deliveries are pooled.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar WorldBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class WorldBenchmark {

  static final int BATCH = 1_000;

  @Param({"10", "100"})
  public int hosts;

  @Param({"HUB", "LEARNING_SWITCH"})
  public String segment;

  @Param({"NONE"})
  public String recording;

  World world;

  @Setup(Level.Trial)
  public void build() {
    LinkConditions lan = LinkConditions.NONE.withLatency(50_000).withJitter(10_000).withLoss(0.001);
    TopologyBuilder builder = "HUB".equals(segment)
        ? Topology.builder().hub("lan", lan)
        : Topology.builder().learningSwitch("lan", 300_000_000_000L, lan);
    for (int i = 0; i < hosts; i++) {
      builder.host("h" + i).nic("h" + i, "em0", "lan");
    }
    world = World.builder(builder.build()).seed(1).frames(FrameRecording.valueOf(recording)).build();
    for (int i = 0; i < hosts; i++) {
      world.host("h" + i).install(new Advertiser());
    }
    world.runFor(5_000_000_000L); // warm the delivery pool
  }

  /** Broadcasts one 70-byte frame a second, from a timer that re-arms itself. */
  static final class Advertiser implements HostStack {
    private Timer timer;
    private Frame advert;
    private long received;

    @Override
    public void onBoot(Host host) {
      Nic nic = host.nics().get(0);
      advert = Frame.of(Macs.parse("01:00:5e:00:00:12"), nic.mac(), 0x0800, new byte[56]);
      timer = host.newTimer(() -> {
        nic.transmit(advert);
        timer.armAfter(1_000_000_000L);
      });
      timer.armAfter(host.random().nextLong(1_000_000_000L));
    }

    @Override
    public void onFrame(Nic nic, Frame frame) {
      received++;
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long events() {
    world.scheduler().runEvents(BATCH);
    return world.now();
  }
}
