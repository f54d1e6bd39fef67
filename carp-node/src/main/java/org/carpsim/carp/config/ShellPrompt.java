package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a shell prompt pasted in front of a command: {@code # }, {@code $ }, {@code rachael# },
 * {@code fw1$ }, {@code [root@fw1 ~]# }. A prompt is only recognised when a host command follows
 * (ifconfig, sysctl, ucarp, sudo, doas), so that {@code #Configure CARP on the LAN side} stays a
 * comment for the caller to skip.
 */
public final class ShellPrompt {

  private static final String COMMAND_WORD = "(?:ifconfig|sysctl|ucarp|sudo|doas)(?:\\s|$)";
  /** {@code #}, {@code host#}, {@code root@fw1:~#}, {@code [root@fw1 ~]#} (blanks only inside brackets). */
  private static final Pattern PROMPT = Pattern.compile(
      "^(\\s*(?:\\[[^\\]]*\\]|[A-Za-z0-9_.@~:/-]*)[#$%>]\\s+)(?=" + COMMAND_WORD + ")");
  /** A prompt further along a collapsed transcript line: {@code # ifconfig …} after a blank. */
  private static final Pattern NEXT_PROMPT = Pattern.compile("[#$]\\s+(?=" + COMMAND_WORD + ")");

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

  /**
   * The commands of a line pasted from a transcript, prompts dropped and positions kept: none when
   * the line does not start with a prompt; usually one; several when a rendering collapsed several
   * prompted lines into one, as the seeds' carp(4) page does:
   *
   * <pre>
   * # ifconfig carp0 create # ifconfig carp0 vhid 1 pass … 192.168.1.1 \ netmask 255.255.255.0
   * </pre>
   *
   * On such a line a {@code #} (or {@code $}) between blanks, outside quotes, followed by a command
   * word starts the next command (a shell would read it as a comment), and a {@code \} between blanks
   * is a continuation whose line break was lost: it is dropped, as the shell drops backslash-newline.
   * A line with a single prompt is returned as it is (its stray {@code \ } is the tokenizer's to
   * warn about).
   */
  public static List<LogicalLine> commands(LogicalLine line) {
    String text = line.text();
    int start = commandStart(text);
    if (start == 0) {
      return List.of();
    }
    List<Integer> prompts = new ArrayList<>();
    List<Integer> commandStarts = new ArrayList<>();
    scanUnquoted(text, start, k -> {
      char c = text.charAt(k);
      if (c == '\\') {
        return k + 2;
      }
      if ((c == '#' || c == '$') && Character.isWhitespace(text.charAt(k - 1))) {
        Matcher m = NEXT_PROMPT.matcher(text).region(k, text.length());
        if (m.lookingAt()) {
          prompts.add(k);
          commandStarts.add(m.end());
          return m.end();
        }
      }
      return k + 1;
    });
    if (prompts.isEmpty()) {
      return List.of(line.from(start));
    }
    List<LogicalLine> out = new ArrayList<>();
    int from = start;
    for (int p = 0; p <= prompts.size(); p++) {
      int to = p < prompts.size() ? prompts.get(p) : text.length();
      out.add(withoutLostLineBreaks(trimEnd(line.slice(from, to))));
      if (p < prompts.size()) {
        from = commandStarts.get(p);
      }
    }
    return List.copyOf(out);
  }

  private static LogicalLine trimEnd(LogicalLine l) {
    int e = l.text().length();
    while (e > 0 && Character.isWhitespace(l.text().charAt(e - 1))) {
      e--;
    }
    return l.slice(0, e);
  }

  /** Drops every unquoted {@code \} that stands between blanks (or ends the command). */
  private static LogicalLine withoutLostLineBreaks(LogicalLine l) {
    String t = l.text();
    List<Integer> lost = new ArrayList<>();
    scanUnquoted(t, 0, k -> {
      if (t.charAt(k) != '\\') {
        return k + 1;
      }
      boolean blankBefore = k > 0 && Character.isWhitespace(t.charAt(k - 1));
      boolean blankAfter = k + 1 == t.length() || Character.isWhitespace(t.charAt(k + 1));
      if (blankBefore && blankAfter) {
        lost.add(k);
        return k + 1;
      }
      return k + 2;
    });
    LogicalLine out = l;
    for (int i = lost.size() - 1; i >= 0; i--) {
      out = out.without(lost.get(i));
    }
    return trimEnd(out);
  }

  /**
   * Walks {@code text} from {@code from} the way the shell reads quotes: characters inside
   * {@code '…'} or {@code "…"} (with {@code \} escapes inside double quotes) are skipped; every other
   * character goes to {@code visit}, which answers the index to go on from (it decides what an
   * unquoted {@code \} escapes).
   */
  private static void scanUnquoted(String text, int from, IntUnaryOperator visit) {
    char quote = 0;
    int k = from;
    while (k < text.length()) {
      char c = text.charAt(k);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"') {
          k++;
        }
        k++;
      } else if (c == '\'' || c == '"') {
        quote = c;
        k++;
      } else {
        k = visit.applyAsInt(k);
      }
    }
  }
}
