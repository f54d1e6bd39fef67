package org.carpsim.sim.history;

import java.util.List;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Partition;

/**
 * A fault, as data (as in Jepsen): the same value is what a scenario schedules, what the world
 * applies ({@code World.apply(fault)}) and what the history records.
 */
public sealed interface Fault extends HistoryEvent {

  /** A fault of one host: the host is its one entity, named first in its details. */
  sealed interface OfHost extends Fault {
    /** The host the fault acts on. */
    String host();

    @Override
    default List<String> entities() {
      return List.of(host());
    }
  }

  /** A host powers off: silent, its timers die, no frames in or out, its state is lost. */
  record Crash(String host) implements OfHost {
    @Override
    public String kind() {
      return "crash";
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(host);
    }
  }

  /** A host powers on: its stack starts again from nothing. */
  record Boot(String host) implements OfHost {
    @Override
    public String kind() {
      return "boot";
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(host);
    }
  }

  /** A NIC's link (carrier) goes down, a cable pulled, or comes back up. */
  record Link(String nic, boolean up) implements Fault {
    @Override
    public String kind() {
      return "link";
    }

    @Override
    public List<String> entities() {
      return List.of(nic, FrameTransmitted.hostOf(nic));
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(nic).append(up ? " up" : " down");
    }
  }

  /**
   * A NIC's transmit path fails ({@code failing}): its driver refuses every frame with ENOBUFS, as
   * a NIC whose send queue is stuck; the host's stack sees each send fail. Or it works again.
   */
  record TransmitErrors(String nic, boolean failing) implements Fault {
    @Override
    public String kind() {
      return failing ? "tx-error" : "tx-ok";
    }

    @Override
    public List<String> entities() {
      return List.of(nic, FrameTransmitted.hostOf(nic));
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(nic);
    }
  }

  /** A segment splits into sides; frames cross only within a side. Replaces an earlier split. */
  record Split(String segment, Partition partition) implements Fault {
    @Override
    public String kind() {
      return "partition";
    }

    @Override
    public List<String> entities() {
      return List.of(segment);
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(segment).append(' ').append(partition);
    }
  }

  /** A split segment becomes one broadcast domain again. */
  record Heal(String segment) implements Fault {
    @Override
    public String kind() {
      return "heal";
    }

    @Override
    public List<String> entities() {
      return List.of(segment);
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(segment);
    }
  }

  /** A segment's latency, jitter, loss or duplication changes. */
  record SegmentConditions(String segment, LinkConditions conditions) implements Fault {
    @Override
    public String kind() {
      return "conditions";
    }

    @Override
    public List<String> entities() {
      return List.of(segment);
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(segment).append(' ').append(conditions);
    }
  }

  /** One NIC's attachment (cable) gets new latency, jitter, loss or duplication. */
  record NicConditions(String nic, LinkConditions conditions) implements Fault {
    @Override
    public String kind() {
      return "conditions";
    }

    @Override
    public List<String> entities() {
      return List.of(nic, FrameTransmitted.hostOf(nic));
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(nic).append(' ').append(conditions);
    }
  }

  /**
   * A host stops running for {@code duration} ns, as a stunned, migrated or suspended VM: no timer
   * fires and frames wait in its NICs' receive rings; on resume the timers that fell due fire at
   * once, in their order, then what arrived is handed over in arrival order. Its state is kept.
   */
  record Pause(String host, long duration) implements OfHost {
    @Override
    public String kind() {
      return "pause";
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(host).append(' ').append(Durations.format(duration));
    }
  }

  /** A host's timers fire late from now on, by a uniform draw from 0 … {@code maxDelay} ns (0: on time). */
  record TimerJitter(String host, long maxDelay) implements OfHost {
    @Override
    public String kind() {
      return "timer-jitter";
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(host).append(' ').append(Durations.format(maxDelay));
    }
  }

  /**
   * A host's wall clock (gettimeofday) steps by {@code step} ns, forward or back (settimeofday, an
   * NTP step, a VM's clock set on resume). Monotonic clocks, and virtual time, do not move.
   */
  record ClockStep(String host, long step) implements OfHost {
    @Override
    public String kind() {
      return "clock";
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(host).append(' ').append(step < 0 ? "-" : "+").append(Durations.format(Math.abs(step)));
    }
  }

  /**
   * A learning switch's IGMP/MLD snooping is switched (off, or to a device's rules) from now on: a
   * configuration change or a firmware default. The memberships it learned are kept.
   */
  record SwitchSnooping(String segment, org.carpsim.sim.topology.Snooping.Mode mode) implements Fault {
    @Override
    public String kind() {
      return "snooping";
    }

    @Override
    public List<String> entities() {
      return List.of(segment);
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(segment).append(' ').append(org.carpsim.sim.topology.Snooping.word(mode));
    }
  }

  /** A learning switch's own IGMP/MLD querier starts (two start-up queries, then one every 125 s) or stops. */
  record SwitchQuerier(String segment, boolean on) implements Fault {
    @Override
    public String kind() {
      return "querier";
    }

    @Override
    public List<String> entities() {
      return List.of(segment);
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(segment).append(on ? " on" : " off");
    }
  }

  /**
   * The destinations a NIC's port drops in one direction are replaced from now on (an ACL, an eBPF
   * program or a vSwitch filter applied or removed): {@code in} for frames to the NIC, else for
   * frames it sends; empty for none.
   */
  record PortFilter(String nic, boolean in, java.util.Set<Long> destinations) implements Fault {
    public PortFilter {
      destinations = java.util.Set.copyOf(new java.util.TreeSet<>(destinations));
    }

    @Override
    public String kind() {
      return "port-filter";
    }

    @Override
    public List<String> entities() {
      return List.of(nic, FrameTransmitted.hostOf(nic));
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(nic).append(in ? " drop-in" : " drop-out");
      if (destinations.isEmpty()) {
        out.append(" none");
      }
      new java.util.TreeSet<>(destinations).forEach(d -> out.append(' ').append(org.carpsim.sim.frame.Macs.format(d)));
    }
  }

  /**
   * A NIC's port loses frames in one direction only, on top of its link's and its segment's loss:
   * {@code in} for frames to the NIC, else for frames it sends (the one-way loss of a split brain).
   */
  record PortLoss(String nic, boolean in, double loss) implements Fault {
    public PortLoss {
      if (!(loss >= 0 && loss <= 1)) {
        throw new IllegalArgumentException("port loss " + loss + ": 0 … 1");
      }
    }

    @Override
    public String kind() {
      return "port-loss";
    }

    @Override
    public List<String> entities() {
      return List.of(nic, FrameTransmitted.hostOf(nic));
    }

    @Override
    public void appendDetails(StringBuilder out) {
      out.append(nic).append(in ? " in" : " out").append(" loss=").append(loss);
    }
  }
}
