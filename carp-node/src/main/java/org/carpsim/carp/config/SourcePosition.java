package org.carpsim.carp.config;

/** A place in a file, both numbers 1-based: {@code file:line:column}. */
public record SourcePosition(int line, int column) {

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
