package org.carpsim.scenario.run;

import java.nio.file.Path;
import java.util.Optional;
import org.carpsim.sim.history.FrameRecording;

/**
 * How to run a scenario.
 *
 * @param frames how much frame traffic the history keeps (a pcap needs at least transmissions)
 * @param pcap where to write the run's traffic as a pcap, if anywhere
 */
public record RunOptions(FrameRecording frames, Optional<Path> pcap) {

  /** Transmissions only, no pcap: enough for every checker, cheap for long runs. */
  public static final RunOptions DEFAULT = new RunOptions(FrameRecording.TRANSMISSIONS, Optional.empty());

  public RunOptions withPcap(Path file) {
    return new RunOptions(frames == FrameRecording.NONE ? FrameRecording.TRANSMISSIONS : frames, Optional.of(file));
  }
}
