package org.carpsim.scenario.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.carp.config.UcarpOptions;
import org.carpsim.carp.profile.Range;
import org.carpsim.scenario.model.ConfigLine;
import org.carpsim.scenario.model.Diagnostic;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.Segment;
import org.carpsim.scenario.parse.ScenarioException;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.sim.topology.LinkConditions;

/**
 * Builds the scenario of one sweep combination: the base scenario with some knobs set. The records
 * are immutable, so each override rebuilds what it touches. A default profile is set by parsing the
 * text again with another {@code profile} line, so every configuration line is validated for the new
 * profile exactly as {@code carpsim check} would.
 */
public final class Overrides {

  private static final Pattern PROFILE_LINE = Pattern.compile("(?m)^profile[ \\t]+[^ \\t#\\r\\n]+");
  private static final Pattern FIRST_HOST = Pattern.compile("(?m)^host[ \\t]");
  private static final Pattern BLANK_LINE = Pattern.compile("(?m)^[ \\t]*$");

  private Overrides() {}

  /**
   * The scenario with {@code settings} applied, knob by knob.
   *
   * @param file the scenario's file name
   * @param text the scenario's text
   * @param base the scenario parsed from {@code text}
   * @param settings knob → value as written
   * @throws SweepException when a knob names what the scenario lacks, or a value is out of range
   */
  public static Scenario apply(String file, String text, Scenario base, Map<Knob, String> settings) {
    Scenario s = base;
    for (Map.Entry<Knob, String> e : settings.entrySet()) {
      if (e.getKey() instanceof Knob.DefaultProfile) {
        s = withDefaultProfile(file, text, e.getValue());
      }
    }
    for (Map.Entry<Knob, String> e : settings.entrySet()) {
      Object value = e.getKey().value(e.getValue());
      if (e.getKey() instanceof Knob.IfaceSetting k) {
        s = withIfaceSetting(s, k, (Integer) value);
      } else if (e.getKey() instanceof Knob.SegmentCondition k) {
        s = withSegmentCondition(s, k, value);
      }
    }
    return s;
  }

  /** The text parsed again with {@code profile NAME} (replacing the profile line, or a blank line before the first host). */
  static Scenario withDefaultProfile(String file, String text, String profile) {
    String line = "profile " + profile;
    String changed;
    Matcher m = PROFILE_LINE.matcher(text);
    if (m.find()) {
      changed = text.substring(0, m.start()) + line + text.substring(m.end());
    } else {
      Matcher host = FIRST_HOST.matcher(text);
      int limit = host.find() ? host.start() : text.length();
      Matcher blank = BLANK_LINE.matcher(text);
      // A blank line keeps every other line's number, so reports still quote the right lines.
      if (blank.find() && blank.start() < limit) {
        changed = text.substring(0, blank.start()) + line + text.substring(blank.end());
      } else {
        changed = line + "\n" + text;
      }
    }
    try {
      return ScenarioParser.parse(file, changed);
    } catch (ScenarioException e) {
      StringBuilder b = new StringBuilder("profile=" + profile + ": the scenario is not valid under this profile:");
      for (Diagnostic d : e.errors()) {
        b.append("\n  ").append(d);
      }
      throw new SweepException(b.toString());
    }
  }

  static Scenario withIfaceSetting(Scenario s, Knob.IfaceSetting k, int value) {
    Host host = s.host(k.host()).orElseThrow(() -> new SweepException(k.name() + ": no host " + k.host()
        + " in the scenario (hosts: " + String.join(", ", s.hosts().stream().map(Host::name).toList()) + ")"));
    boolean skew = k.field() == Knob.IfaceSetting.Field.ADVSKEW;
    Range range = skew ? host.profile().knobs().advskew() : host.profile().knobs().advbase();
    if (!range.contains(value)) {
      throw new SweepException(k.name() + "=" + value + ": out of range for profile " + host.profile().name()
          + " (allowed " + range + ")");
    }
    List<ConfigLine> lines = new ArrayList<>(host.configuration());
    boolean rewritten = false;
    int lastSet = -1;
    int lastStep = -1;
    for (int i = 0; i < lines.size(); i++) {
      ConfigLine line = lines.get(i);
      List<ParsedLine.Step> steps = new ArrayList<>(line.steps());
      boolean changed = false;
      for (int j = 0; j < steps.size(); j++) {
        HostCommand c = steps.get(j).command();
        HostCommand n = c;
        if (c instanceof HostCommand.IfconfigSet set && set.ifname().equals(k.iface())) {
          List<IfSetting> settings = new ArrayList<>();
          for (IfSetting st : set.settings()) {
            if (skew && st instanceof IfSetting.Advskew) {
              settings.add(new IfSetting.Advskew(value));
            } else if (!skew && st instanceof IfSetting.Advbase) {
              settings.add(new IfSetting.Advbase(value));
            } else {
              settings.add(st);
            }
          }
          n = new HostCommand.IfconfigSet(set.ifname(), settings, set.address());
          lastSet = i;
          lastStep = j;
        } else if (c instanceof HostCommand.UcarpStart u && u.options().interfaceName().equals(Optional.of(k.iface()))) {
          n = new HostCommand.UcarpStart(ucarp(u.options(), skew, value));
        }
        if (!n.equals(c)) {
          steps.set(j, new ParsedLine.Step(n, steps.get(j).condition()));
          changed = true;
          rewritten = true;
        }
      }
      if (changed) {
        lines.set(i, new ConfigLine(line.origin(), new ParsedLine(line.parsed().redactedText(), steps,
            line.parsed().warnings()), line.file()));
      }
    }
    if (!rewritten && lastSet >= 0) {
      // No explicit setting to replace: the last ifconfig of the interface adds one.
      ConfigLine line = lines.get(lastSet);
      List<ParsedLine.Step> steps = new ArrayList<>(line.steps());
      HostCommand.IfconfigSet set = (HostCommand.IfconfigSet) steps.get(lastStep).command();
      List<IfSetting> settings = new ArrayList<>(set.settings());
      settings.add(skew ? new IfSetting.Advskew(value) : new IfSetting.Advbase(value));
      steps.set(lastStep, new ParsedLine.Step(new HostCommand.IfconfigSet(set.ifname(), settings, set.address()),
          steps.get(lastStep).condition()));
      lines.set(lastSet, new ConfigLine(line.origin(), new ParsedLine(line.parsed().redactedText(), steps,
          line.parsed().warnings()), line.file()));
      rewritten = true;
    }
    if (!rewritten) {
      throw new SweepException(k.name() + ": host " + k.host() + "'s configuration never configures " + k.iface()
          + " (with ifconfig or ucarp)");
    }
    Host h = new Host(host.name(), host.profile(), host.profileGiven(), host.nics(), lines, host.carpInterfaces(),
        host.vhids(), host.origin());
    List<Host> hosts = s.hosts().stream().map(x -> x.name().equals(h.name()) ? h : x).toList();
    return new Scenario(s.file(), s.title(), s.seed(), s.defaultProfile(), s.segments(), hosts, s.clients(),
        s.schedule(), s.timeline(), s.duration(), s.expectations(), s.warnings());
  }

  private static UcarpOptions ucarp(UcarpOptions o, boolean skew, int value) {
    return new UcarpOptions(o.interfaceName(), o.sourceAddress(), o.vhid(), o.pass(), o.passfile(),
        o.virtualAddress(), skew ? o.advbase() : value, skew ? value : o.advskew(), o.deadRatio(), o.preempt(),
        o.neutral(), o.shutdown(), o.ignoreInterfaceState(), o.noMulticast(), o.multicastGroup(), o.upscript(),
        o.downscript(), o.extraParameter(), o.daemonize(), o.facility(), o.debug());
  }

  static Scenario withSegmentCondition(Scenario s, Knob.SegmentCondition k, Object value) {
    Segment seg = s.segment(k.segment()).orElseThrow(() -> new SweepException(k.name() + ": no segment "
        + k.segment() + " in the scenario (segments: "
        + String.join(", ", s.segments().stream().map(Segment::name).toList()) + ")"));
    Segment changed = new Segment(seg.name(), seg.kind(), seg.ipv4(), seg.ipv6(), set(seg.conditions(), k, value),
        seg.macAging(), seg.moveLimit(), seg.snooping(), seg.origin());
    List<Segment> segments = s.segments().stream().map(x -> x.name().equals(seg.name()) ? changed : x).toList();
    // Timeline impairments carry the segment's complete conditions, resolved again from the changed
    // segment: the knob's value lasts until the timeline changes that same impairment.
    return s.withSegments(segments);
  }

  private static LinkConditions set(LinkConditions c, Knob.SegmentCondition k, Object value) {
    return switch (k.field()) {
      case LOSS -> c.withLoss((Double) value);
      case LATENCY -> c.withLatency((Long) value);
      case JITTER -> c.withJitter((Long) value);
    };
  }
}
