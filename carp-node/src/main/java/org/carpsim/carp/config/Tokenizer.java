package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a logical line into words the way a POSIX shell does for the commands we accept: blanks
 * separate words, single quotes are literal, double quotes allow {@code \\ \" \$ \`} escapes, a
 * backslash outside quotes escapes the next character, {@code #} at the start of a word begins a
 * comment. {@code &&} and {@code ;} separate commands, a final {@code &} means background. Pipes and
 * redirections are refused. A backslash followed by a blank (a continuation that lost its line break
 * in copy and paste, as in the seeds' carp(4) page) is dropped with a warning.
 */
final class Tokenizer {

  private Tokenizer() {}

  static List<Token> tokenize(String line, ParseContext ctx) {
    List<Token> out = new ArrayList<>();
    int n = line.length();
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      if (c == '#') {
        break;
      }
      if (c == '&') {
        if (i + 1 < n && line.charAt(i + 1) == '&') {
          out.add(new Token("&&", i, i + 2, Token.Kind.AND));
          i += 2;
          continue;
        }
        if (line.substring(i + 1).isBlank() || line.substring(i + 1).trim().startsWith("#")) {
          out.add(new Token("&", i, i + 1, Token.Kind.BACKGROUND));
          i++;
          continue;
        }
        throw new ConfigException(i, "'&' (background) is only accepted at the end of a line");
      }
      if (c == ';') {
        out.add(new Token(";", i, i + 1, Token.Kind.SEMICOLON));
        i++;
        continue;
      }
      if (c == '|' || c == '<' || c == '>' || c == '`' || c == '(' || c == ')') {
        throw new ConfigException(i, "shell operator '" + c + "' is not supported in host commands "
            + "(only && and ; join commands)");
      }
      if (c == '\\' && (i + 1 == n || line.charAt(i + 1) == ' ' || line.charAt(i + 1) == '\t')) {
        ctx.warn(i, "stray '\\' ignored (a line continuation that lost its line break?)");
        i++;
        continue;
      }
      int start = i;
      StringBuilder w = new StringBuilder();
      while (i < n) {
        c = line.charAt(i);
        if (c == ' ' || c == '\t' || c == ';' || c == '|' || c == '<' || c == '>') {
          break;
        }
        if (c == '&') {
          break;
        }
        if (c == '\'') {
          int close = line.indexOf('\'', i + 1);
          if (close < 0) {
            throw new ConfigException(i, "unterminated single quote");
          }
          w.append(line, i + 1, close);
          i = close + 1;
        } else if (c == '"') {
          int j = i + 1;
          boolean closed = false;
          while (j < n) {
            char d = line.charAt(j);
            if (d == '"') {
              closed = true;
              break;
            }
            if (d == '\\' && j + 1 < n && "\\\"$`".indexOf(line.charAt(j + 1)) >= 0) {
              w.append(line.charAt(j + 1));
              j += 2;
              continue;
            }
            w.append(d);
            j++;
          }
          if (!closed) {
            throw new ConfigException(i, "unterminated double quote");
          }
          i = j + 1;
        } else if (c == '\\') {
          if (i + 1 < n) {
            w.append(line.charAt(i + 1));
            i += 2;
          } else {
            i++;
          }
        } else {
          w.append(c);
          i++;
        }
      }
      out.add(Token.word(w.toString(), start, i));
    }
    return out;
  }

  /** Plain blank-separated words of {@code text[from, to)}, as rc(8) splits an unquoted variable. */
  static List<Token> splitBlanks(String text, int from, int to) {
    List<Token> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      while (i < to && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int s = i;
      while (i < to && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > s) {
        out.add(Token.word(text.substring(s, i), s, i));
      }
    }
    return out;
  }
}
