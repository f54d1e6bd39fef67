package org.carpsim.carp.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;

/** Reads {@code seed-config-lines.txt}: every configuration line of the seeds, verbatim. */
final class SeedLines {

  /** One logical line of a seed document. */
  record Entry(String source, List<Profile> profiles, String kind, String host, LogicalLine line,
      List<String> physical) {

    /** The line after its prompt, as the scenario parser will hand it over. */
    LogicalLine command() {
      return ShellPrompt.strip(line);
    }

    /** Parses the entry under {@code p} as its kind says. */
    ParsedLine parse(Profile p) {
      ConfigParser parser = ConfigParser.forProfile(p);
      if (kind.equals("shell")) {
        return parser.parseCommandLine(command().text());
      }
      if (kind.equals("rc.conf")) {
        return parser.parseRcConfLine(line.text());
      }
      if (kind.startsWith("file /etc/hostname.")) {
        return parser.parseHostnameIfLine(kind.substring("file /etc/hostname.".length()), line.text());
      }
      throw new IllegalStateException("unknown kind " + kind);
    }

    @Override
    public String toString() {
      return source + ":" + line.firstLine() + " [" + host + "] " + line.text().trim();
    }
  }

  private SeedLines() {}

  static List<Entry> load() {
    String text;
    try (InputStream in = SeedLines.class.getResourceAsStream("seed-config-lines.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<String> physical = List.of(text.split("\n", -1));
    List<Entry> out = new ArrayList<>();
    String source = null;
    List<Profile> profiles = List.of();
    String kind = null;
    String host = "";
    List<String> pending = new ArrayList<>();
    int pendingStart = 0;
    for (int i = 0; i < physical.size(); i++) {
      String l = physical.get(i);
      if (pending.isEmpty()) {
        if (l.startsWith("%%") || l.isBlank()) {
          continue;
        }
        if (l.startsWith("@")) {
          String[] d = l.substring(1).split(" ", 2);
          switch (d[0]) {
            case "source" -> source = d[1];
            case "profiles" -> profiles = List.of(d[1].split(" ")).stream().map(Profiles::byName).toList();
            case "kind" -> kind = d[1];
            case "host" -> host = d[1];
            default -> throw new IllegalStateException("bad directive " + l);
          }
          continue;
        }
        pendingStart = i + 1;
      }
      pending.add(l);
      if (!l.stripTrailing().endsWith("\\")) {
        List<LogicalLine> joined = LogicalLines.join(pending, pendingStart);
        if (joined.size() != 1) {
          throw new IllegalStateException("entry at line " + pendingStart + " is not one logical line");
        }
        out.add(new Entry(source, profiles, kind, host, joined.get(0), List.copyOf(pending)));
        pending.clear();
      }
    }
    return out;
  }
}
