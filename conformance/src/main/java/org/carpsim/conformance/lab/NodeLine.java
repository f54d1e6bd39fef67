package org.carpsim.conformance.lab;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.carp.profile.CarpState;

/**
 * A state line {@code carpsim node} prints: {@code 2026-12-07T23:40:01.123456Z carp0 vhid 1 BACKUP ->
 * MASTER (master timed out)} (LiveNode's report).
 *
 * @param epochNanos when the node changed state
 * @param from the state it left
 * @param to the state it entered
 * @param reason in the profile's words (empty when none was printed)
 */
record NodeLine(long epochNanos, CarpState from, CarpState to, String reason) {

  private static final Pattern LINE = Pattern.compile(
      "(\\S+Z) \\S+ vhid \\d+ ([A-Z]+) -> ([A-Z]+)(?: \\((.*)\\))?");

  static Optional<NodeLine> parse(String line) {
    Matcher m = LINE.matcher(line.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Instant i = Instant.parse(m.group(1));
      return Optional.of(new NodeLine(i.getEpochSecond() * 1_000_000_000L + i.getNano(), CarpState.valueOf(m.group(2)),
          CarpState.valueOf(m.group(3)), m.group(4) == null ? "" : m.group(4)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
