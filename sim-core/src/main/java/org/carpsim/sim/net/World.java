package org.carpsim.sim.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.carpsim.sim.engine.EngineStats;
import org.carpsim.sim.engine.Scheduler;
import org.carpsim.sim.engine.Timer;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.frame.Macs;
import org.carpsim.sim.history.DropReason;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.history.FrameDelivered;
import org.carpsim.sim.history.FrameDropped;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.history.FrameTransmitted;
import org.carpsim.sim.history.History;
import org.carpsim.sim.history.HistoryEntry;
import org.carpsim.sim.history.HistoryEvent;
import org.carpsim.sim.history.PortShut;
import org.carpsim.sim.random.RandomStreams;
import org.carpsim.sim.topology.HostSpec;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.NicSpec;
import org.carpsim.sim.topology.Partition;
import org.carpsim.sim.topology.PortPolicy;
import org.carpsim.sim.topology.SegmentSpec;
import org.carpsim.sim.topology.Topology;

/**
 * The simulated layer-2 world of one run: hosts, NICs and segments built from a {@link Topology},
 * on one {@link Scheduler}, with one seed and one {@link History}.
 *
 * <pre>{@code
 * World world = World.builder(topology).seed(42).frames(FrameRecording.ALL).build();
 * world.host("fw1").install(myStack);
 * world.schedule(Durations.parse("20s"), new Fault.Link("fw1.em0", false));
 * world.runUntil(Durations.parse("120s"));
 * world.history().toText();
 * }</pre>
 *
 * <h2>How a frame travels</h2>
 *
 * A frame sent by NIC {@code s} on segment {@code S} is refused (recorded as dropped, not sent) if
 * the host is crashed or the link is down. Otherwise it is recorded once as transmitted and crosses
 * {@code s}'s own cable: it may be lost there (for every receiver) or duplicated (every receiver
 * gets two copies), with the cable's probabilities. The segment then picks the receivers: a hub
 * every other NIC on the sender's side; a learning switch learns the source MAC on {@code s}'s port
 * and sends to the port learned for the destination MAC, or floods the side for broadcast,
 * multicast and unknown or aged-out destinations; a snooping switch sends an IP multicast frame only
 * to the ports its {@link Snooper} lets it reach, the others recorded as {@link DropReason#SNOOPED}
 * (unicast and broadcast never reach the snooper). Each receiver {@code r} is then dropped if its
 * host is crashed or its link down, else lost with probability {@code 1 - (1 - loss(S)) (1 -
 * loss(r))}, else delivered after
 *
 * <pre>
 *   latency(S) + latency(s) + U[0, jitter(s)] + latency(r) + U[0, jitter(S) + jitter(r)]
 * </pre>
 *
 * (a uniform integer draw, once per transmission for the sender's cable and once per delivery for
 * the rest), and possibly once more, with its own jitter draw, if duplicated (probability from
 * {@code S} and {@code r} as for loss). On arrival a frame is dropped if the receiving host crashed
 * or its link went down in flight. With no jitter, frames between two NICs arrive in the order they
 * were sent; with jitter they may be reordered, as with netem.
 *
 * <h2>Randomness</h2>
 *
 * Draws for a transmission come from the sending NIC's stream ({@code "nic fw1.em0"}), draws for
 * a delivery from the receiving NIC's stream, including those for the segment's own impairments:
 * so adding a host to a segment does not change the fate of any frame to the other hosts.
 *
 * <h2>Cost</h2>
 *
 * The copies of one transmission that reach their NICs at the same instant (all of them, on a
 * segment without jitter) are one event: one pooled event object (no allocation once the pool is
 * warm) and one heap insertion, which hands the frame to each NIC in turn. No per-frame work is
 * proportional to the number of hosts beyond the receivers themselves, except at {@link FrameRecording#ALL}, which records a drop for every NIC a frame does
 * not reach.
 */
public final class World {

  private final Topology topology;
  private final Scheduler scheduler;
  private final RandomStreams random;
  private final History history;
  private final boolean recordTransmissions;
  private final boolean recordDeliveries;
  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private final Map<String, Segment> segments = new LinkedHashMap<>();
  private final Map<String, Nic> nics = new LinkedHashMap<>();
  private final long[] dropCounts = new long[DropReason.values().length];
  private long transmitCount;
  private long deliverCount;
  private Delivery[] pool = new Delivery[64];
  private int pooled;
  /** Copies of the frame being forwarded, noted by {@link #offer} and armed by {@link #scheduleOffered}. */
  private Nic[] offeredNics = new Nic[64];
  private long[] offeredTimes = new long[64];
  private int offered;

  private World(Builder builder) {
    this.topology = builder.topology;
    this.scheduler = new Scheduler(1024);
    this.random = new RandomStreams(builder.seed);
    this.history = builder.history != null ? builder.history : new History(builder.frames, true);
    this.recordTransmissions = history.recordsTransmissions();
    this.recordDeliveries = history.recordsDeliveries();
    for (SegmentSpec spec : topology.segments()) {
      segments.put(spec.name(), new Segment(this, spec, segments.size()));
    }
    for (HostSpec spec : topology.hosts()) {
      hosts.put(spec.name(), new Host(this, spec.name(), scheduler.newGroup("host " + spec.name()),
          random.forEntity("host " + spec.name())));
    }
    for (NicSpec spec : topology.nics()) {
      Host host = hosts.get(spec.host());
      Segment segment = segments.get(spec.segment());
      Nic nic = new Nic(this, host, segment, spec, segment.nics.length,
          random.forEntity("nic " + spec.qualifiedName()));
      nic.refreshConditions();
      host.nics.add(nic);
      segment.attach(nic);
      nics.put(nic.qualifiedName(), nic);
    }
    for (Segment segment : segments.values()) {
      segment.split(List.of(List.of(segment.nics)), null);
      if (segment.spec.snooping().snoops() || segment.spec.snooping().querier()) {
        segment.snooper = new Snooper(this, segment, segment.spec.snooping());
      }
    }
  }

  /** A builder for a world over {@code topology}. */
  public static Builder builder(Topology topology) {
    return new Builder(topology);
  }

  /** Options of a world: seed, frame recording, or a history of one's own. */
  public static final class Builder {
    private final Topology topology;
    private long seed = 1;
    private FrameRecording frames = FrameRecording.ALL;
    private History history;

    private Builder(Topology topology) {
      this.topology = topology;
    }

    /** The run seed (default 1). */
    public Builder seed(long newSeed) {
      this.seed = newSeed;
      return this;
    }

    /** How much frame traffic to record (default {@link FrameRecording#ALL}). */
    public Builder frames(FrameRecording recording) {
      this.frames = recording;
      this.history = null;
      return this;
    }

    /** A history of one's own (with listeners, or not retaining frames); overrides {@link #frames}. */
    public Builder history(History ownHistory) {
      this.history = ownHistory;
      return this;
    }

    /** The world, all hosts up and all links up at time 0. */
    public World build() {
      return new World(this);
    }
  }

  // ---------------------------------------------------------------- accessors

  /** The topology the world was built from. */
  public Topology topology() {
    return topology;
  }

  /** The scheduler (the virtual clock and the event loop). */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** The run's random streams. */
  public RandomStreams random() {
    return random;
  }

  /** The run's history. */
  public History history() {
    return history;
  }

  /** The current virtual time. */
  public long now() {
    return scheduler.now();
  }

  /** The host called {@code name}. */
  public Host host(String name) {
    Host host = hosts.get(name);
    if (host == null) {
      topology.host(name); // throws, listing the hosts
    }
    return host;
  }

  /** The NIC called {@code host.nic}. */
  public Nic nic(String qualifiedName) {
    Nic nic = nics.get(qualifiedName);
    if (nic == null) {
      topology.nic(qualifiedName); // throws with the details
    }
    return nic;
  }

  /** The segment called {@code name}. */
  public Segment segment(String name) {
    Segment segment = segments.get(name);
    if (segment == null) {
      topology.segment(name); // throws, listing the segments
    }
    return segment;
  }

  /** All hosts, in declaration order. */
  public List<Host> hosts() {
    return List.copyOf(hosts.values());
  }

  /** All segments, in declaration order. */
  public List<Segment> segments() {
    return List.copyOf(segments.values());
  }

  /** All NICs, in declaration order. */
  public List<Nic> nics() {
    return List.copyOf(nics.values());
  }

  /** Events run, pending, virtual and wall time. */
  public EngineStats stats() {
    return scheduler.stats();
  }

  /** Frames put on the wire so far. */
  public long transmittedFrames() {
    return transmitCount;
  }

  /** Frames handed to a NIC so far (a duplicate counts twice). */
  public long deliveredFrames() {
    return deliverCount;
  }

  /** Frames dropped so far for {@code reason} (counted at every recording level). */
  public long droppedFrames(DropReason reason) {
    return dropCounts[reason.ordinal()];
  }

  /** Drop counts by reason. */
  public Map<DropReason, Long> dropCounts() {
    Map<DropReason, Long> counts = new EnumMap<>(DropReason.class);
    for (DropReason reason : DropReason.values()) {
      counts.put(reason, dropCounts[reason.ordinal()]);
    }
    return Collections.unmodifiableMap(counts);
  }

  // ---------------------------------------------------------------- running

  /** Runs the world until {@code instant}; see {@link Scheduler#runUntil}. */
  public long runUntil(long instant) {
    return scheduler.runUntil(instant);
  }

  /** Runs the world for {@code duration} nanoseconds. */
  public long runFor(long duration) {
    return scheduler.runFor(duration);
  }

  /** Records an upper-layer event at the current time. */
  public HistoryEntry record(HistoryEvent event) {
    return history.record(scheduler.now(), event);
  }

  // ---------------------------------------------------------------- faults

  /**
   * Applies a fault now, as the world's methods below do, and returns whether it changed anything
   * (faults that change nothing, like crashing a crashed host, are not recorded).
   */
  public boolean apply(Fault fault) {
    if (fault instanceof Fault.Crash crash) {
      return crash(host(crash.host()));
    } else if (fault instanceof Fault.Boot boot) {
      return boot(host(boot.host()));
    } else if (fault instanceof Fault.Link link) {
      return setCarrier(nic(link.nic()), link.up());
    } else if (fault instanceof Fault.TransmitErrors tx) {
      return setTransmitErrors(nic(tx.nic()), tx.failing());
    } else if (fault instanceof Fault.Split split) {
      partition(segment(split.segment()), split.partition());
      return true;
    } else if (fault instanceof Fault.Heal heal) {
      return heal(segment(heal.segment()));
    } else if (fault instanceof Fault.SegmentConditions c) {
      setConditions(segment(c.segment()), c.conditions());
      return true;
    } else if (fault instanceof Fault.NicConditions c) {
      setConditions(nic(c.nic()), c.conditions());
      return true;
    } else if (fault instanceof Fault.Pause p) {
      return pause(host(p.host()), p.duration());
    } else if (fault instanceof Fault.TimerJitter j) {
      setTimerJitter(host(j.host()), j.maxDelay());
      return true;
    } else if (fault instanceof Fault.ClockStep c) {
      stepClock(host(c.host()), c.step());
      return true;
    } else if (fault instanceof Fault.SwitchSnooping s) {
      Segment segment = segment(s.segment());
      return setSnooping(segment, segment.snooping().withMode(s.mode()), fault);
    } else if (fault instanceof Fault.SwitchQuerier q) {
      Segment segment = segment(q.segment());
      return setSnooping(segment, segment.snooping().withQuerier(q.on()), fault);
    } else if (fault instanceof Fault.PortFilter f) {
      Nic nic = nic(f.nic());
      nic.setDropped(f.in(), f.destinations());
      history.record(now(), f);
      return true;
    } else if (fault instanceof Fault.PortLoss f) {
      Nic nic = nic(f.nic());
      if (f.in()) {
        nic.portLossIn = f.loss();
      } else {
        nic.portLossOut = f.loss();
      }
      nic.refreshConditions();
      history.record(now(), f);
      return true;
    }
    throw new IllegalArgumentException("unknown fault " + fault);
  }

  /**
   * Schedules a fault at {@code instant}. Names (and a partition's sides) are checked now, so a
   * bad fault fails before the run starts.
   */
  public Timer schedule(long instant, Fault fault) {
    validate(fault);
    return scheduler.schedule(instant, () -> apply(fault));
  }

  /** Powers a host off: its timers die, frames to and from it are dropped. False if already down. */
  public boolean crash(Host host) {
    if (!host.up) {
      return false;
    }
    host.up = false;
    host.running = false;
    host.timers.suspend();
    Stall stall = host.stall;
    if (stall != null) { // a paused host loses what its rings held
      host.stall = null;
      stall.resume.cancel();
      for (Stall.Held h : stall.held) {
        if (h.frame() != null) {
          h.nic().heldFrames = 0;
          dropped(h.frameId(), h.nic(), DropReason.HOST_DOWN);
        }
      }
    }
    history.record(now(), new Fault.Crash(host.name));
    if (host.stack != null) {
      host.stack.onCrash(host);
    }
    return true;
  }

  /** Powers a crashed host on: its stack's {@link HostStack#onBoot} runs. False if already up. */
  public boolean boot(Host host) {
    if (host.up) {
      return false;
    }
    host.up = true;
    host.running = true;
    host.timers.resume();
    history.record(now(), new Fault.Boot(host.name));
    if (host.stack != null) {
      host.stack.onBoot(host);
    }
    return true;
  }

  /**
   * Takes a NIC's link down (cable pulled) or up. A learning switch forgets the MACs learned on a
   * port whose link goes down; the host's stack hears of it through {@link HostStack#onCarrier}
   * if the host is up. False if the link was already in that state.
   */
  public boolean setCarrier(Nic nic, boolean up) {
    if (nic.carrier == up) {
      return false;
    }
    nic.carrier = up;
    history.record(now(), new Fault.Link(nic.qualifiedName, up));
    Segment segment = nic.segment;
    if (!up && segment.learning) {
      segment.tables[nic.side].forgetPort(nic.port);
      if (segment.snooper != null) {
        segment.snooper.forgetPort(nic.port);
      }
    }
    Host host = nic.host;
    if (host.stall != null && host.stack != null) {
      HostStack stack = host.stack; // the link-state interrupt is handled on resume
      host.stall.held.add(new Stall.Held(nic, null, 0, () -> stack.onCarrier(nic, up)));
    } else if (host.up && host.stack != null) {
      host.stack.onCarrier(nic, up);
    }
    return true;
  }

  /**
   * Makes a NIC's driver fail every transmit, or work again; the host's stack hears of it through
   * {@link HostStack#onTransmitErrors} (on resume when paused, not while crashed). False if the NIC
   * was already in that state.
   */
  public boolean setTransmitErrors(Nic nic, boolean failing) {
    if (nic.transmitFails == failing) {
      return false;
    }
    nic.transmitFails = failing;
    history.record(now(), new Fault.TransmitErrors(nic.qualifiedName, failing));
    Host host = nic.host;
    if (host.stall != null && host.stack != null) {
      HostStack stack = host.stack;
      host.stall.held.add(new Stall.Held(nic, null, 0, () -> stack.onTransmitErrors(nic, failing)));
    } else if (host.up && host.stack != null) {
      host.stack.onTransmitErrors(nic, failing);
    }
    return true;
  }

  /**
   * Pauses a running host for {@code duration} ns, as a VM stun, a live migration or a suspend:
   * none of its timers fires and the frames that reach its NICs wait in their receive rings (at
   * most {@value Stall#RING_SLOTS} per NIC; later ones are dropped as {@link DropReason#RING_FULL}),
   * as do carrier changes and {@link #whenRunning} actions. On resume the timers that fell due fire
   * first, at once and in the order they would have fired (a resumed kernel runs its overdue
   * callouts), then the rest is handed over in arrival order, each frame recorded as delivered
   * then (a timer armed from outside during the pause fires after that, at the same instant). Pausing a paused host extends the pause if it ends later. The host keeps all its state.
   *
   * @return false if the host is crashed or already paused at least that long (nothing recorded)
   */
  public boolean pause(Host host, long duration) {
    if (duration <= 0) {
      throw new IllegalArgumentException("a pause lasts at least 1ns, not " + duration + "ns");
    }
    long until = now() + duration < now() ? Scheduler.NEVER : now() + duration;
    if (!host.up || (host.stall != null && host.stall.until >= until)) {
      return false;
    }
    host.running = false;
    host.timers.holdUntil(until);
    if (host.stall == null) {
      host.stall = new Stall(until, scheduler.newTimer(() -> resume(host)));
    }
    host.stall.until = until;
    host.stall.resume.armAt(until); // armed after the held timers: it runs after them
    history.record(now(), new Fault.Pause(host.name, duration));
    return true;
  }

  private void resume(Host host) {
    Stall stall = host.stall;
    host.stall = null;
    host.running = true;
    host.timers.release();
    for (Nic nic : host.nics) {
      nic.heldFrames = 0;
    }
    for (Stall.Held h : stall.held) {
      if (!host.up) {
        break;
      }
      if (h.frame() != null) {
        deliver(h.nic(), h.frame(), h.frameId());
      } else {
        h.action().run();
      }
    }
  }

  /** Runs {@code action} now, or when {@code host} resumes if it is paused (a command typed at its console). */
  public void whenRunning(Host host, Runnable action) {
    if (host.stall != null) {
      host.stall.held.add(new Stall.Held(null, null, 0, action));
    } else {
      action.run();
    }
  }

  /** From now on the host's timers fire late by up to {@code maxDelay} ns (see {@link Host#timerLateness()}). */
  public void setTimerJitter(Host host, long maxDelay) {
    if (maxDelay < 0) {
      throw new IllegalArgumentException("timer jitter " + maxDelay + "ns: at least 0");
    }
    host.timerJitter = maxDelay;
    history.record(now(), new Fault.TimerJitter(host.name, maxDelay));
  }

  /** Steps the host's wall clock ({@link Host#wallClock()}) by {@code step} ns; virtual time goes on. */
  public void stepClock(Host host, long step) {
    host.clockOffset += step;
    history.record(now(), new Fault.ClockStep(host.name, step));
  }

  /**
   * Splits a segment into sides (replacing any earlier split); frames cross only within a side.
   *
   * @throws org.carpsim.sim.topology.TopologyException if a side names something not on the segment
   */
  public void partition(Segment segment, Partition partition) {
    List<List<Nic>> sides = new ArrayList<>();
    for (List<NicSpec> side : topology.sides(segment.name, partition)) {
      List<Nic> members = new ArrayList<>();
      for (NicSpec spec : side) {
        members.add(nics.get(spec.qualifiedName()));
      }
      sides.add(members);
    }
    segment.split(sides, partition);
    history.record(now(), new Fault.Split(segment.name, partition));
  }

  /** Joins a split segment again. False if it was not split. */
  public boolean heal(Segment segment) {
    if (segment.partition == null) {
      return false;
    }
    segment.split(List.of(List.of(segment.nics)), null);
    history.record(now(), new Fault.Heal(segment.name));
    return true;
  }

  /** Changes a segment's latency, jitter, loss and duplication from now on. */
  public void setConditions(Segment segment, LinkConditions conditions) {
    segment.conditions = conditions;
    for (Nic nic : segment.nics) {
      nic.refreshConditions();
    }
    history.record(now(), new Fault.SegmentConditions(segment.name, conditions));
  }

  /** Changes one NIC link's latency, jitter, loss and duplication from now on. */
  public void setConditions(Nic nic, LinkConditions conditions) {
    nic.conditions = conditions;
    nic.refreshConditions();
    history.record(now(), new Fault.NicConditions(nic.qualifiedName, conditions));
  }

  private void validate(Fault fault) {
    if (fault instanceof Fault.OfHost f) {
      host(f.host());
    } else if (fault instanceof Fault.Link link) {
      nic(link.nic());
    } else if (fault instanceof Fault.TransmitErrors tx) {
      nic(tx.nic());
    } else if (fault instanceof Fault.Split split) {
      topology.sides(segment(split.segment()).name, split.partition());
    } else if (fault instanceof Fault.Heal heal) {
      segment(heal.segment());
    } else if (fault instanceof Fault.SegmentConditions c) {
      segment(c.segment());
    } else if (fault instanceof Fault.NicConditions c) {
      nic(c.nic());
    } else if (fault instanceof Fault.SwitchSnooping s) {
      if (!segment(s.segment()).learning) {
        throw new IllegalArgumentException("segment " + s.segment() + " is a hub: only a switch snoops");
      }
    } else if (fault instanceof Fault.PortFilter f) {
      nic(f.nic());
    } else if (fault instanceof Fault.PortLoss f) {
      nic(f.nic());
    } else if (fault instanceof Fault.SwitchQuerier q) {
      if (!segment(q.segment()).learning) {
        throw new IllegalArgumentException("segment " + q.segment() + " is a hub: only a switch has a querier");
      }
    }
  }

  /**
   * Switches a learning switch's IGMP/MLD snooping rules and its querier from now on; the
   * memberships it learned are kept. False if nothing changed (nothing recorded).
   */
  public boolean setSnooping(Segment segment, org.carpsim.sim.topology.Snooping snooping) {
    Fault cause = !segment.snooping().mode().equals(snooping.mode())
        ? new Fault.SwitchSnooping(segment.name, snooping.mode()) : new Fault.SwitchQuerier(segment.name, snooping.querier());
    return setSnooping(segment, snooping, cause);
  }

  private boolean setSnooping(Segment segment, org.carpsim.sim.topology.Snooping snooping, Fault cause) {
    if (segment.snooping().equals(snooping)) {
      return false;
    }
    if (!segment.learning) {
      throw new IllegalArgumentException("segment " + segment.name + " is a hub: only a switch snoops");
    }
    if (segment.snooper == null) {
      segment.snooper = new Snooper(this, segment, snooping);
    } else {
      segment.snooper.configure(snooping);
    }
    history.record(now(), cause);
    return true;
  }

  /**
   * A frame the switch itself sends (its querier's queries) to every port with carrier: it is not
   * recorded as transmitted by any NIC, only delivered (or dropped) at each port.
   */
  void fromSwitch(Segment segment, Frame frame) {
    long frameId = history.nextSequence();
    history.skip(1);
    long destination = frame.destination();
    for (Nic receiver : segment.nics) {
      offer(receiver, frameId, 0, destination);
    }
    scheduleOffered(frame, frameId);
  }

  // ---------------------------------------------------------------- the frame path

  /** Sends {@code frame} from {@code sender} now; see the class comment for what happens to it. */
  public void transmit(Nic sender, Frame frame) {
    if (!sender.host.up) {
      dropped(FrameDropped.NOT_SENT, sender, DropReason.HOST_DOWN);
      return;
    }
    if (!sender.carrier) {
      dropped(FrameDropped.NOT_SENT, sender, DropReason.CARRIER_DOWN);
      return;
    }
    if (sender.filtersOut && droppedOnTheWayOut(sender, frame)) {
      dropped(FrameDropped.NOT_SENT, sender, DropReason.PORT_POLICY);
      return;
    }
    Segment segment = sender.segment;
    long frameId = history.nextSequence();
    transmitCount++;
    if (recordTransmissions) {
      history.record(scheduler.now(), new FrameTransmitted(sender.qualifiedName, segment.name, frame));
    } else {
      history.skip(1);
    }
    SplittableRandom random = sender.random;
    long delay = sender.outLatency;
    if (sender.outJitter > 0) {
      delay += random.nextLong(sender.outJitter + 1);
    }
    if (sender.outLoss > 0 && random.nextDouble() < sender.outLoss) {
      dropped(frameId, sender, DropReason.LOSS); // lost on the sender's own cable: nobody gets it
      return;
    }
    boolean twice = sender.outDuplicate > 0 && random.nextDouble() < sender.outDuplicate;
    forward(sender, frame, frameId, delay);
    if (twice) {
      forward(sender, frame, frameId, delay);
    }
  }

  private void forward(Nic sender, Frame frame, long frameId, long delay) {
    Segment segment = sender.segment;
    Nic[] side = segment.sides[sender.side];
    if (segment.learning) {
      long now = scheduler.now();
      MacTable table = segment.tables[sender.side];
      long source = frame.source();
      if (!Macs.isGroup(source) && table.learn(source, sender.port, now)) {
        moved(segment, sender, source, now);
      }
      long destination = frame.destination();
      int port = Macs.isGroup(destination) ? -1 : table.lookup(destination, now, segment.macAging);
      if (port >= 0) {
        Nic target = segment.nics[port];
        if (target != sender) {
          offer(target, frameId, delay, destination);
        }
        notForwarded(segment, sender, target, frameId);
        scheduleOffered(frame, frameId);
        return;
      }
    }
    long destination = frame.destination();
    Snooper snooper = segment.snooper;
    if (snooper != null && destination != Macs.BROADCAST && Macs.isGroup(destination)
        && snooper.restricts(sender, frame, scheduler.now())) {
      long now = scheduler.now();
      for (Nic receiver : side) {
        if (receiver == sender) {
          continue;
        }
        if (snooper.forwardsTo(receiver.port, now)) {
          offer(receiver, frameId, delay, destination);
        } else {
          snooper.notForwarded(receiver);
          dropped(frameId, receiver, DropReason.SNOOPED);
        }
      }
    } else {
      for (Nic receiver : side) {
        if (receiver != sender) {
          offer(receiver, frameId, delay, destination);
        }
      }
    }
    if (segment.sides.length > 1) {
      partitioned(segment, sender, frameId);
    }
    scheduleOffered(frame, frameId);
  }

  /** Whether a filtering port keeps {@code frame} from leaving {@code sender} (counted); see {@link PortPolicy}. */
  private static boolean droppedOnTheWayOut(Nic sender, Frame frame) {
    if (!sender.forgedTransmits && frame.source() != sender.mac) {
      sender.forgedDropped++;
      return true;
    }
    if (Nic.holds(sender.dropOut, frame.destination())) {
      sender.destinationDropped++;
      return true;
    }
    return false;
  }

  /** Whether a filtering port keeps a frame to {@code destination} from {@code receiver} (counted). */
  private static boolean droppedOnTheWayIn(Nic receiver, long destination) {
    if (!receiver.promiscuous && destination != receiver.mac && !Macs.isGroup(destination)) {
      receiver.otherMacDropped++;
      return true;
    }
    if (Nic.holds(receiver.dropIn, destination)) {
      receiver.destinationDropped++;
      return true;
    }
    return false;
  }

  /**
   * Counts a MAC move; past the switch's move limit, shuts the port it moved to. The shut is an event
   * at this instant, after the frame in flight: it is a link-down fault, which the host hears at once.
   */
  private void moved(Segment segment, Nic port, long mac, long now) {
    segment.macMoves++;
    org.carpsim.sim.topology.MoveLimit limit = segment.spec.moveLimit();
    if (!limit.limits()) {
      return;
    }
    java.util.ArrayDeque<Long> moves = segment.recentMoves.computeIfAbsent(mac, m -> new java.util.ArrayDeque<>());
    moves.addLast(now);
    while (now - moves.peekFirst() >= limit.window()) {
      moves.removeFirst();
    }
    if (moves.size() > limit.moves() && port.carrier) {
      int count = moves.size();
      moves.clear();
      scheduler.schedule(now, () -> {
        history.record(now(), new PortShut(segment.name, port.qualifiedName, mac, count));
        setCarrier(port, false);
      });
    }
  }

  /**
   * Decides one receiver's copy (or two, if duplicated) now; the arrival is only noted, and {@link
   * #scheduleOffered} arms the events once every receiver has been offered the frame.
   */
  private void offer(Nic receiver, long frameId, long delay, long destination) {
    if (receiver.filtersIn && droppedOnTheWayIn(receiver, destination)) {
      dropped(frameId, receiver, DropReason.PORT_POLICY);
      return;
    }
    if (!receiver.host.up) {
      dropped(frameId, receiver, DropReason.HOST_DOWN);
      return;
    }
    if (!receiver.carrier) {
      dropped(frameId, receiver, DropReason.CARRIER_DOWN);
      return;
    }
    SplittableRandom random = receiver.random;
    if (receiver.inLoss > 0 && random.nextDouble() < receiver.inLoss) {
      dropped(frameId, receiver, DropReason.LOSS);
      return;
    }
    long now = scheduler.now();
    long base = delay + receiver.inLatency;
    long jitter = receiver.inJitter;
    note(receiver, now + (jitter > 0 ? base + random.nextLong(jitter + 1) : base));
    if (receiver.inDuplicate > 0 && random.nextDouble() < receiver.inDuplicate) {
      note(receiver, now + (jitter > 0 ? base + random.nextLong(jitter + 1) : base));
    }
  }

  private void note(Nic receiver, long at) {
    if (offered == offeredNics.length) {
      offeredNics = java.util.Arrays.copyOf(offeredNics, offered * 2);
      offeredTimes = java.util.Arrays.copyOf(offeredTimes, offered * 2);
    }
    offeredNics[offered] = receiver;
    offeredTimes[offered++] = at;
  }

  /**
   * Arms the arrivals noted since the last call: one event per run of consecutive copies that
   * arrive at the same instant, which hands the frame to those NICs in the order they were offered.
   * Nothing else can be armed between those copies, so this is the order (time, then arming order)
   * that one event per copy would have had, at a fraction of the heap work.
   */
  private void scheduleOffered(Frame frame, long frameId) {
    int n = offered;
    offered = 0;
    for (int start = 0; start < n; ) {
      long at = offeredTimes[start];
      int end = start + 1;
      while (end < n && offeredTimes[end] == at) {
        end++;
      }
      Delivery delivery = pooled > 0 ? pool[--pooled] : new Delivery();
      delivery.set(offeredNics, start, end - start, frame, frameId);
      delivery.timer.armAt(at);
      start = end;
    }
  }

  /** A frame reaching a NIC at the end of its trip. */
  private void arrive(Nic receiver, Frame frame, long frameId) {
    Host host = receiver.host;
    if (!host.running) {
      if (!host.up) {
        dropped(frameId, receiver, DropReason.HOST_DOWN);
      } else if (!receiver.carrier) {
        dropped(frameId, receiver, DropReason.CARRIER_DOWN);
      } else if (receiver.heldFrames == Stall.RING_SLOTS) {
        dropped(frameId, receiver, DropReason.RING_FULL);
      } else { // paused: the frame waits in the NIC's ring
        receiver.heldFrames++;
        host.stall.held.add(new Stall.Held(receiver, frame, frameId, null));
      }
      return;
    }
    if (!receiver.carrier) {
      dropped(frameId, receiver, DropReason.CARRIER_DOWN);
      return;
    }
    deliver(receiver, frame, frameId);
  }

  private void deliver(Nic receiver, Frame frame, long frameId) {
    Host host = receiver.host;
    deliverCount++;
    if (recordDeliveries) {
      history.record(scheduler.now(), new FrameDelivered(frameId, receiver.qualifiedName, receiver.segment.name));
    } else {
      history.skip(1);
    }
    // a frame for its addressee only reaches the other stacks' NICs and stops there (their unicast filter)
    if (host.stack != null && (!frame.forAddresseeOnly() || receiver.accepts(frame.destination()))) {
      host.stack.onFrame(receiver, frame);
    }
  }

  private void dropped(long frameId, Nic nic, DropReason reason) {
    dropCounts[reason.ordinal()]++;
    if (recordDeliveries) {
      history.record(scheduler.now(), new FrameDropped(frameId, nic.qualifiedName, nic.segment.name, reason));
    } else {
      history.skip(1);
    }
  }

  /** A switch sent a frame to one port: every other NIC but the sender did not get it. */
  private void notForwarded(Segment segment, Nic sender, Nic target, long frameId) {
    int others = segment.nics.length - (target == sender ? 1 : 2);
    if (!recordDeliveries) {
      dropCounts[DropReason.NOT_FORWARDED.ordinal()] += others;
      history.skip(others);
      return;
    }
    for (Nic nic : segment.nics) {
      if (nic != sender && nic != target) {
        dropped(frameId, nic, DropReason.NOT_FORWARDED);
      }
    }
  }

  /** A frame flooded on one side: the NICs on the other sides did not get it. */
  private void partitioned(Segment segment, Nic sender, long frameId) {
    int others = segment.nics.length - segment.sides[sender.side].length;
    if (!recordDeliveries) {
      dropCounts[DropReason.PARTITION.ordinal()] += others;
      history.skip(others);
      return;
    }
    for (Nic nic : segment.nics) {
      if (nic.side != sender.side) {
        dropped(frameId, nic, DropReason.PARTITION);
      }
    }
  }

  /**
   * A frame in flight to one or more NICs that it reaches at the same instant: pooled, so that a
   * warm world allocates nothing per delivery.
   */
  private final class Delivery implements Runnable {
    final Timer timer = scheduler.newTimer(this);
    Nic[] receivers = new Nic[4];
    int count;
    /** The next receiver to hand the frame to (more than 0 only after a stop between receivers). */
    int next;
    Frame frame;
    long frameId;

    void set(Nic[] from, int start, int length, Frame newFrame, long newFrameId) {
      if (receivers.length < length) {
        receivers = new Nic[Math.max(length, receivers.length * 2)];
      }
      System.arraycopy(from, start, receivers, 0, length);
      count = length;
      next = 0;
      frame = newFrame;
      frameId = newFrameId;
    }

    @Override
    public void run() {
      for (int i = next; i < count; i++) {
        if (i > next && scheduler.stopRequested()) {
          next = i; // the rest arrive when the run resumes, still ahead of anything armed since
          scheduler.repeatCurrent();
          return;
        }
        arrive(receivers[i], frame, frameId);
      }
      frame = null;
      if (pooled == pool.length) {
        pool = java.util.Arrays.copyOf(pool, pooled * 2);
      }
      pool[pooled++] = this;
    }
  }

  @Override
  public String toString() {
    return "World[" + hosts.size() + " hosts, " + segments.size() + " segments, t=" + now() + "ns]";
  }
}
