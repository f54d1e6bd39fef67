package org.carpsim.reports;

/** A saved result that cannot be read, or a report that cannot be written; the message names the place. */
public final class ReportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ReportException(String message) {
    super(message);
  }

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
