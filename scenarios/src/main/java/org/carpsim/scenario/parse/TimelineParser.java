package org.carpsim.scenario.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carpsim.carp.config.ConfigParser;
import org.carpsim.carp.config.LogicalLine;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.scenario.model.ConditionChange;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.Origin;
import org.carpsim.scenario.model.ScheduledLine;
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

  /** The actions {@code for D} can undo. */
  private static final List<String> UNDONE = List.of("link", "crash", "partition", "tx-error");

  private static final List<String> ACTIONS = List.of("link", "crash", "boot", "partition", "heal", "latency",
      "jitter", "loss", "duplicate", "pause", "timer-jitter", "clock", "tx-error", "tx-ok", "switch", "nic");

  /** The longest pause and the largest clock step: a day (a suspended laptop, a clock set by hand). */
  static final long MAX_STALL = 24 * 3600 * Durations.SECOND;

  /** The largest timer jitter: a second (beyond it a host is paused, not late). */
  static final long MAX_TIMER_JITTER = Durations.SECOND;

  /** At most this many occurrences of one {@code every} line (issue 17: no unbounded input). */
  static final long MAX_REPETITIONS = 100_000;

  /** At most this many occurrences of all {@code at} lines of a file together. */
  static final long MAX_OCCURRENCES = 1_000_000;

  /**
   * When an {@code at} line happens.
   *
   * @param from the first occurrence's earliest instant
   * @param to its latest instant ({@code from} unless the line gives a window {@code A..B})
   * @param period the time between occurrences ({@code every P}), 0 for once
   * @param count how many occurrences
   */
  record When(long from, long to, long period, long count) {}

  /**
   * One parsed {@code at} line.
   *
   * @param event the event, at {@code when.from()} (an impairment's fault still has placeholder
   *     conditions)
   * @param line the {@code at} line
   * @param commandLine the command part of a host command, positions kept; null otherwise
   * @param change what an impairment does to its target's conditions; empty otherwise
   * @param when when the line happens
   * @param undo what {@code for D} does D after each occurrence; empty without {@code for}
   */
  record Parsed(TimelineEvent event, Line line, LogicalLine commandLine, Optional<ConditionChange> change, When when,
      Optional<ScheduledLine.FollowUp> undo) {

    Parsed(TimelineEvent event, Line line, LogicalLine commandLine, Optional<ConditionChange> change, When when) {
      this(event, line, commandLine, change, when, Optional.empty());
    }
  }

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

  /** The line of each scheduled event, by the event's origin (the same instance in every occurrence). */
  private final Map<Origin, Parsed> byOrigin = new IdentityHashMap<>();

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
    Word tw = l.next("a time (e.g. 10s, or a window 20s..21s)");
    When when = when(l, tw);
    Word forWord = l.peek() != null && l.peek().is("for") ? l.nextOrNull() : null;
    long hold = forWord == null ? 0 : holdFor(l, when);
    Word w = l.next("what happens: HOST: COMMAND, or " + String.join(", ", ACTIONS));
    int colonAt = w.quoted() ? -1 : w.text().indexOf(':');
    Word colon = l.peek();
    boolean command = colonAt > 0 || (colon != null && colon.text().startsWith(":") && !colon.quoted());
    if (forWord != null && !command && w.is("pause")) {
      throw new LineError(forWord.start(), "a pause ends by itself: its length is the duration after the host "
          + "(at T pause HOST D), not 'for D'");
    }
    if (forWord != null && (command || !UNDONE.contains(w.text()))) {
      throw new LineError(forWord.start(), "'for D' undoes " + String.join(", ", UNDONE) + " after D (link back, "
          + "boot, heal, tx-ok); " + (command ? "a host command" : "'" + w.text() + "'") + " has no undo: write the line "
          + "that undoes it on a line of its own");
    }
    if (colonAt > 0) { // "fw1:" or "fw1:ifconfig"
      Word host = new Word(w.text().substring(0, colonAt), w.start(), w.start() + colonAt, false);
      return command(l, tw, when, host, w.start() + colonAt + 1);
    }
    if (command) { // "fw1 :" or "fw1 :ifconfig"
      l.nextOrNull();
      return command(l, tw, when, w, colon.start() + 1);
    }
    Optional<Parsed> out = switch (w.quoted() ? "" : w.text()) {
      case "link" -> Optional.of(link(l, when));
      case "tx-error", "tx-ok" -> Optional.of(transmitErrors(l, when, w.is("tx-error")));
      case "crash" -> Optional.of(simple(l, when, false));
      case "boot" -> Optional.of(simple(l, when, true));
      case "partition" -> Optional.of(partition(l, when));
      case "heal" -> Optional.of(heal(l, when));
      case "latency", "jitter", "loss", "duplicate" -> Optional.of(impair(l, when, w));
      case "pause" -> Optional.of(pause(l, when));
      case "timer-jitter" -> Optional.of(timerJitter(l, when));
      case "clock" -> Optional.of(clockStep(l, when));
      case "switch" -> Optional.of(switchFeature(l, when));
      case "nic" -> Optional.of(portFilter(l, when));
      case "every", "until", "for" -> throw misplaced(w);
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
    warnLate(l, tw, when);
    return forWord == null ? out : out.map(p -> withUndo(p, hold));
  }

  /** {@code every}, {@code until} or {@code for} where it cannot be. */
  private static LineError misplaced(Word w) {
    return new LineError(w.start(), "'" + w.text() + "' comes right after the time: at T [every P [until U]] [for D] "
        + "... (e.g. at 10s every 30s until 5m for 2s link fw1.em0 down)");
  }

  /** Refuses anything left after an action, with the right place of a misplaced timing word. */
  private static void endOfAction(Line l) {
    Word w = l.peek();
    if (w != null && (w.is("every") || w.is("until") || w.is("for"))) {
      throw misplaced(w);
    }
    l.end(null);
  }

  /**
   * Reads {@code D} of {@code for D}: at least 1 ns and, on a repeated line, short enough (with the
   * window's width) that each occurrence is undone before the next one begins.
   */
  private static long holdFor(Line l, When when) {
    Word dw = l.next("how long until it is undone (e.g. for 2s)");
    long hold = Values.duration(dw);
    if (hold < 1) {
      throw new LineError(dw.start(), "for " + dw.text() + ": at least 1ns");
    }
    requireRoom(dw, hold, when, "for " + dw.text() + ": each occurrence must be undone");
    return hold;
  }

  /** Refuses a hold (a {@code for D}, a pause) that would last into the next occurrence of its line. */
  private static void requireRoom(Word dw, long hold, When when, String what) {
    long room = when.period() - (when.to() - when.from());
    if (when.period() > 0 && hold >= room) {
      throw new LineError(dw.start(), what + " before the next one begins (below "
          + Durations.format(Math.max(room, 0)) + ": the period"
          + (when.to() > when.from() ? " minus the window's width" : "") + ")");
    }
  }

  /** A duration within [min, max], or an error at its column naming the range. */
  private static long durationIn(Word w, String what, long min, long max) {
    long d = Values.duration(w);
    if (d < min || d > max) {
      throw new LineError(w.start(), what + " " + w.text() + ": out of range (" + Durations.format(min) + ".."
          + Durations.format(max) + ")");
    }
    return d;
  }

  /** {@code pause HOST D}: the host stops for D, as a stunned VM. */
  private Parsed pause(Line l, When at) {
    HostDraft h = f.host(l.next("a host"));
    Word dw = l.next("how long the host stays paused (e.g. 5s)");
    long duration = durationIn(dw, "pause", 1, MAX_STALL);
    requireRoom(dw, duration, at, "pause " + dw.text() + ": each pause must end");
    endOfAction(l);
    return fault(l, at, new Fault.Pause(h.name, duration), "pause");
  }

  /** {@code timer-jitter HOST D}: from now on the host's timers fire up to D late (0s: on time again). */
  private Parsed timerJitter(Line l, When at) {
    HostDraft h = f.host(l.next("a host"));
    Word dw = l.next("the most a timer fires late (e.g. 5ms; 0s for none)");
    long jitter = durationIn(dw, "timer-jitter", 0, MAX_TIMER_JITTER);
    endOfAction(l);
    return fault(l, at, new Fault.TimerJitter(h.name, jitter), "timer-jitter");
  }

  /** {@code clock HOST +D|-D}: the host's wall clock steps forward or back. */
  private Parsed clockStep(Line l, When at) {
    HostDraft h = f.host(l.next("a host"));
    Word sw = l.next("a signed step (e.g. +2s or -2s)");
    char sign = sw.text().charAt(0);
    if (sign != '+' && sign != '-') {
      throw new LineError(sw.start(), "clock " + sw.text() + ": the step needs its sign, +D (forward) or -D (back), "
          + "e.g. +2s");
    }
    Word magnitude = new Word(sw.text().substring(1), sw.start() + 1, sw.end(), false);
    long step = durationIn(magnitude, "clock step", 1, MAX_STALL);
    endOfAction(l);
    return fault(l, at, new Fault.ClockStep(h.name, sign == '-' ? -step : step), "clock");
  }

  /** {@code p} with the fault that undoes its own {@code hold} after each occurrence. */
  private static Parsed withUndo(Parsed p, long hold) {
    TimelineEvent.FaultAt f = (TimelineEvent.FaultAt) p.event();
    Fault undone;
    String verb;
    if (f.fault() instanceof Fault.Link link) {
      undone = new Fault.Link(link.nic(), !link.up());
      verb = "link";
    } else if (f.fault() instanceof Fault.TransmitErrors tx) {
      undone = new Fault.TransmitErrors(tx.nic(), !tx.failing());
      verb = "tx-ok";
    } else if (f.fault() instanceof Fault.Crash crash) {
      undone = new Fault.Boot(crash.host());
      verb = "boot";
    } else if (f.fault() instanceof Fault.Split split) {
      undone = new Fault.Heal(split.segment());
      verb = "heal";
    } else {
      throw new IllegalStateException("no undo for " + f.fault());
    }
    TimelineEvent.FaultAt undo = new TimelineEvent.FaultAt(f.at(), undone, verb, f.origin());
    return new Parsed(p.event(), p.line(), p.commandLine(), p.change(), p.when(),
        Optional.of(new ScheduledLine.FollowUp(hold, undo)));
  }

  /**
   * Reads {@code T}, or a window {@code A..B}, and an optional {@code every P [until U]}; refuses an
   * empty window, a period below 1 ns, and more than {@link #MAX_REPETITIONS} occurrences.
   */
  private When when(Line l, Word tw) {
    String text = tw.text();
    int dots = text.indexOf("..");
    long from;
    long to;
    if (dots < 0) {
      from = Values.duration(tw);
      to = from;
    } else {
      Word a = new Word(text.substring(0, dots), tw.start(), tw.start() + dots, false);
      Word b = new Word(text.substring(dots + 2), tw.start() + dots + 2, tw.end(), false);
      if (a.text().isEmpty() || b.text().isEmpty()) {
        throw new LineError(a.text().isEmpty() ? a.start() : b.start(), "missing the " + (a.text().isEmpty()
            ? "start" : "end") + " of the window '" + text + "' (at A..B: a random instant from A to B, e.g. at 20s..21s)");
      }
      from = Values.duration(a);
      to = Values.duration(b);
      if (to <= from) {
        throw new LineError(b.start(), "empty window '" + text + "': its end must be after its start (at A..B with "
            + "A < B; for a fixed instant write at " + a.text() + ")");
      }
    }
    Word next = l.peek();
    if (next == null || !next.is("every")) {
      return new When(from, to, 0, 1);
    }
    l.nextOrNull();
    Word pw = l.next("a period (e.g. every 30s)");
    long period = Values.duration(pw);
    if (period < 1) {
      throw new LineError(pw.start(), "every " + pw.text() + ": the period must be at least 1ns");
    }
    long end = f.run;
    Word uw = l.peek();
    if (uw != null && uw.is("until")) {
      l.nextOrNull();
      Word u = l.next("the last instant of the repetitions (e.g. until 5m)");
      long until = Values.duration(u);
      if (until < from) {
        throw new LineError(u.start(), "until " + u.text() + " is before the first instant " + Durations.format(from)
            + " (until must be from " + Durations.format(from) + " on)");
      }
      f.warnAfterRun(l, u, until, "until");
      end = end < 0 ? until : Math.min(end, until);
    }
    long count = end < from ? 1 : (end - from) / period + 1;
    if (count > MAX_REPETITIONS) {
      long least = (end - from) / MAX_REPETITIONS + 1; // the shortest period with at most MAX occurrences
      throw new LineError(pw.start(), "every " + pw.text() + " from " + Durations.format(from) + " to "
          + Durations.format(end) + " would happen " + count + " times; at most " + MAX_REPETITIONS
          + " times per line (a period of at least " + Durations.format(least) + " here, or an earlier until)");
    }
    return new When(from, to, period, count);
  }

  /** Warns when the line's first instant, or the end of its window, is after the end of the run. */
  private void warnLate(Line l, Word tw, When when) {
    if (when.from() == when.to()) {
      f.warnAfterRun(l, tw, when.from(), "at");
    } else if (f.run >= 0 && when.from() > f.run) {
      f.warnAfterRun(l, tw, when.from(), "at");
    } else {
      f.warnLate(l, tw.start(), when.to(), "the end of the window " + tw.text() + " (a draw after it never happens)");
    }
  }

  private Optional<Parsed> command(Line l, Word tw, When when, Word hostWord, int start) {
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
    warnLate(l, tw, when);
    int first = l.firstWord().start();
    String shown = ShellText.withoutComment(p.redactedText());
    Origin o = l.originOf(first, l.text().substring(first, start) + (lead > 0 ? " " : "") + shown);
    return Optional.of(new Parsed(new TimelineEvent.CommandAt(when.from(), h.name, p, o), l, cmd, Optional.empty(),
        when));
  }

  private Parsed link(Line l, When at) {
    Word t = l.next("a NIC (host.nic)");
    Nic nic = nic(t);
    Word state = l.next("up or down");
    if (!state.is("up") && !state.is("down")) {
      throw new LineError(state.start(), "expected up or down, not '" + state.text() + "'");
    }
    endOfAction(l);
    return fault(l, at, new Fault.Link(nic.qualifiedName(), state.is("up")), "link");
  }

  /** {@code tx-error HOST.NIC} / {@code tx-ok HOST.NIC}: the NIC's driver fails every transmit, or works again. */
  private Parsed transmitErrors(Line l, When at, boolean failing) {
    Word t = l.next("a NIC (host.nic)");
    Nic nic = nic(t);
    endOfAction(l);
    return fault(l, at, new Fault.TransmitErrors(nic.qualifiedName(), failing), failing ? "tx-error" : "tx-ok");
  }

  private Parsed simple(Line l, When at, boolean boot) {
    Word t = l.next("a host");
    HostDraft h = f.host(t);
    endOfAction(l);
    return boot ? fault(l, at, new Fault.Boot(h.name), "boot") : fault(l, at, new Fault.Crash(h.name), "crash");
  }

  /** {@code switch NAME snooping linux-bridge|managed|off} or {@code switch NAME querier on|off}. */
  private Parsed switchFeature(Line l, When at) {
    Word name = l.next("a switch");
    Segment s = f.segment(name);
    if (!s.isSwitch()) {
      throw new LineError(name.start(), s.name() + " is a hub ('segment'): only a switch snoops or has a querier");
    }
    Word feature = l.next("snooping or querier");
    Fault fault;
    if (feature.is("snooping")) {
      fault = new Fault.SwitchSnooping(s.name(), FileParser.snoopingMode(l.next(FileParser.SNOOPING_MODES)));
    } else if (feature.is("querier")) {
      fault = new Fault.SwitchQuerier(s.name(), FileParser.onOff(l.next("on or off"), "querier"));
    } else {
      throw new LineError(feature.start(), "a switch's snooping or querier changes at an instant, not '"
          + feature.text() + "' (at T switch " + s.name() + " snooping linux-bridge|managed|off, or querier on|off)");
    }
    endOfAction(l);
    return fault(l, at, fault, feature.text());
  }

  /** {@code nic HOST.NIC drop-in|drop-out carp|MAC|none}: the port's filter in one direction, replaced. */
  private Parsed portFilter(Line l, When at) {
    Nic nic = nic(l.next("a NIC (host.nic)"));
    Word direction = l.next("drop-in or drop-out");
    if (!direction.is("drop-in") && !direction.is("drop-out")) {
      throw new LineError(direction.start(), "a NIC's port filter changes at an instant: drop-in or drop-out, not '"
          + direction.text() + "' (at T nic " + nic.qualifiedName() + " drop-in carp|MAC|none)");
    }
    Word v = l.next("carp (CARP's and VRRP's multicast), a destination MAC, or none");
    Set<Long> macs = v.is("none") ? Set.of() : new LinkedHashSet<>(FileParser.dropped(v));
    endOfAction(l);
    return fault(l, at, new Fault.PortFilter(nic.qualifiedName(), direction.is("drop-in"), macs), "nic");
  }

  private Parsed heal(Line l, When at) {
    Segment s = f.segment(l.next("a segment"));
    endOfAction(l);
    return fault(l, at, new Fault.Heal(s.name()), "heal");
  }

  private static Parsed fault(Line l, When at, Fault fault, String verb) {
    return new Parsed(new TimelineEvent.FaultAt(at.from(), fault, verb, l.origin()), l, null, Optional.empty(), at);
  }

  private Parsed partition(Line l, When at) {
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
          // a subnet names the clients line that takes its addresses from it: its stand-in host
          String member = part.indexOf('/') >= 0 ? f.clientsFrom(seg.name(), part, at0) : part;
          List<String> nics = member.equals(part) ? members(seg, part, at0) : List.of(member + ".eth0");
          for (String n : nics) {
            String earlier = nicSide.putIfAbsent(n, part);
            if (earlier != null) {
              throw new LineError(at0, part + (earlier.equals(part) ? " is named twice"
                  : " overlaps " + earlier + " (both take " + n + ")") + " in the partition");
            }
          }
          side.add(member);
        }
        offset += part.length() + 1;
      }
    }
    if (side.isEmpty()) {
      throw new LineError(l.endOffset(), sides.isEmpty() ? "missing the sides: partition " + seg.name()
          + " a b | c (hosts, host.nic NICs or a clients line's from subnet; unnamed NICs form one more side)"
          : "empty side after '|'");
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

  private Parsed impair(Line l, When at, Word what) {
    Impairment imp = Impairment.valueOf(what.text().toUpperCase(Locale.ROOT));
    Word t = l.next("a segment or a NIC (host.nic)");
    String target;
    boolean onNic = t.text().indexOf('.') >= 0;
    target = onNic ? nic(t).qualifiedName() : f.segment(t).name();
    Word direction = l.peek();
    if (direction != null && (direction.is("in") || direction.is("out"))) {
      l.nextOrNull();
      if (imp != Impairment.LOSS || !onNic) {
        throw new LineError(direction.start(), "only a NIC's loss has a direction (at T loss HOST.NIC in|out P%), not "
            + (onNic ? imp.keyword() : "a segment's"));
      }
      Word p = l.next("a percentage (e.g. 30%)");
      double loss = Values.probability(Values.percent(p, "loss"));
      endOfAction(l);
      return fault(l, at, new Fault.PortLoss(target, direction.is("in"), loss), "loss");
    }
    Word v = l.next(imp == Impairment.LOSS || imp == Impairment.DUPLICATE ? "a percentage (e.g. 30%)"
        : "a duration (e.g. 200us)");
    ConditionChange change = switch (imp) {
      case LATENCY, JITTER -> new ConditionChange(imp.keyword(), Values.duration(v), 0);
      case LOSS, DUPLICATE -> new ConditionChange(imp.keyword(), 0,
          Values.probability(Values.percent(v, imp.keyword())));
    };
    endOfAction(l);
    // the conditions are the target's complete ones, known only in timeline order: Timeline.draw sets them
    Fault placeholder = onNic ? new Fault.NicConditions(target, LinkConditions.NONE)
        : new Fault.SegmentConditions(target, LinkConditions.NONE);
    return new Parsed(new TimelineEvent.FaultAt(at.from(), placeholder, imp.keyword(), l.origin()), l, null,
        Optional.of(change), at);
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

  /**
   * The parsed lines as scheduled lines, in file order; refuses a file whose lines happen more than
   * {@link #MAX_OCCURRENCES} times in all.
   */
  List<ScheduledLine> schedule(List<Parsed> parsed) {
    List<ScheduledLine> out = new ArrayList<>();
    Map<String, Integer> sameText = new HashMap<>();
    long occurrences = 0;
    for (Parsed p : parsed) {
      long events = p.when().count() * (p.undo().isPresent() ? 2 : 1);
      occurrences += events;
      if (occurrences > MAX_OCCURRENCES) {
        f.diag.error(p.line(), new LineError(p.line().firstWord().start(), "the at lines up to here happen "
            + occurrences + " times; at most " + MAX_OCCURRENCES + " in a file (fewer repetitions, or longer periods)"));
        occurrences -= events;
        continue;
      }
      String text = p.event().origin().text();
      int nth = sameText.merge(text, 1, Integer::sum);
      byOrigin.put(p.event().origin(), p);
      When w = p.when();
      out.add(new ScheduledLine(w.from(), w.to(), w.period(), w.count(), p.event(), p.change(), p.undo(),
          nth == 1 ? text : text + " #" + nth));
    }
    return out;
  }

  /**
   * Warns, once per line, about events that cannot do anything in {@code timeline} (the schedule
   * drawn with the file's seed): a crash of a crashed host, a boot of a running one, a command to a
   * crashed host, a heal of an unsplit segment. Where random instants decide the order, the warning
   * says which seed it was drawn with.
   */
  void warnAbout(List<TimelineEvent> timeline, long seed) {
    boolean drawn = byOrigin.values().stream().anyMatch(p -> p.when().to() > p.when().from());
    String withSeed = drawn ? " (instants drawn with seed " + seed + ")" : "";
    Map<String, Long> crashedSince = new HashMap<>();
    Set<String> split = new HashSet<>();
    Set<Parsed> warned = Collections.newSetFromMap(new IdentityHashMap<>());
    for (TimelineEvent e : timeline) {
      Parsed p = byOrigin.get(e.origin());
      String when = Durations.format(e.at());
      Fault fault = e instanceof TimelineEvent.FaultAt fa ? fa.fault() : null;
      String warning = null;
      if (fault instanceof Fault.Crash c) {
        Long since = crashedSince.putIfAbsent(c.host(), e.at());
        if (since != null) {
          warning = "crash " + c.host() + " at " + when + ": it is already crashed (since " + Durations.format(since) + ")";
        }
      } else if (fault instanceof Fault.Boot b) {
        if (crashedSince.remove(b.host()) == null) {
          warning = "boot " + b.host() + " at " + when + ": it is running; boot does nothing (crash it first)";
        }
      } else if (fault instanceof Fault.Pause pause && crashedSince.containsKey(pause.host())) {
        warning = "pause " + pause.host() + " at " + when + ": it is crashed (since "
            + Durations.format(crashedSince.get(pause.host())) + "); a crashed host cannot be paused";
      } else if (e instanceof TimelineEvent.CommandAt c && crashedSince.containsKey(c.host())) {
        warning = c.host() + " is crashed at " + when + " (since " + Durations.format(crashedSince.get(c.host()))
            + "): a crashed host runs no commands";
      } else if (fault instanceof Fault.Split s) {
        split.add(s.segment());
      } else if (fault instanceof Fault.Heal h && !split.remove(h.segment())) {
        warning = "heal " + h.segment() + " at " + when + ": it is not partitioned then";
      }
      if (warning != null && warned.add(p)) {
        f.diag.warn(p.line(), p.line().firstWord().start(), warning + withSeed);
      }
    }
  }
}
