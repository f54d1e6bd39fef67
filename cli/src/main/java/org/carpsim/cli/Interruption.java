package org.carpsim.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM noted instead of obeyed at once, while a long command can still save
 * what it has: it asks {@link #requested()}, stops, writes its partial result, and exits with the
 * shell's code for the signal (130, 143). Uses {@code sun.misc.Signal}, which JEP 260 keeps for
 * exactly this; the JDK has no other way to tell SIGINT from SIGTERM. Closing restores the JVM's own
 * handling, so a second Ctrl-C after the command ends is obeyed at once.
 */
final class Interruption implements AutoCloseable {

  private static final List<String> SIGNALS = List.of("INT", "TERM");

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private volatile String signal;

  private Interruption() {}

  /** Takes SIGINT and SIGTERM until closed. */
  static Interruption install() {
    Interruption i = new Interruption();
    for (String name : SIGNALS) {
      Signal s = new Signal(name);
      i.previous.add(Signal.handle(s, caught -> i.signal = caught.getName()));
      i.signals.add(s);
    }
    return i;
  }

  /** Whether a signal came. */
  boolean requested() {
    return signal != null;
  }

  /** {@code SIGINT} or {@code SIGTERM}. */
  String signalName() {
    return "SIG" + signal;
  }

  /** The exit code a shell gives a process the signal ended: 128 + its number. */
  int exitCode() {
    return "TERM".equals(signal) ? 143 : 130;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
