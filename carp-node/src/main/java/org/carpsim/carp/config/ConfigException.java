package org.carpsim.carp.config;

import java.util.Optional;

/**
 * A configuration line that cannot be accepted. It carries the place within the logical line (0-based
 * {@link #offset()}, printed 1-based as {@link #column()}), the message as the tool would word it
 * ({@code ifconfig: vhid 256: too large (range 1..255)}), and where it helps the nearest valid word.
 * The message never contains a passphrase.
 *
 * <p>{@link #at(String, LogicalLine)} places it in a file so that {@link #getMessage()} reads
 * {@code file:line:col: message}.
 */
public final class ConfigException extends RuntimeException {

  private final int offset;
  private final String detail;
  private final transient Optional<String> nearest;
  private final String file;
  private final transient SourcePosition position;

  /** An error at {@code offset} (0-based) of the logical line. */
  public ConfigException(int offset, String message) {
    this(offset, message, Optional.empty());
  }

  /** An error at {@code offset} with the nearest valid word. */
  public ConfigException(int offset, String message, Optional<String> nearest) {
    this(offset, message, nearest, null, null);
  }

  private ConfigException(int offset, String message, Optional<String> nearest, String file, SourcePosition position) {
    super(format(message, file, position), null, false, false);
    this.offset = offset;
    this.detail = message;
    this.nearest = nearest;
    this.file = file;
    this.position = position;
  }

  private static String format(String message, String file, SourcePosition position) {
    if (position == null) {
      return message;
    }
    return (file == null ? "" : file + ":") + position.line() + ":" + position.column() + ": " + message;
  }

  /** 0-based offset within the logical line. */
  public int offset() {
    return offset;
  }

  /** 1-based column within the logical line. */
  public int column() {
    return offset + 1;
  }

  /** The message without a location. */
  public String detail() {
    return detail;
  }

  /** The nearest valid word, when the error is a misspelling. */
  public Optional<String> nearest() {
    return nearest;
  }

  /** The physical position, once placed with {@link #at}. */
  public Optional<SourcePosition> position() {
    return Optional.ofNullable(position);
  }

  /** The file, once placed with {@link #at}. */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /** The same error with another message (the same place and nearest word). */
  ConfigException withDetail(String newDetail) {
    return new ConfigException(offset, newDetail, nearest, file, position);
  }

  /** This error placed in {@code file} through the logical line's map back to physical lines. */
  public ConfigException at(String file, LogicalLine line) {
    return new ConfigException(offset, detail, nearest, file, line.position(offset));
  }
}
