package org.carpsim.sim.time;

/**
 * A duration text that could not be read, with the 1-based column of the offending character.
 *
 * <p>The message already names the column and, where a unit is involved, the allowed units, so a
 * caller that knows where the text sits in a larger file can prefix {@code file:line:} and print it.
 */
public final class DurationFormatException extends IllegalArgumentException {

  private final String input;
  private final int column;
  private final String reason;

  DurationFormatException(String input, int column, String reason) {
    super("bad duration '" + input + "' at column " + column + ": " + reason);
    this.input = input;
    this.column = column;
    this.reason = reason;
  }

  /** The text that was being read. */
  public String input() {
    return input;
  }

  /** The 1-based column within {@link #input()} where the problem starts. */
  public int column() {
    return column;
  }

  /** The problem alone, without the input and the column (for callers that print their own place). */
  public String reason() {
    return reason;
  }
}
