package org.carpsim.scenario.model;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.ParsedLine;

/**
 * One line of a host's configuration, parsed and validated for the host's profile: a shell command
 * line ({@code ifconfig …}, {@code sysctl …}, {@code ucarp …}, several joined by {@code &&} or {@code ;}),
 * an rc.conf assignment, or one line of an inline {@code file … end} block.
 *
 * @param origin where the line was written; its text is {@link ParsedLine#redactedText()}, trimmed
 * @param parsed the commands with their run conditions, and the parser's warnings
 * @param file the path of the inline file the line belongs to, if any ({@code /etc/hostname.carp2})
 */
public record ConfigLine(Origin origin, ParsedLine parsed, Optional<String> file) {

  /** The commands, in order, without their run conditions. */
  public List<HostCommand> commands() {
    return parsed.commands();
  }

  /** The commands with their run conditions ({@code &&}). */
  public List<ParsedLine.Step> steps() {
    return parsed.steps();
  }
}
