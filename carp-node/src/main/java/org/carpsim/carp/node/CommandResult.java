package org.carpsim.carp.node;

/**
 * What a host command printed and whether it succeeded, as a shell would see it.
 *
 * @param ok the command's exit status was 0
 * @param output what it printed on standard output ({@code ifconfig carp0}, {@code sysctl …}); empty
 *     for silent commands
 * @param error what it printed on standard error, worded like the real tool
 *     ({@code ifconfig: SIOCSVH: Invalid argument}); empty when {@code ok}
 */
public record CommandResult(boolean ok, String output, String error) {

  /** Success without output. */
  public static final CommandResult OK = new CommandResult(true, "", "");

  /** Success printing {@code output}. */
  public static CommandResult printed(String output) {
    return new CommandResult(true, output, "");
  }

  /** Failure with the tool's message. */
  public static CommandResult failed(String error) {
    return new CommandResult(false, "", error);
  }
}
