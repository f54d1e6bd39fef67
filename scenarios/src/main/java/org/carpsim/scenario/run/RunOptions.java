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
 *     them, so an hour-long campus run never holds its transmissions in memory.
 */
public record RunOptions(FrameRecording frames, Optional<Path> pcap, List<Consumer<? super HistoryEntry>> listeners) {

  /**
   * No frames in the history, no pcap: the checkers read state changes, counters and the clients'
   * answers, never frames, and a campus-size run must not keep every transmission.
   */
  public static final RunOptions DEFAULT = new RunOptions(FrameRecording.NONE, Optional.empty());

  public RunOptions {
    listeners = List.copyOf(listeners);
  }

  /** Options without listeners; frames recorded at {@code frames} are kept unless they go to a pcap. */
  public RunOptions(FrameRecording frames, Optional<Path> pcap) {
    this(frames, pcap, List.of());
  }

  /** The same, also writing the transmissions to {@code file}. */
  public RunOptions withPcap(Path file) {
    return new RunOptions(atLeastTransmissions(), Optional.of(file), listeners);
  }

  /** The same, also passing every recorded entry, transmissions included, to {@code listener}. */
  public RunOptions withListener(Consumer<? super HistoryEntry> listener) {
    List<Consumer<? super HistoryEntry>> all = new java.util.ArrayList<>(listeners);
    all.add(listener);
    return new RunOptions(atLeastTransmissions(), pcap, all);
  }

  /** Whether the history keeps its frame entries: only when nothing streams them elsewhere. */
  public boolean keepsFrames() {
    return pcap.isEmpty() && listeners.isEmpty();
  }

  private FrameRecording atLeastTransmissions() {
    return frames == FrameRecording.NONE ? FrameRecording.TRANSMISSIONS : frames;
  }
}
