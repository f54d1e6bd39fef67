package org.carpsim.scenario.model;

import org.carpsim.carp.config.ParsedLine;
import org.carpsim.sim.history.Fault;

/**
 * Something that happens at a virtual time: an {@code at T …} line, either a fault of the world or a
 * command typed on a host. {@link Scenario#timeline()} holds them sorted by time, lines with equal
 * times in file order. Faults are data (sim-core's {@link Fault}): the value the line schedules is
 * the value the world applies and the history records, so a new kind of fault needs no record here.
 */
public sealed interface TimelineEvent {

  /** The virtual time in nanoseconds from the start of the run. */
  long at();

  /** The {@code at} line. */
  Origin origin();

  /**
   * The line's verb as written: {@code command}, or the fault's ({@code crash}, {@code boot}, {@code
   * link}, {@code partition}, {@code heal}, {@code loss}, {@code latency}, {@code jitter}, {@code
   * duplicate}, {@code pause}, {@code timer-jitter}, {@code clock}).
   */
  String verb();

  /**
   * {@code at T crash|boot|link|partition|heal|loss|latency|jitter|duplicate|pause|timer-jitter|clock …}: a
   * fault at an instant.
   *
   * @param fault what the world applies; an impairment carries the target's complete conditions from
   *     this instant on (earlier changes applied in timeline order)
   * @param verb the line's keyword: an impairment line changes one of the conditions, and this says
   *     which
   */
  record FaultAt(long at, Fault fault, String verb, Origin origin) implements TimelineEvent {}

  /**
   * {@code at T host: COMMAND}: a command line typed on a host, parsed for the host's profile.
   *
   * @param host the host
   * @param command the commands of the line
   */
  record CommandAt(long at, String host, ParsedLine command, Origin origin) implements TimelineEvent {
    @Override
    public String verb() {
      return "command";
    }
  }
}
