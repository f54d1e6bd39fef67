package org.carpsim.sim.pcap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A capture file that is not a pcap/pcapng file, is damaged or ends too early. The message names
 * the file, the byte offset where reading went wrong and what was expected there.
 */
public final class CaptureFormatException extends IOException {

  private final transient Path file;
  private final long offset;
  private final String problem;

  /**
   * @param file the capture file
   * @param offset byte offset from the start of the file where the problem was found
   * @param problem what was expected and what was found, without the file name
   */
  public CaptureFormatException(Path file, long offset, String problem) {
    super(file + ": at byte " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
    this.problem = problem;
  }

  /** The capture file. */
  public Path file() {
    return file;
  }

  /** Byte offset from the start of the file where the problem was found. */
  public long offset() {
    return offset;
  }

  /** What is wrong, with the offset but without the file name: "at byte 24: ...". */
  public String problem() {
    return "at byte " + offset + ": " + problem;
  }
}
