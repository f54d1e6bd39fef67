package org.carpsim.scenario.parse;

import java.util.List;
import java.util.stream.Collectors;
import org.carpsim.scenario.model.Diagnostic;

/**
 * A scenario file that is refused: every error found in it (not just the first), in file order, each
 * {@code file:line:col: message}, and the warnings found along the way. Nothing of the file is used.
 * The message lists the errors, one per line, and never contains a passphrase.
 */
public final class ScenarioException extends RuntimeException {

  private final transient List<Diagnostic> errors;
  private final transient List<Diagnostic> warnings;

  /** A refusal with at least one error. */
  public ScenarioException(List<Diagnostic> errors, List<Diagnostic> warnings) {
    super(errors.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")), null, false, false);
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a refused scenario has at least one error");
    }
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
  }

  /** The errors, in file order. */
  public List<Diagnostic> errors() {
    return errors;
  }

  /** The warnings, in file order. */
  public List<Diagnostic> warnings() {
    return warnings;
  }
}
