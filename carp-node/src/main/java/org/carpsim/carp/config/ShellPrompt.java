package org.carpsim.carp.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a shell prompt pasted in front of a command: {@code # }, {@code $ }, {@code rachael# },
 * {@code fw1$ }, {@code [root@fw1 ~]# }. A prompt is only recognised when a host command follows
 * (ifconfig, sysctl, ucarp, sudo, doas), so that {@code #Configure CARP on the LAN side} stays a
 * comment for the caller to skip.
 */
public final class ShellPrompt {

  private static final Pattern PROMPT = Pattern.compile(
      "^(\\s*(?:[A-Za-z0-9_.@~:\\[\\] -]*?[#$%>])\\s+)(?=(?:ifconfig|sysctl|ucarp|sudo|doas)(?:\\s|$))");

  private ShellPrompt() {}

  /** Offset where the command starts after a prompt, or 0 when the line has no prompt. */
  public static int commandStart(String line) {
    Matcher m = PROMPT.matcher(line);
    return m.find() ? m.end(1) : 0;
  }

  /** The line without its prompt, positions kept. */
  public static LogicalLine strip(LogicalLine line) {
    int start = commandStart(line.text());
    return start == 0 ? line : line.from(start);
  }
}
