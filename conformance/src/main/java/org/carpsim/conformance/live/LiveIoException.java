package org.carpsim.conformance.live;

/**
 * Live I/O could not start or continue; the message says why and what to do, for a person at a
 * terminal (never a stack trace).
 */
public final class LiveIoException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error whose message is shown as is. */
  public LiveIoException(String message) {
    super(message);
  }

  /** An error caused by {@code cause}, whose message is shown as is. */
  public LiveIoException(String message, Throwable cause) {
    super(message, cause);
  }
}
