package org.carpsim.scenario.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.carpsim.carp.config.LogicalLine;
import org.carpsim.carp.config.LogicalLines;
import org.carpsim.carp.config.Secrets;
import org.carpsim.carp.config.ShellPrompt;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.profile.UnknownProfileException;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Ipv4Prefix;
import org.carpsim.scenario.model.Ipv6Prefix;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.Origin;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.ScheduledLine;
import org.carpsim.scenario.model.Segment;
import org.carpsim.scenario.model.Timeline;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.MoveLimit;
import org.carpsim.sim.topology.Snooping;
import org.carpsim.sim.topology.PortPolicy;
import org.carpsim.sim.topology.SegmentKind;
import org.carpsim.sim.topology.SegmentSpec;

/**
 * Parses one scenario file in two passes. The first reads the structure (top-level lines, host
 * blocks, inline files) and the declarations (title, seed, profile, segments, hosts with their NICs,
 * run); the second resolves what refers to them (configuration lines for each host's profile, the
 * timeline, clients, expectations) and validates. Every mistake is collected; any error refuses the
 * whole file.
 */
final class FileParser {

  static final List<String> KEYWORDS =
      List.of("scenario", "seed", "profile", "segment", "switch", "host", "clients", "at", "run", "expect");
  private static final Set<String> HOST_COMMAND_WORDS = Set.of("ifconfig", "sysctl", "ucarp", "sudo", "doas");
  /** {@code sysctl -w} with no name (and nothing else). */
  private static final Pattern BARE_SYSCTL = Pattern.compile("\\s*(?:(?:sudo|doas)\\s+)?sysctl(?:\\s+-w)?\\s*");
  /** A lone {@code net.inet.carp.preempt=1} (a trailing comment allowed). */
  private static final Pattern SYSCTL_ITEM =
      Pattern.compile("\\s*[a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+=\\S*\\s*(?:#.*)?");
  static final int MAX_CLIENTS = 1_000_000;
  /** The longest line read: beyond it a line is refused unread (a 5 MB line once took 44 s and 3 GB to refuse). */
  static final int MAX_LINE = 65_536;
  /** The longest run: ten years of virtual time, far from where nanosecond arithmetic overflows. */
  static final long MAX_RUN = 87_600 * 3600 * 1_000_000_000L;

  final String file;
  final Diagnostics diag;
  private final String[] physical;
  private final List<String> physicalList;

  Optional<String> title = Optional.empty();
  private Line titleLine;
  long seed = Scenario.DEFAULT_SEED;
  private Line seedLine;
  Profile defaultProfile = Profiles.defaultProfile();
  private Line profileLine;
  long run = -1;
  private String runText;
  private Line runLine;
  /** A {@code run} line was written, even one refused: then the run is not also "missing". */
  private boolean runWritten;

  final Map<String, Segment> segments = new LinkedHashMap<>();
  final Map<String, HostDraft> hosts = new LinkedHashMap<>();
  private final Map<String, Origin> declaredNames = new LinkedHashMap<>();
  private final List<Line> clientLines = new ArrayList<>();
  private final List<Line> atLines = new ArrayList<>();
  private final List<Line> expectLines = new ArrayList<>();
  private int lastContentLine = 1;

  FileParser(String file, String text) {
    this.file = file;
    this.diag = new Diagnostics(file, Secrets.find(text));
    this.physical = physicalLines(text);
    for (int i = 0; i < physical.length; i++) {
      if (physical[i].length() > MAX_LINE) {
        diag.error(i + 1, 1, String.format(java.util.Locale.ROOT, "line too long: %,d characters (at most %,d); "
            + "it is not read", physical[i].length(), MAX_LINE));
        physical[i] = "";
      }
    }
    this.physicalList = Arrays.asList(physical);
  }

  /** {@code text.split("\r?\n", -1)} without the regex (a tenth of the time of a large file). */
  static String[] physicalLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int nl;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      lines.add(text.substring(start, nl > start && text.charAt(nl - 1) == '\r' ? nl - 1 : nl));
      start = nl + 1;
    }
    lines.add(text.substring(start));
    return lines.toArray(new String[0]);
  }

  Scenario parse() {
    readStructure();
    return resolve();
  }

  // ---------------------------------------------------------------------------------------------
  // Pass 1: structure and declarations

  private void readStructure() {
    HostDraft host = null;
    boolean inBrokenHost = false;
    int i = 0;
    while (i < physical.length) {
      String p = physical[i];
      if (p.isBlank()) {
        i++;
        continue;
      }
      lastContentLine = i + 1;
      boolean indented = Character.isWhitespace(p.charAt(0));
      boolean inHost = host != null || inBrokenHost;
      if (p.strip().startsWith("#") && !(inHost && indented && ShellPrompt.commandStart(p) > 0)) {
        i++; // a comment; comments never continue and never end a block
        continue;
      }
      int end = logicalEnd(i);
      LogicalLine ll = LogicalLines.join(physicalList.subList(i, end + 1), i + 1).get(0);
      lastContentLine = end + 1;
      int next = end + 1;
      if (!indented) {
        host = null;
        inBrokenHost = false;
        Line line = new Line(file, ll);
        try {
          Word k = line.nextOrNull();
          if (k != null && k.is("host")) {
            host = hostLine(line);
          } else if (k != null) {
            topLevel(line, k);
          }
        } catch (LineError e) {
          diag.error(line, e);
          if (line.firstWord() != null && line.firstWord().is("host")) {
            inBrokenHost = true;
          }
        }
      } else if (host != null) {
        next = hostLine(host, ll, i, next);
      } else if (inBrokenHost) {
        next = skipBrokenHostLine(ll, i, next);
      } else {
        diag.error(ll, firstNonBlank(ll.text()),
            "indented line outside a host block (only the lines of a 'host NAME' block are indented)");
      }
      i = next;
    }
  }

  /** Index of the last physical line of the logical line starting at {@code i}. */
  private int logicalEnd(int i) {
    int j = i;
    while (j + 1 < physical.length && continues(physical[j])) {
      j++;
    }
    int last = continues(physical[j]) ? j : j > i ? j - 1 : -1; // the last line that continues
    if (last >= 0 && isLastContent(last)) {
      // a shell would wait for the next line; a file that ends here never gives it
      diag.error(last + 1, physical[last].stripTrailing().length(), "'\\' continues this line, but the file ends "
          + "here (remove it, or add the rest of the line)");
    }
    return j;
  }

  /** Whether nothing but blank lines follows physical line {@code j}. */
  private boolean isLastContent(int j) {
    for (int k = j + 1; k < physical.length; k++) {
      if (!physical[k].isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** Whether a physical line ends in a continuation backslash, judged by {@link LogicalLines} itself. */
  private static boolean continues(String line) {
    return line.indexOf('\\') >= 0 && LogicalLines.join(List.of(line, ""), 1).size() == 1;
  }

  private static int firstNonBlank(String s) {
    int k = 0;
    while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
      k++;
    }
    return k;
  }

  private void topLevel(Line line, Word k) {
    switch (k.text()) {
      case "scenario" -> titleLine(line);
      case "seed" -> seedLine(line);
      case "profile" -> profileLine(line);
      case "segment" -> segmentLine(line, SegmentKind.HUB);
      case "switch" -> segmentLine(line, SegmentKind.LEARNING_SWITCH);
      case "clients" -> clientLines.add(line);
      case "at" -> atLines.add(line);
      case "expect" -> expectLines.add(line);
      case "run" -> runLine(line);
      case "nic", "file" -> throw new LineError(k.start(),
          "'" + k.text() + "' belongs to a host: indent it under a 'host NAME' line");
      case "end" -> throw new LineError(k.start(), "'end' without a 'file' line before it");
      default -> {
        if (looksLikeHostCommand(line.text(), k)) {
          throw new LineError(k.start(), "'" + k.text() + "' is a host command: indent it under a 'host NAME' line");
        }
        throw new LineError(k.start(), "unknown keyword '" + k.text() + "' (keywords: " + String.join(", ", KEYWORDS)
            + ")" + Values.didYouMean(k.text(), KEYWORDS));
      }
    }
  }

  private static boolean looksLikeHostCommand(String text, Word k) {
    return ShellPrompt.commandStart(text) > 0 || HOST_COMMAND_WORDS.contains(k.text())
        || k.text().matches("[A-Za-z_][A-Za-z0-9_]*=.*");
  }

  private void titleLine(Line line) {
    once(line, titleLine, "scenario");
    Word t = line.next("a title in double quotes");
    if (!t.quoted()) {
      throw new LineError(t.start(), "write the title in double quotes: scenario \"Two firewalls\"");
    }
    line.end(null);
    titleLine = line;
    title = Optional.of(t.text());
  }

  private void seedLine(Line line) {
    once(line, seedLine, "seed");
    Word w = line.next("a number");
    long s = Values.integer(w, "seed", 0, Long.MAX_VALUE);
    line.end(null);
    seedLine = line;
    seed = s;
  }

  private void profileLine(Line line) {
    once(line, profileLine, "profile");
    Word w = line.next("a profile name (" + String.join(", ", Profiles.names()) + ")");
    Profile p = profile(w);
    line.end(null);
    if (!hosts.isEmpty()) {
      throw new LineError(line.firstWord().start(), "the default profile must be set before the first host (host "
          + hosts.keySet().iterator().next() + " is declared above); or give the host its own: host NAME profile P");
    }
    profileLine = line;
    defaultProfile = p;
  }

  private static Profile profile(Word w) {
    try {
      return Profiles.byName(w.text());
    } catch (UnknownProfileException e) {
      throw new LineError(w.start(), e.getMessage());
    }
  }

  private void runLine(Line line) {
    once(line, runLine, "run");
    runWritten = true;
    Word w = line.next("a duration (e.g. 60s)");
    long d = Values.duration(w);
    if (d == 0) {
      throw new LineError(w.start(), "run 0s: a run must last longer than 0s");
    }
    if (d > MAX_RUN) {
      throw new LineError(w.start(), "run " + w.text() + ": too long (at most 87600h, ten years of virtual time)");
    }
    line.end(null);
    runLine = line;
    run = d;
    runText = w.text();
  }

  private void once(Line line, Line earlier, String keyword) {
    if (earlier != null) {
      throw new LineError(line.firstWord().start(), "'" + keyword + "' is given twice (first on line "
          + earlier.position(0).line() + ")");
    }
  }

  private void declareName(Line line, Word w, String what) {
    Origin earlier = declaredNames.get(w.text());
    if (earlier != null) {
      throw new LineError(w.start(), "'" + w.text() + "' is already declared on line " + earlier.line()
          + "; host and segment names must all differ");
    }
    declaredNames.put(w.text(), line.originOf(w.start(), w.text()));
  }

  private void segmentLine(Line line, SegmentKind kind) {
    String keyword = kind == SegmentKind.HUB ? "segment" : "switch";
    Word nameWord = line.next("a " + keyword + " name");
    String name = Values.name(nameWord, keyword);
    declareName(line, nameWord, keyword);
    Optional<Ipv4Prefix> v4 = Optional.empty();
    Optional<Ipv6Prefix> v6 = Optional.empty();
    Conditions conditions = new Conditions();
    long aging = kind == SegmentKind.LEARNING_SWITCH ? SegmentSpec.DEFAULT_MAC_AGING : 0;
    boolean agingGiven = false;
    MoveLimit moveLimit = MoveLimit.NONE;
    Snooping snooping = Snooping.OFF;
    boolean snoopingGiven = false;
    boolean querierGiven = false;
    List<String> options = new ArrayList<>(Conditions.OPTIONS);
    if (kind == SegmentKind.LEARNING_SWITCH) {
      options.add("mac-aging");
      options.add("mac-move-limit");
      options.add("snooping");
      options.add("querier");
    }
    // Register the name first, so that one bad option does not turn every use of it into an error.
    segments.put(name, new Segment(name, kind, v4, v6, LinkConditions.NONE, aging, MoveLimit.NONE, Snooping.OFF,
        line.origin()));
    for (Word w = line.nextOrNull(); w != null; w = line.nextOrNull()) {
      if (conditions.option(line, w)) {
        continue;
      }
      if (w.is("snooping") || w.is("querier")) {
        if (kind == SegmentKind.HUB) {
          throw new LineError(w.start(), w.text() + " is an option of a switch; a segment is a hub (write 'switch "
              + name + " …' for a learning switch)");
        }
        if (w.is("snooping")) {
          if (snoopingGiven) {
            throw new LineError(w.start(), "snooping is given twice");
          }
          snooping = snooping.withMode(snoopingMode(line.next(SNOOPING_MODES)));
          snoopingGiven = true;
        } else {
          if (querierGiven) {
            throw new LineError(w.start(), "querier is given twice");
          }
          snooping = snooping.withQuerier(onOff(line.next("on or off"), "querier"));
          querierGiven = true;
        }
      } else if (w.is("mac-move-limit")) {
        if (kind == SegmentKind.HUB) {
          throw new LineError(w.start(), "mac-move-limit is an option of a switch; a segment is a hub (write 'switch "
              + name + " …' for a learning switch)");
        }
        if (moveLimit.limits()) {
          throw new LineError(w.start(), "mac-move-limit is given twice");
        }
        moveLimit = moveLimit(line.next("N/T, e.g. 3/10s (more than N moves of one MAC within T shut the port)"));
      } else if (w.is("mac-aging")) {
        if (kind == SegmentKind.HUB) {
          throw new LineError(w.start(), "mac-aging is an option of a switch; a segment is a hub (write 'switch "
              + name + " …' for a learning switch)");
        }
        if (agingGiven) {
          throw new LineError(w.start(), "mac-aging is given twice");
        }
        Word v = line.next("a duration");
        aging = Values.duration(v);
        if (aging == 0) {
          throw new LineError(v.start(), "mac-aging must be longer than 0s");
        }
        agingGiven = true;
      } else if (!w.quoted() && (w.text().indexOf('/') >= 0 || Character.isDigit(w.text().charAt(0))
          || w.text().indexOf(':') >= 0)) {
        Object prefix = Values.prefix(w);
        if (prefix instanceof Ipv4Prefix p4) {
          if (v4.isPresent()) {
            throw new LineError(w.start(), keyword + " " + name + " already has the IPv4 subnet " + v4.get());
          }
          v4 = Optional.of(p4);
        } else {
          if (v6.isPresent()) {
            throw new LineError(w.start(), keyword + " " + name + " already has the IPv6 prefix " + v6.get());
          }
          v6 = Optional.of((Ipv6Prefix) prefix);
        }
      } else {
        throw new LineError(w.start(), "unknown " + keyword + " option '" + w.text() + "' (options: a subnet such as "
            + "172.16.0.0/24, " + String.join(", ", options) + ")" + Values.didYouMean(w.text(), options));
      }
    }
    segments.put(name, new Segment(name, kind, v4, v6, conditions.get(), aging, moveLimit, snooping, line.origin()));
  }

  /** What a switch's {@code snooping} option takes. */
  static final String SNOOPING_MODES = "linux-bridge, managed or off";

  /** {@code linux-bridge}, {@code managed} or {@code off}. */
  static Snooping.Mode snoopingMode(Word w) {
    for (Snooping.Mode mode : Snooping.Mode.values()) {
      if (w.is(Snooping.word(mode))) {
        return mode;
      }
    }
    throw new LineError(w.start(), "snooping takes " + SNOOPING_MODES + ", not '" + w.text() + "'"
        + Values.didYouMean(w.text(), List.of("linux-bridge", "managed", "off")));
  }

  /** {@code on} or {@code off}. */
  static boolean onOff(Word w, String what) {
    if (w.is("on") || w.is("off")) {
      return w.is("on");
    }
    throw new LineError(w.start(), what + " takes on or off, not '" + w.text() + "'");
  }

  /** {@code N/T}: more than N moves (1..1000) of one MAC within T (above 0s) shut the port it moved to. */
  private static MoveLimit moveLimit(Word v) {
    int slash = v.text().indexOf('/');
    if (slash < 0) {
      throw new LineError(v.start(), "mac-move-limit takes N/T, e.g. 3/10s, not '" + v.text() + "'");
    }
    int moves = (int) Values.integer(new Word(v.text().substring(0, slash), v.start(), v.start() + slash, false),
        "mac-move-limit moves", 1, 1000);
    long window = Values.duration(new Word(v.text().substring(slash + 1), v.start() + slash + 1, v.end(), false));
    if (window == 0) {
      throw new LineError(v.start() + slash + 1, "the mac-move-limit window must be longer than 0s");
    }
    return new MoveLimit(moves, window);
  }

  /** A {@code host NAME [profile P]} line; a {@link LineError} when its name is unusable. */
  private HostDraft hostLine(Line line) {
    Word nameWord = line.next("a host name");
    String name = Values.name(nameWord, "host");
    declareName(line, nameWord, "host");
    Profile profile = defaultProfile;
    boolean given = false;
    LineError later = null;
    Word w = line.nextOrNull();
    if (w != null) {
      if (!w.is("profile")) {
        later = new LineError(w.start(), "unexpected '" + w.text() + "' (expected 'profile P' or the end of the line)");
      } else {
        try {
          Word p = line.next("a profile name (" + String.join(", ", Profiles.names()) + ")");
          profile = profile(p);
          given = true;
          line.end(null);
        } catch (LineError e) {
          later = e;
        }
      }
    }
    HostDraft h = new HostDraft(name, line, line.origin(), later == null ? profile : null, given);
    hosts.put(name, h);
    if (later != null) {
      diag.error(line, later);
    }
    return h;
  }

  /** One indented line of a host block; returns the index of the next physical line. */
  private int hostLine(HostDraft host, LogicalLine ll, int i, int next) {
    List<LogicalLine> typed = ShellPrompt.commands(ll);
    if (!typed.isEmpty()) {
      typed.forEach(cmd -> shellLine(host, cmd));
      return next;
    }
    Line line = new Line(file, ll);
    try {
      Word k = line.nextOrNull();
      if (k == null) {
        return next;
      }
      if (k.is("nic")) {
        nicLine(host, line);
        return next;
      }
      if (k.is("file")) {
        return fileBlock(host, line, i);
      }
      if (k.is("end")) {
        throw new LineError(k.start(), "'end' without a 'file' line before it");
      }
      if (k.is("profile")) {
        throw new LineError(k.start(), "a host's profile goes on its host line: host " + host.name + " profile P");
      }
      if (!k.quoted() && KEYWORDS.contains(k.text())) {
        throw new LineError(k.start(), "'" + k.text() + "' cannot be inside host " + host.name
            + ": write it at the start of the line (indented lines belong to the host above)");
      }
    } catch (LineError e) {
      diag.error(line, e);
      return next;
    }
    shellLine(host, ll);
    return next;
  }

  /**
   * A configuration line of a host. A sysctl name alone on the line right below a bare {@code sysctl
   * -w} belongs to it: the carp(4) page renders {@code # sysctl -w net.inet.carp.preempt=1} broken so.
   */
  private static void shellLine(HostDraft host, LogicalLine line) {
    if (SYSCTL_ITEM.matcher(line.text()).matches() && !host.raw.isEmpty()
        && host.raw.get(host.raw.size() - 1) instanceof HostDraft.ShellLine previous
        && BARE_SYSCTL.matcher(previous.command().text()).matches()
        && previous.command().position(previous.command().text().length()).line() == line.firstLine() - 1) {
      LogicalLine item = line.from(firstNonBlank(line.text()));
      String head = previous.command().text().stripTrailing();
      host.raw.set(host.raw.size() - 1,
          new HostDraft.ShellLine(previous.command().slice(0, head.length()).append(" ", item)));
      return;
    }
    host.raw.add(new HostDraft.ShellLine(line));
  }

  /** Inside a host whose line was refused: keep the block together, check nothing. */
  private int skipBrokenHostLine(LogicalLine ll, int i, int next) {
    Line line = new Line(file, ll);
    try {
      Word k = line.nextOrNull();
      if (k != null && k.is("file")) {
        return fileBlock(null, line, i);
      }
    } catch (LineError e) {
      // the host is already refused; its lines are not judged
    }
    return next;
  }

  /** The group MACs of 224.0.0.18 and ff02::12, where CARP (and VRRP) advertise: what {@code drop-in carp} drops. */
  private static final List<Long> CARP_MULTICAST = List.of(0x0100_5e00_0012L, 0x3333_0000_0012L);

  /** What {@code drop-in}/{@code drop-out} drops: carp (CARP's group MACs) or one destination MAC. */
  static List<Long> dropped(Word v) {
    return v.is("carp") ? CARP_MULTICAST : List.of(Values.mac(v).value());
  }

  private void nicLine(HostDraft host, Line line) {
    Word nameWord = line.next("a NIC name (e.g. em0)");
    String name = Values.nicName(nameWord);
    if (host.hasNicDraft(name)) {
      throw new LineError(nameWord.start(), "host " + host.name + " already has a NIC " + name);
    }
    Word segWord = line.next("the segment the NIC is on");
    List<Word> addresses = new ArrayList<>();
    Optional<Word> macWord = Optional.empty();
    Optional<MacAddress> mac = Optional.empty();
    Conditions conditions = new Conditions();
    List<String> options = new ArrayList<>(Conditions.OPTIONS);
    options.add(0, "mac");
    options.addAll(List.of("forged-transmits", "promiscuous", "drop-in", "drop-out"));
    Boolean forged = null;
    Boolean promiscuous = null;
    Set<Long> dropIn = new LinkedHashSet<>();
    Set<Long> dropOut = new LinkedHashSet<>();
    for (Word w = line.nextOrNull(); w != null; w = line.nextOrNull()) {
      if (conditions.option(line, w)) {
        continue;
      }
      if (w.is("drop-in") || w.is("drop-out")) {
        Word v = line.next("carp (CARP's and VRRP's multicast) or a destination MAC");
        List<Long> macs = dropped(v);
        if (!(w.is("drop-in") ? dropIn : dropOut).addAll(macs)) {
          throw new LineError(v.start(), w.text() + " " + v.text() + " is given twice");
        }
      } else if (w.is("forged-transmits") || w.is("promiscuous")) {
        if ((w.is("promiscuous") ? promiscuous : forged) != null) {
          throw new LineError(w.start(), w.text() + " is given twice");
        }
        Word v = line.next("accept or reject");
        if (!v.is("accept") && !v.is("reject")) {
          throw new LineError(v.start(), w.text() + " takes accept or reject, not '" + v.text() + "'");
        }
        if (w.is("promiscuous")) {
          promiscuous = v.is("accept");
        } else {
          forged = v.is("accept");
        }
      } else if (w.is("mac")) {
        if (mac.isPresent()) {
          throw new LineError(w.start(), "mac is given twice");
        }
        Word v = line.next("a MAC address (e.g. 02:00:00:00:01:01)");
        mac = Optional.of(Values.mac(v));
        macWord = Optional.of(v);
      } else if (!w.quoted() && !w.text().isEmpty() && (Character.isDigit(w.text().charAt(0))
          || w.text().indexOf(':') >= 0)) {
        addresses.add(w);
      } else {
        throw new LineError(w.start(), "unknown nic option '" + w.text() + "' (options: an address such as "
            + "172.16.0.1/24, " + String.join(", ", options) + ")" + Values.didYouMean(w.text(), options));
      }
    }
    PortPolicy policy = new PortPolicy(forged == null || forged, promiscuous == null || promiscuous, dropIn, dropOut);
    host.nicDrafts.add(new HostDraft.NicDraft(name, line, nameWord, segWord, addresses, macWord, mac,
        conditions.get(), policy, line.origin()));
  }

  /** {@code file PATH} and its raw lines up to {@code end}; returns the index after {@code end}. */
  private int fileBlock(HostDraft host, Line line, int i) {
    Word path = line.next("a file path (e.g. /etc/hostname.carp0)");
    line.end(null);
    int firstContent = i + 1;
    int j = firstContent;
    while (j < physical.length) {
      String p = physical[j];
      String t = p.strip();
      if (t.equals("end") || t.matches("end\\s+#.*")) {
        if (host != null) {
          host.raw.add(new HostDraft.FileBlock(path.text(), line, path,
              List.copyOf(physicalList.subList(firstContent, j)), firstContent + 1));
        }
        lastContentLine = j + 1;
        return j + 1;
      }
      if (!p.isEmpty() && !Character.isWhitespace(p.charAt(0))) {
        String first = t.split("\\s+", 2)[0];
        if (KEYWORDS.contains(first)) {
          break; // the block ran into the next top-level line: 'end' was forgotten
        }
      }
      j++;
    }
    if (host != null) {
      host.configRefused = true;
    }
    diag.error(line, line.firstWord().start(), "file " + path.text() + ": no 'end' line closes this block"
        + (j < physical.length ? " (it must end before line " + (j + 1) + ")" : ""));
    return j;
  }

  /**
   * The stand-in host of the {@code clients} line on {@code segment} whose {@code from} subnet is
   * {@code subnet} as written: how a partition places a client population on a side. The clients
   * lines are read after the timeline (they avoid the addresses it configures), so they are matched
   * by their words here.
   */
  String clientsFrom(String segment, String subnet, int offset) {
    for (int i = 0; i < clientLines.size(); i++) {
      String[] words = clientLines.get(i).text().strip().split("\\s+");
      for (int k = 2; k + 1 < words.length; k++) {
        if (words[1].equals(segment) && words[k].equals("from") && words[k + 1].equals(subnet)) {
          return ClientPopulation.hostName(i + 1);
        }
      }
    }
    throw new LineError(offset, "no clients line on segment " + segment + " takes its addresses from " + subnet
        + " (a partition names hosts, host.nic NICs, or the from subnet of a clients line)");
  }

  // ---------------------------------------------------------------------------------------------
  // Pass 2: references and validation

  private Scenario resolve() {
    new NicResolver(this).resolve();
    HostConfigResolver configs = new HostConfigResolver(this);
    configs.parseConfigurations();
    TimelineParser timelineParser = new TimelineParser(this);
    List<TimelineParser.Parsed> parsedTimeline = new ArrayList<>();
    for (Line l : atLines) {
      timelineParser.parse(l).ifPresent(parsedTimeline::add);
    }
    configs.collectInterfaces(parsedTimeline);
    configs.checkInterfaces(parsedTimeline);
    List<Host> hostList = new ArrayList<>();
    for (HostDraft h : hosts.values()) {
      if (h.profile != null) {
        hostList.add(new Host(h.name, h.profile, h.profileGiven, h.nics, h.config, List.copyOf(h.carpInterfaces),
            List.copyOf(h.vhids), h.origin));
      }
    }
    ClientsParser clientsParser = new ClientsParser(this, configs.configuredAddresses(parsedTimeline));
    List<ClientPopulation> clients = new ArrayList<>();
    for (int i = 0; i < clientLines.size(); i++) {
      clientsParser.parse(clientLines.get(i), i + 1, clients).ifPresent(clients::add);
    }
    if (run < 0 && !runWritten) {
      diag.error(lastContentLine, 1, "missing 'run DURATION': how long the scenario runs in virtual time "
          + "(e.g. run 60s)");
    }
    List<ScheduledLine> schedule = timelineParser.schedule(parsedTimeline);
    List<Nic> nics = hosts.values().stream().flatMap(h -> h.nics.stream()).toList();
    List<TimelineEvent> timeline = Timeline.draw(schedule, seed, List.copyOf(segments.values()), nics);
    timelineParser.warnAbout(timeline, seed);
    ExpectationParser expectationParser = new ExpectationParser(this, clients);
    List<Expectation> expectations = new ArrayList<>();
    for (Line l : expectLines) {
      expectationParser.parse(l).ifPresent(expectations::add);
    }
    if (diag.hasErrors()) {
      throw new ScenarioException(diag.errors(), diag.warnings());
    }
    return new Scenario(file, title, seed, defaultProfile, List.copyOf(segments.values()), hostList, clients,
        schedule, timeline, run, expectations, diag.warnings());
  }

  /** Warns when {@code instant}, written as {@code w} after {@code what}, is after the end of the run. */
  void warnAfterRun(Line line, Word w, long instant, String what) {
    warnLate(line, w.start(), instant, what + " " + w.text());
  }

  /** Warns when {@code instant}, described as {@code shown}, is after the end of the run. */
  void warnLate(Line line, int offset, long instant, String shown) {
    if (run >= 0 && instant > run) {
      diag.warn(line, offset, shown + " is after the end of the run (run " + runText + ")");
    }
  }

  /** The host called {@code w}, or a {@link LineError} naming the hosts and the nearest one. */
  HostDraft host(Word w) {
    HostDraft h = hosts.get(w.text());
    if (h == null) {
      throw new LineError(w.start(), "unknown host '" + w.text() + "' (hosts: " + Values.list(hosts.keySet()) + ")"
          + Values.didYouMean(w.text(), hosts.keySet()));
    }
    return h;
  }

  /** The segment called {@code w}, or a {@link LineError} naming the segments and the nearest one. */
  Segment segment(Word w) {
    return segment(w, w.text(), w.start());
  }

  Segment segment(Word w, String name, int offset) {
    Segment s = segments.get(name);
    if (s == null) {
      throw new LineError(offset, "unknown segment '" + name + "' (segments: " + Values.list(segments.keySet()) + ")"
          + Values.didYouMean(name, segments.keySet()));
    }
    return s;
  }
}
