package org.carpsim.conformance.lab;

/**
 * How far beyond the simulated range a live instant may lie before {@code carpsim compare} flags it,
 * per kind of live host: what the simulation does not model of each, measured.
 *
 * <ul>
 *   <li>the real ucarp: 150 ms. Its process start-up and up-script run time are drawn per seed by
 *       the profile (ucarp-lab.md), so the simulated range already spans them; what is left is pcap
 *       timestamping and the scheduling of two processes and the capture on busy cores.
 *   <li>carpsim's live node standing in for a kernel: 300 ms, the JVM node's timer jitter (ucarp-lab.md:
 *       SIGKILL of the live node, takeover 4.185–5.196 s where the simulation gives 4.390 or 5.000 s);
 *       and for the change that starts it (INIT → BACKUP) its JVM's start-up, up to 6 s on a loaded
 *       machine, where a kernel's carp interface comes up at once.
 *   <li>the real keepalived: 200 ms. Its timers are RFC-exact (ucarp-lab.md: 3.610 s for 3.609 s),
 *       but a state change is read from its notify script, which it forks after the change: the logged
 *       instant came 10–110 ms late in the lab.
 * </ul>
 */
public final class LiveTolerance {

  /** The real ucarp. */
  public static final long UCARP_NS = 150_000_000L;
  /** The real keepalived, its state read from its notify script. */
  public static final long KEEPALIVED_NS = 200_000_000L;
  /** carpsim's live node, once running. */
  public static final long NODE_NS = 300_000_000L;
  /** carpsim's live node, its start: the JVM's start-up. */
  public static final long NODE_START_NS = 6_000_000_000L;

  private LiveTolerance() {}

  /** The tolerance of a running host of {@code kind}. */
  public static long of(LiveHostKind kind) {
    return switch (kind) {
      case UCARP -> UCARP_NS;
      case KEEPALIVED -> KEEPALIVED_NS;
      case NODE -> NODE_NS;
    };
  }

  /** The tolerance of a state change of a host of {@code kind}; {@code starting} for its change out of INIT. */
  public static long of(LiveHostKind kind, boolean starting) {
    return kind == LiveHostKind.NODE && starting ? NODE_START_NS : of(kind);
  }
}
