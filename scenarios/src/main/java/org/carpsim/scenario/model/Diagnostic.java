package org.carpsim.scenario.model;

/**
 * An error or a warning about a scenario file, placed at {@code file:line:column}. The message never
 * contains a CARP passphrase.
 *
 * @param severity error (the scenario is refused) or warning (accepted, but worth reading)
 * @param file the file name as it was given to the parser
 * @param line 1-based physical line
 * @param column 1-based column
 * @param message what is wrong, with the expected or nearest valid word where that helps
 */
public record Diagnostic(Severity severity, String file, int line, int column, String message) {

  /** How bad a diagnostic is. */
  public enum Severity {
    /** The scenario is refused. */
    ERROR,
    /** Accepted; printed by {@code carpsim check} and kept in {@link Scenario#warnings()}. */
    WARNING
  }

  /** An error. */
  public static Diagnostic error(String file, int line, int column, String message) {
    return new Diagnostic(Severity.ERROR, file, line, column, message);
  }

  /** A warning. */
  public static Diagnostic warning(String file, int line, int column, String message) {
    return new Diagnostic(Severity.WARNING, file, line, column, message);
  }

  /** True for an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:col: message} for errors, {@code file:line:col: warning: message} for warnings. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + (isError() ? "" : "warning: ") + message;
  }
}
