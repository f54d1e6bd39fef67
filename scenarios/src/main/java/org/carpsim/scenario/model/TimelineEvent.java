package org.carpsim.scenario.model;

import java.util.Optional;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Partition;

/**
 * Something that happens at a virtual time: an {@code at T …} line. {@link Scenario#timeline()} holds
 * them sorted by time, lines with equal times in file order. Faults are data: every event but a host
 * command is a sim-core {@link Fault}.
 */
public sealed interface TimelineEvent {

  /** The virtual time in nanoseconds from the start of the run. */
  long at();

  /** The {@code at} line. */
  Origin origin();

  /** The fault the world applies, or empty for a host command. */
  Optional<Fault> fault();

  /**
   * {@code at T host: COMMAND}: a command line typed on a host, parsed for the host's profile.
   *
   * @param host the host
   * @param command the commands of the line
   */
  record Command(long at, String host, ParsedLine command, Origin origin) implements TimelineEvent {
    @Override
    public Optional<Fault> fault() {
      return Optional.empty();
    }
  }

  /** {@code at T link host.nic up|down}: carrier of a NIC (a cable pulled or put back). */
  record Link(long at, String host, String nic, boolean up, Origin origin) implements TimelineEvent {
    /** {@code host.nic}. */
    public String qualifiedNic() {
      return host + "." + nic;
    }

    @Override
    public Optional<Fault> fault() {
      return Optional.of(new Fault.Link(qualifiedNic(), up));
    }
  }

  /** {@code at T crash host}: power off, silent, state lost. */
  record Crash(long at, String host, Origin origin) implements TimelineEvent {
    @Override
    public Optional<Fault> fault() {
      return Optional.of(new Fault.Crash(host));
    }
  }

  /** {@code at T boot host}: power on; the host's NICs come up and its configuration runs again. */
  record Boot(long at, String host, Origin origin) implements TimelineEvent {
    @Override
    public Optional<Fault> fault() {
      return Optional.of(new Fault.Boot(host));
    }
  }

  /**
   * {@code at T partition SEG a b | c}: the segment splits into sides (members are hosts or
   * {@code host.nic}; NICs no side names form one more side).
   */
  record Split(long at, String segment, Partition partition, Origin origin) implements TimelineEvent {
    @Override
    public Optional<Fault> fault() {
      return Optional.of(new Fault.Split(segment, partition));
    }
  }

  /** {@code at T heal SEG}: the segment is one broadcast domain again. */
  record Heal(long at, String segment, Origin origin) implements TimelineEvent {
    @Override
    public Optional<Fault> fault() {
      return Optional.of(new Fault.Heal(segment));
    }
  }

  /** Which impairment an {@link Impair} event changes. */
  enum Impairment {
    LATENCY,
    JITTER,
    LOSS,
    DUPLICATE;

    /** The scenario keyword. */
    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * {@code at T loss|latency|jitter|duplicate TARGET VALUE}: one impairment of a segment or of one
   * NIC's cable changes; the others keep their values.
   *
   * @param target a segment name, or {@code host.nic} when {@code onNic}
   * @param onNic true when the target is a NIC's cable
   * @param impairment what changes
   * @param value the value as written ({@code 30%}, {@code 200us})
   * @param conditions the target's complete conditions from this instant on (earlier changes applied
   *     in timeline order)
   */
  record Impair(long at, String target, boolean onNic, Impairment impairment, String value,
      LinkConditions conditions, Origin origin) implements TimelineEvent {
    @Override
    public Optional<Fault> fault() {
      return Optional.of(onNic ? new Fault.NicConditions(target, conditions)
          : new Fault.SegmentConditions(target, conditions));
    }
  }
}
