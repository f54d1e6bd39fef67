package org.carpsim.scenario.sweep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.scenario.model.ConfigLine;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.Origin;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.ScheduledLine;
import org.carpsim.scenario.model.Segment;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.topology.LinkConditions;

/**
 * What in a scenario is drawn from the seed, so that runs with different seeds can differ.
 *
 * <p>The draws of a run are: an {@code at A..B} line's instant; every frame's loss, jitter and
 * duplication on a segment or NIC cable whose conditions have them (from the start or from a timeline
 * change); the MAC of {@code ifconfig … lladdr random}; a ucarp daemon's start-up and up-script run
 * times. Hosts draw nothing else that changes states or times: their other draws are packet identifiers (IP ID, the CARP counter) and what depends on them
 * (checksums, HMACs). Without any of the above, every seed gives the same states at the same times.
 */
public final class SeedVariation {

  private SeedVariation() {}

  /**
   * Each source of seed-dependent behaviour in {@code s} (random instants, segments, NICs, timeline
   * changes, configuration lines), named by its line or element; empty when seeds cannot differ.
   */
  public static List<String> sources(Scenario s) {
    Set<String> out = new LinkedHashSet<>();
    for (ScheduledLine l : s.schedule()) {
      if (l.random()) {
        out.add(at(l.event().origin()) + " (a random instant)");
      }
    }
    for (Segment seg : s.segments()) {
      impairments(seg.conditions()).ifPresent(i -> out.add("segment " + seg.name() + ": " + i));
    }
    for (Nic n : s.nics()) {
      impairments(n.conditions()).ifPresent(i -> out.add("NIC " + n.qualifiedName() + ": " + i));
    }
    for (TimelineEvent e : s.timeline()) {
      if (e instanceof TimelineEvent.FaultAt f) {
        LinkConditions c = f.fault() instanceof Fault.SegmentConditions sc ? sc.conditions()
            : f.fault() instanceof Fault.NicConditions nc ? nc.conditions() : null;
        if (c != null) {
          impairments(c).ifPresent(i -> out.add(at(f.origin()) + " (then " + i + ")"));
        }
      } else if (e instanceof TimelineEvent.CommandAt c && randomLladdr(c.command())) {
        out.add(at(c.origin()) + " (lladdr random)");
      } else if (e instanceof TimelineEvent.CommandAt c && startsUcarp(c.command())) {
        out.add(at(c.origin()) + UCARP_TIMES);
      }
    }
    for (Host h : s.hosts()) {
      for (ConfigLine c : h.configuration()) {
        if (randomLladdr(c.parsed())) {
          out.add(at(c.origin()) + " (lladdr random)");
        }
        if (startsUcarp(c.parsed())) {
          out.add(at(c.origin()) + UCARP_TIMES);
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The note for a sweep over {@code seeds} seeds whose scenarios have {@code sources}: empty when
   * some source exists or there is only one seed.
   */
  public static Optional<String> note(List<String> sources, long seeds) {
    if (!sources.isEmpty() || seeds < 2) {
      return Optional.empty();
    }
    return Optional.of("every seed gives the same run: nothing in the scenario is drawn from the seed (no random "
        + "instant 'at A..B', no loss, jitter or duplicate, no 'lladdr random', no ucarp); only packet identifiers (IP ID, "
        + "CARP counter) differ, so the " + seeds + " runs of each combination repeat one result");
  }

  private static String at(Origin o) {
    return "line " + o.line() + ": " + o.text();
  }

  /** The random impairments of {@code c} ("loss, jitter"), or empty. */
  private static Optional<String> impairments(LinkConditions c) {
    List<String> out = new ArrayList<>();
    if (c.loss() > 0) {
      out.add("loss");
    }
    if (c.jitter() > 0) {
      out.add("jitter");
    }
    if (c.duplicate() > 0) {
      out.add("duplicate");
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", out));
  }

  private static final String UCARP_TIMES = " (ucarp's start-up and up-script times)";

  /** A ucarp daemon draws its start-up and each up-script's run time (the profile's distributions). */
  private static boolean startsUcarp(ParsedLine p) {
    return p.commands().stream().anyMatch(c -> c instanceof HostCommand.UcarpStart);
  }

  private static boolean randomLladdr(ParsedLine p) {
    return p.commands().stream().anyMatch(c -> c instanceof HostCommand.IfconfigSet set
        && set.settings().stream().anyMatch(IfSetting.LladdrRandom.class::isInstance));
  }
}
