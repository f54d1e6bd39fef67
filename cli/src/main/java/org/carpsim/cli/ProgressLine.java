package org.carpsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of long work on standard error, never on standard output (so {@code --json} stays
 * clean): on a terminal one line redrawn in place, done/total, rate and time left; in a log (CI)
 * a plain line every few seconds; nothing with {@code --quiet}. {@code CARPSIM_PROGRESS=terminal|log|off}
 * overrides the guess.
 */
final class ProgressLine {

  /** Where the lines go. */
  enum Mode { TERMINAL, LOG, OFF }

  private static final long TERMINAL_EVERY = 100_000_000L;
  private static final long LOG_EVERY = 5_000_000_000L;

  private final String what;
  private final String unit;
  private final PrintWriter err;
  private final Mode mode;
  private final LongSupplier clock;
  private final long start;
  private long lastShown;
  private int lastWidth;
  private boolean shown;

  ProgressLine(String what, String unit, PrintWriter err, Mode mode, LongSupplier nanoClock) {
    this.what = what;
    this.unit = unit;
    this.err = err;
    this.mode = mode;
    this.clock = nanoClock;
    this.start = nanoClock.getAsLong();
    // a log's first line comes after one interval: the first runs' rate (a cold JVM) means nothing
    this.lastShown = mode == Mode.LOG ? start : Long.MIN_VALUE;
  }

  /** The mode for this process: off when quiet, else as the environment says or a console suggests. */
  static Mode mode(boolean quiet) {
    if (quiet) {
      return Mode.OFF;
    }
    String forced = System.getenv("CARPSIM_PROGRESS");
    if (forced != null) {
      switch (forced.toLowerCase(Locale.ROOT)) {
        case "terminal":
          return Mode.TERMINAL;
        case "log":
          return Mode.LOG;
        case "off":
          return Mode.OFF;
        default:
          break;
      }
    }
    return stderrIsTerminal() ? Mode.TERMINAL : Mode.LOG;
  }

  /**
   * Whether standard error is a terminal: on Linux what fd 2 points at (a sweep's --json may go to a
   * file while its progress goes to the terminal); elsewhere whether the process has a console.
   */
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }

  /** {@code done} of {@code total} finished; shown when the mode's interval has passed. Thread-safe. */
  synchronized void update(long done, long total) {
    long now = clock.getAsLong();
    long every = mode == Mode.TERMINAL ? TERMINAL_EVERY : LOG_EVERY;
    if (mode == Mode.OFF || (lastShown != Long.MIN_VALUE && now - lastShown < every) && done < total) {
      return;
    }
    lastShown = now;
    show(line(done, total, now - start));
  }

  /** Ends a terminal's line (a log's last line is already whole). */
  synchronized void finish() {
    if (mode == Mode.TERMINAL && shown) {
      err.println();
      err.flush();
    }
  }

  private void show(String text) {
    shown = true;
    if (mode == Mode.TERMINAL) {
      StringBuilder sb = new StringBuilder("\r").append(text);
      for (int i = text.length(); i < lastWidth; i++) {
        sb.append(' '); // wipe what a longer line left
      }
      lastWidth = text.length();
      err.print(sb);
    } else {
      err.println(text);
    }
    err.flush();
  }

  /** "sweep: 120/2000 runs (6.0%), 35.2 runs/s, 53s left". */
  String line(long done, long total, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    String left = done == 0 || rate <= 0 ? "" : ", " + (done >= total ? "done in " + clockTime(seconds)
        : clockTime((total - done) / rate) + " left");
    return String.format(Locale.ROOT, "%s: %d/%d %s (%.1f%%), %.1f %s/s%s", what, done, total, unit,
        total == 0 ? 100.0 : 100.0 * done / total, rate, unit, left);
  }

  /** 7s, 3m05s, 2h04m: what a person reads at a glance (rounded up to the second). */
  static String clockTime(double seconds) {
    long s = (long) Math.ceil(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
