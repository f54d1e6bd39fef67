package org.carpsim.scenario.run;

import org.carpsim.carp.node.NodeEnvironment;
import org.carpsim.carp.node.NodeTimer;
import org.carpsim.sim.engine.Timer;
import org.carpsim.sim.net.Host;

/**
 * The node's side of the seam in simulation: a carp-node host asks a sim-core {@link Host} for the
 * time (virtual, and its wall clock, which a clock step moves), timers (late by the host's timer
 * jitter, if any) and random draws (the host's own stream); what it sends goes to the given
 * transmitter. The one adapter between the two, for the scenario runner and the simulated
 * conformance lab alike.
 */
public final class SimulatedNodeEnvironment implements NodeEnvironment {

  /** Where the node's frames go: usually the host's NIC of that name, after whatever bookkeeping. */
  @FunctionalInterface
  public interface Transmitter {
    void transmit(String nic, byte[] frame);
  }

  private final Host host;
  private final Transmitter transmitter;
  private java.util.random.RandomGenerator membershipRandom;

  public SimulatedNodeEnvironment(Host host, Transmitter transmitter) {
    this.host = host;
    this.transmitter = transmitter;
  }

  @Override
  public long now() {
    return host.now();
  }

  @Override
  public long wallClock() {
    return host.wallClock();
  }

  @Override
  public NodeTimer newTimer(Runnable action) {
    Timer timer = host.newTimer(action);
    return new NodeTimer() {
      @Override
      public void armAfter(long delayNanos) {
        timer.armAfter(delayNanos + host.timerLateness()); // scheduling latency, if the host has timer jitter
      }

      @Override
      public void cancel() {
        timer.cancel();
      }

      @Override
      public boolean isArmed() {
        return timer.isArmed();
      }
    };
  }

  @Override
  public void transmit(String nic, byte[] frame) {
    transmitter.transmit(nic, frame);
  }

  @Override
  public java.util.random.RandomGenerator membershipRandom() {
    if (membershipRandom == null) {
      membershipRandom = host.world().random().forEntity("multicast " + host.name());
    }
    return membershipRandom;
  }

  @Override
  public long randomLong() {
    return host.random().nextLong();
  }
}
