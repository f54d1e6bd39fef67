package org.carpsim.scenario.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.carpsim.carp.config.ConfigParser;
import org.carpsim.carp.config.LogicalLine;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.Origin;
import org.carpsim.scenario.model.Segment;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Partition;

/**
 * Reads {@code at T …} lines into {@link TimelineEvent}s, then sorts them (stably: equal times keep
 * file order), works out each impairment's resulting conditions, and warns about events that cannot
 * do anything (booting a running host, a command to a crashed one, healing an unsplit segment).
 */
final class TimelineParser {

  private static final List<String> ACTIONS =
      List.of("link", "crash", "boot", "partition", "heal", "latency", "jitter", "loss", "duplicate");

  /**
   * One parsed {@code at} line.
   *
   * @param event the event (an impairment's fault still has placeholder conditions)
   * @param line the {@code at} line
   * @param commandLine the command part of a host command, positions kept; null otherwise
   * @param change what an impairment does to its target's conditions; null otherwise
   */
  record Parsed(TimelineEvent event, Line line, LogicalLine commandLine, UnaryOperator<LinkConditions> change) {}

  /** What an impairment line changes: one of a segment's or a NIC's conditions. */
  private enum Impairment {
    LATENCY,
    JITTER,
    LOSS,
    DUPLICATE;

    String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final FileParser f;

  TimelineParser(FileParser f) {
    this.f = f;
  }

  Optional<Parsed> parse(Line l) {
    try {
      return parseLine(l);
    } catch (LineError e) {
      f.diag.error(l, e);
      return Optional.empty();
    }
  }

  private Optional<Parsed> parseLine(Line l) {
    Word tw = l.next("a time (e.g. 10s)");
    long at = Values.duration(tw);
    Word w = l.next("what happens: HOST: COMMAND, or " + String.join(", ", ACTIONS));
    int colonAt = w.quoted() ? -1 : w.text().indexOf(':');
    if (colonAt > 0) { // "fw1:" or "fw1:ifconfig"
      Word host = new Word(w.text().substring(0, colonAt), w.start(), w.start() + colonAt, false);
      return command(l, tw, at, host, w.start() + colonAt + 1);
    }
    Word colon = l.peek();
    if (colon != null && colon.text().startsWith(":") && !colon.quoted()) { // "fw1 :" or "fw1 :ifconfig"
      l.nextOrNull();
      return command(l, tw, at, w, colon.start() + 1);
    }
    Optional<Parsed> out = switch (w.quoted() ? "" : w.text()) {
      case "link" -> Optional.of(link(l, at));
      case "crash" -> Optional.of(simple(l, at, false));
      case "boot" -> Optional.of(simple(l, at, true));
      case "partition" -> Optional.of(partition(l, at));
      case "heal" -> Optional.of(heal(l, at));
      case "latency", "jitter", "loss", "duplicate" -> Optional.of(impair(l, at, w));
      default -> {
        if (f.hosts.containsKey(w.text())) {
          throw new LineError(w.end(), "missing ':' after the host name (at " + tw.text() + " " + w.text()
              + ": COMMAND)");
        }
        List<String> candidates = new ArrayList<>(ACTIONS);
        candidates.addAll(f.hosts.keySet());
        throw new LineError(w.start(), "unknown action '" + w.text() + "' (after 'at " + tw.text() + "': HOST: COMMAND, "
            + String.join(", ", ACTIONS) + ")" + Values.didYouMean(w.text(), candidates));
      }
    };
    f.warnAfterRun(l, tw, at, "at");
    return out;
  }

  private Optional<Parsed> command(Line l, Word tw, long at, Word hostWord, int start) {
    HostDraft h = f.host(hostWord);
    LogicalLine afterColon = l.logical().from(start);
    int lead = HostConfigResolver.firstNonBlank(afterColon.text());
    // the command as typed, without the blanks after "HOST:" (positions kept for errors)
    LogicalLine cmd = afterColon.from(lead);
    if (cmd.text().isBlank() || cmd.text().strip().startsWith("#")) {
      throw new LineError(start, "missing the command after '" + hostWord.text() + ":'");
    }
    if (h.profile == null) {
      return Optional.empty(); // the host line is refused already; its profile is unknown
    }
    ParsedLine p = HostConfigResolver.parseShell(ConfigParser.forProfile(h.profile), cmd, f.diag);
    if (p == null) {
      h.configRefused = true;
      return Optional.empty();
    }
    f.warnAfterRun(l, tw, at, "at");
    int first = l.firstWord().start();
    String shown = ShellText.withoutComment(p.redactedText());
    Origin o = l.originOf(first, l.text().substring(first, start) + (lead > 0 ? " " : "") + shown);
    return Optional.of(new Parsed(new TimelineEvent.CommandAt(at, h.name, p, o), l, cmd, null));
  }

  private Parsed link(Line l, long at) {
    Word t = l.next("a NIC (host.nic)");
    Nic nic = nic(t);
    Word state = l.next("up or down");
    if (!state.is("up") && !state.is("down")) {
      throw new LineError(state.start(), "expected up or down, not '" + state.text() + "'");
    }
    l.end(null);
    return fault(l, at, new Fault.Link(nic.qualifiedName(), state.is("up")), "link");
  }

  private Parsed simple(Line l, long at, boolean boot) {
    Word t = l.next("a host");
    HostDraft h = f.host(t);
    l.end(null);
    return boot ? fault(l, at, new Fault.Boot(h.name), "boot") : fault(l, at, new Fault.Crash(h.name), "crash");
  }

  private Parsed heal(Line l, long at) {
    Segment s = f.segment(l.next("a segment"));
    l.end(null);
    return fault(l, at, new Fault.Heal(s.name()), "heal");
  }

  private static Parsed fault(Line l, long at, Fault fault, String verb) {
    return new Parsed(new TimelineEvent.FaultAt(at, fault, verb, l.origin()), l, null, null);
  }

  private Parsed partition(Line l, long at) {
    Segment seg = f.segment(l.next("a segment"));
    List<Set<String>> sides = new ArrayList<>();
    Set<String> side = new LinkedHashSet<>();
    Map<String, String> nicSide = new HashMap<>(); // NIC → the member that placed it
    for (Word w = l.nextOrNull(); w != null; w = l.nextOrNull()) {
      if (w.is("|")) {
        if (side.isEmpty()) {
          throw new LineError(w.start(), "empty side before '|' (a side names hosts or host.nic NICs)");
        }
        sides.add(side);
        side = new LinkedHashSet<>();
        continue;
      }
      int offset = 0;
      for (String part : w.text().split(",", -1)) {
        if (!part.isEmpty()) {
          int at0 = w.start() + offset;
          for (String n : members(seg, part, at0)) {
            String earlier = nicSide.putIfAbsent(n, part);
            if (earlier != null) {
              throw new LineError(at0, part + (earlier.equals(part) ? " is named twice"
                  : " overlaps " + earlier + " (both take " + n + ")") + " in the partition");
            }
          }
          side.add(part);
        }
        offset += part.length() + 1;
      }
    }
    if (side.isEmpty()) {
      throw new LineError(l.endOffset(), sides.isEmpty() ? "missing the sides: partition " + seg.name()
          + " a b | c (hosts or host.nic NICs; unnamed NICs form one more side)" : "empty side after '|'");
    }
    sides.add(side);
    return fault(l, at, new Fault.Split(seg.name(), new Partition(sides)), "partition");
  }

  /** The NICs on {@code seg} that a partition member stands for. */
  private List<String> members(Segment seg, String member, int offset) {
    int dot = member.indexOf('.');
    if (dot >= 0) {
      Nic nic = nic(new Word(member, offset, offset + member.length(), false));
      if (!nic.segment().equals(seg.name())) {
        throw new LineError(offset, nic.qualifiedName() + " is on segment " + nic.segment() + ", not on " + seg.name());
      }
      return List.of(nic.qualifiedName());
    }
    HostDraft h = f.host(new Word(member, offset, offset + member.length(), false));
    List<String> out = h.nics.stream().filter(n -> n.segment().equals(seg.name())).map(Nic::qualifiedName).toList();
    if (out.isEmpty() && h.nicDrafts.stream().noneMatch(d -> d.segmentWord().text().equals(seg.name()))) {
      throw new LineError(offset, "host " + h.name + " has no NIC on segment " + seg.name());
    }
    return out;
  }

  private Parsed impair(Line l, long at, Word what) {
    Impairment imp = Impairment.valueOf(what.text().toUpperCase(Locale.ROOT));
    Word t = l.next("a segment or a NIC (host.nic)");
    String target;
    boolean onNic = t.text().indexOf('.') >= 0;
    target = onNic ? nic(t).qualifiedName() : f.segment(t).name();
    Word v = l.next(imp == Impairment.LOSS || imp == Impairment.DUPLICATE ? "a percentage (e.g. 30%)"
        : "a duration (e.g. 200us)");
    UnaryOperator<LinkConditions> change = switch (imp) {
      case LATENCY -> {
        long d = Values.duration(v);
        yield c -> c.withLatency(d);
      }
      case JITTER -> {
        long d = Values.duration(v);
        yield c -> c.withJitter(d);
      }
      case LOSS -> {
        double p = Values.probability(Values.percent(v, "loss"));
        yield c -> c.withLoss(p);
      }
      case DUPLICATE -> {
        double p = Values.probability(Values.percent(v, "duplicate"));
        yield c -> c.withDuplicate(p);
      }
    };
    l.end(null);
    // the conditions are the target's complete ones, known only in timeline order: finish() sets them
    Fault placeholder = onNic ? new Fault.NicConditions(target, LinkConditions.NONE)
        : new Fault.SegmentConditions(target, LinkConditions.NONE);
    return new Parsed(new TimelineEvent.FaultAt(at, placeholder, imp.keyword(), l.origin()), l, null, change);
  }

  /** {@code host.nic}: the host and a NIC of it. */
  private Nic nic(Word t) {
    int dot = t.text().indexOf('.');
    if (dot < 0) {
      throw new LineError(t.start(), "expected a NIC as host.nic (e.g. fw1.em0), not '" + t.text() + "'");
    }
    HostDraft h = f.host(new Word(t.text().substring(0, dot), t.start(), t.start() + dot, false));
    String name = t.text().substring(dot + 1);
    Optional<Nic> nic = h.nic(name);
    if (nic.isPresent()) {
      return nic.get();
    }
    if (h.hasNicDraft(name)) {
      throw new LineError(t.start() + dot + 1, "NIC " + t.text() + " is refused above");
    }
    if (Values.isCarpInterface(name)) {
      throw new LineError(t.start() + dot + 1, name + " is a carp interface, not a NIC (to take it down: at T "
          + h.name + ": ifconfig " + name + " down)");
    }
    List<String> names = h.nicNames().stream().map(n -> h.name + "." + n).toList();
    throw new LineError(t.start() + dot + 1, "unknown NIC '" + t.text() + "' (NICs of " + h.name + ": "
        + Values.list(h.nicNames()) + ")" + Values.didYouMean(t.text(), names));
  }

  // ---------------------------------------------------------------------------------------------

  /** Sorts the events, resolves impairments in time order, and warns about pointless ones. */
  List<TimelineEvent> finish(List<Parsed> parsed) {
    List<Parsed> sorted = new ArrayList<>(parsed);
    sorted.sort((a, b) -> Long.compare(a.event().at(), b.event().at())); // List.sort is stable
    Map<String, LinkConditions> conditions = new HashMap<>();
    f.segments.values().forEach(s -> conditions.put(s.name(), s.conditions()));
    f.hosts.values().forEach(h -> h.nics.forEach(n -> conditions.put(n.qualifiedName(), n.conditions())));
    Map<String, Long> crashedSince = new HashMap<>();
    Set<String> split = new HashSet<>();
    List<TimelineEvent> out = new ArrayList<>();
    for (Parsed p : sorted) {
      TimelineEvent e = p.event();
      String when = Durations.format(e.at());
      int here = p.line().firstWord().start();
      Fault fault = e instanceof TimelineEvent.FaultAt f ? f.fault() : null;
      if (fault instanceof Fault.SegmentConditions || fault instanceof Fault.NicConditions) {
        String target = fault instanceof Fault.SegmentConditions sc ? sc.segment() : ((Fault.NicConditions) fault).nic();
        LinkConditions c = p.change().apply(conditions.getOrDefault(target, LinkConditions.NONE));
        conditions.put(target, c);
        Fault complete = fault instanceof Fault.SegmentConditions ? new Fault.SegmentConditions(target, c)
            : new Fault.NicConditions(target, c);
        e = new TimelineEvent.FaultAt(e.at(), complete, e.verb(), e.origin());
      } else if (fault instanceof Fault.Crash c) {
        Long since = crashedSince.putIfAbsent(c.host(), e.at());
        if (since != null) {
          f.diag.warn(p.line(), here, "crash " + c.host() + " at " + when + ": it is already crashed (since "
              + Durations.format(since) + ")");
        }
      } else if (fault instanceof Fault.Boot b) {
        if (crashedSince.remove(b.host()) == null) {
          f.diag.warn(p.line(), here, "boot " + b.host() + " at " + when + ": it is running; boot does nothing "
              + "(crash it first)");
        }
      } else if (e instanceof TimelineEvent.CommandAt c && crashedSince.containsKey(c.host())) {
        f.diag.warn(p.line(), here, c.host() + " is crashed at " + when + " (since "
            + Durations.format(crashedSince.get(c.host())) + "): a crashed host runs no commands");
      } else if (fault instanceof Fault.Split s) {
        split.add(s.segment());
      } else if (fault instanceof Fault.Heal h && !split.remove(h.segment())) {
        f.diag.warn(p.line(), here, "heal " + h.segment() + " at " + when + ": it is not partitioned then");
      }
      out.add(e);
    }
    return out;
  }
}
