package org.carpsim.scenario.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.history.HistoryEntry;

/**
 * How to run a scenario.
 *
 * @param frames how much frame traffic the history records (a pcap or a listener needs at least
 *     transmissions)
 * @param pcap where to write the run's traffic as a pcap, if anywhere
 * @param listeners who else sees each recorded entry as it happens (e.g. a report's digest of the
 *     advertisements). When frames go to a pcap or a listener they stream: the history does not keep
 *     them, so an hour-long campus run never holds its transmissions in memory. A scenario of
 *     several independent parts shows a listener each part's entries in time order, one part after
 *     another or (with several threads) interleaved, one call at a time: listeners that keep what
 *     they see per host, NIC or segment see the same whatever the threads.
 * @param threads how many of the scenario's independent parts may run at once; the result is the
 *     same, byte for byte, whatever the number
 */
public record RunOptions(FrameRecording frames, Optional<Path> pcap, List<Consumer<? super HistoryEntry>> listeners,
    int threads) {

  /**
   * No frames in the history, no pcap: the checkers read state changes, counters and the clients'
   * answers, never frames, and a campus-size run must not keep every transmission.
   */
  public static final RunOptions DEFAULT = new RunOptions(FrameRecording.NONE, Optional.empty());

  public RunOptions {
    listeners = List.copyOf(listeners);
    if (threads < 1) {
      throw new IllegalArgumentException("threads " + threads + ": expected at least 1");
    }
  }

  /** Options without listeners, on one thread; frames recorded at {@code frames} are kept unless they go to a pcap. */
  public RunOptions(FrameRecording frames, Optional<Path> pcap) {
    this(frames, pcap, List.of(), 1);
  }

  /** The same, also writing the transmissions to {@code file}. */
  public RunOptions withPcap(Path file) {
    return new RunOptions(atLeastTransmissions(), Optional.of(file), listeners, threads);
  }

  /** The same, running up to {@code n} independent parts at once. */
  public RunOptions withThreads(int n) {
    return new RunOptions(frames, pcap, listeners, n);
  }

  /** The same, also passing every recorded entry, transmissions included, to {@code listener}. */
  public RunOptions withListener(Consumer<? super HistoryEntry> listener) {
    List<Consumer<? super HistoryEntry>> all = new java.util.ArrayList<>(listeners);
    all.add(listener);
    return new RunOptions(atLeastTransmissions(), pcap, all, threads);
  }

  /** Whether the history keeps its frame entries: only when nothing streams them elsewhere. */
  public boolean keepsFrames() {
    return pcap.isEmpty() && listeners.isEmpty();
  }

  private FrameRecording atLeastTransmissions() {
    return frames == FrameRecording.NONE ? FrameRecording.TRANSMISSIONS : frames;
  }
}
