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

  /**
   * No frames in the history, no pcap: the checkers read state changes, counters and the clients'
   * answers, never frames, and a campus-size run must not keep every transmission.
   */
  public static final RunOptions DEFAULT = new RunOptions(FrameRecording.NONE, Optional.empty());

  public RunOptions withPcap(Path file) {
    return new RunOptions(frames == FrameRecording.NONE ? FrameRecording.TRANSMISSIONS : frames, Optional.of(file));
  }
}
