package org.carpsim.scenario.model;

/** The comparison of an {@code expect stat} line. */
public enum Comparison {
  EQ("=="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  /** {@code >=}. */
  public String symbol() {
    return symbol;
  }

  /** The comparison written {@code symbol} ({@code =} is taken as {@code ==}), or null. */
  public static Comparison ofSymbol(String symbol) {
    if (symbol.equals("=")) {
      return EQ;
    }
    for (Comparison c : values()) {
      if (c.symbol.equals(symbol)) {
        return c;
      }
    }
    return null;
  }

  /** Whether {@code actual <op> expected} holds. */
  public boolean holds(long actual, long expected) {
    return switch (this) {
      case EQ -> actual == expected;
      case NE -> actual != expected;
      case LT -> actual < expected;
      case LE -> actual <= expected;
      case GT -> actual > expected;
      case GE -> actual >= expected;
    };
  }

  @Override
  public String toString() {
    return symbol;
  }
}
