package org.carpsim.carp.profile;

import java.util.List;
import java.util.Optional;

/** A profile name that does not exist; the message lists the valid names and the nearest one. */
public final class UnknownProfileException extends IllegalArgumentException {

  private final String name;
  private final transient Optional<String> nearest;

  /** For {@code name}, listing {@code valid} names and the {@code nearest} one. */
  public UnknownProfileException(String name, List<String> valid, Optional<String> nearest) {
    super("unknown profile '" + name + "' (valid: " + String.join(", ", valid) + ")"
        + nearest.map(n -> "; did you mean " + n + "?").orElse(""));
    this.name = name;
    this.nearest = nearest;
  }

  /** The name that was asked for. */
  public String name() {
    return name;
  }

  /** The nearest valid name, if one is close. */
  public Optional<String> nearest() {
    return nearest;
  }
}
