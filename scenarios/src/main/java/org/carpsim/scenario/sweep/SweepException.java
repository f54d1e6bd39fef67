package org.carpsim.scenario.sweep;

/** Bad sweep input (a knob, a value, a seed range, a shard, shard files): the message says what and where. */
public final class SweepException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SweepException(String message) {
    super(message);
  }
}
