package org.carpsim.carp.config;

import java.util.List;

/**
 * The commands of one logical configuration line, all validated: a line with an error yields an
 * exception and no commands.
 *
 * @param redactedText the line with every passphrase replaced by {@code ********}, safe to log
 * @param steps the commands in order, each with the condition under which it runs
 * @param warnings what was accepted but noticed
 */
public record ParsedLine(String redactedText, List<Step> steps, List<ConfigWarning> warnings) {

  public ParsedLine {
    steps = List.copyOf(steps);
    warnings = List.copyOf(warnings);
  }

  /** When a step runs. */
  public enum RunCondition {
    /** Always (first command, after {@code ;}, each variable of rc.conf, each sysctl name). */
    ALWAYS,
    /** Only if the previous step succeeded ({@code &&}, or the second half of one ifconfig command). */
    IF_PREVIOUS_SUCCEEDED
  }

  /** One command with its run condition. */
  public record Step(HostCommand command, RunCondition condition) {}

  /** The commands, without their conditions. */
  public List<HostCommand> commands() {
    return steps.stream().map(Step::command).toList();
  }

  /** True for comment and blank lines. */
  public boolean isEmpty() {
    return steps.isEmpty();
  }
}
