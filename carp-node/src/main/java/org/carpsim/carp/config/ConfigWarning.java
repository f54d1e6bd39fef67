package org.carpsim.carp.config;

/**
 * Something accepted but worth saying: a passphrase truncated to 19 bytes, an option this era's
 * ifconfig lacked, an rc.conf variable that is not modelled.
 *
 * @param offset 0-based offset within the logical line
 * @param message what was noticed; never contains a passphrase
 */
public record ConfigWarning(int offset, String message) {

  /** 1-based column. */
  public int column() {
    return offset + 1;
  }

  @Override
  public String toString() {
    return column() + ": " + message;
  }
}
