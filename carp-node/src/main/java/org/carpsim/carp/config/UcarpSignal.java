package org.carpsim.carp.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The signals a ucarp daemon can be sent from a shell, and what ucarp 1.5.2 does with each: SIGKILL
 * cannot be caught (the process is gone, nothing more happens); SIGTERM, SIGINT and SIGQUIT reach
 * {@code sighandler_exit}, after which the main loop runs the down-script only when started with
 * {@code --shutdown}, then exits, without a bow-out advertisement.
 */
public enum UcarpSignal {
  INT(2),
  QUIT(3),
  KILL(9),
  TERM(15);

  private final int number;

  UcarpSignal(int number) {
    this.number = number;
  }

  /** The signal's number on Linux. */
  public int number() {
    return number;
  }

  /** {@code SIGKILL}, as logs and reasons name it. */
  public String sigName() {
    return "SIG" + name();
  }

  /** Whether ucarp's handler runs (everything but SIGKILL). */
  public boolean caught() {
    return this != KILL;
  }

  /** A signal as pkill, killall and kill take it: {@code 9}, {@code KILL}, {@code SIGKILL}, any case. */
  public static Optional<UcarpSignal> parse(String spec) {
    String s = spec.toUpperCase(java.util.Locale.ROOT);
    String name = s.startsWith("SIG") ? s.substring(3) : s;
    return Arrays.stream(values()).filter(g -> g.name().equals(name) || Integer.toString(g.number).equals(s))
        .findFirst();
  }

  /** The signals understood, for error messages. */
  static String allowed() {
    return "KILL (9), TERM (15), INT (2), QUIT (3)";
  }
}
