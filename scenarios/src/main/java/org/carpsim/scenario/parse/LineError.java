package org.carpsim.scenario.parse;

/**
 * A mistake in one scenario line, at an offset of its logical line: the line's statement is dropped
 * and parsing goes on with the next line, so that every mistake of a file is reported at once.
 */
final class LineError extends RuntimeException {

  private final int offset;

  LineError(int offset, String message) {
    super(message, null, false, false);
    this.offset = offset;
  }

  int offset() {
    return offset;
  }
}
