package org.carpsim.scenario.model;

import org.carpsim.sim.topology.LinkConditions;

/**
 * What an impairment line ({@code at T loss lan 30%}) changes: one of a segment's or a NIC's
 * conditions. The complete conditions from that instant on are known only in timeline order, so the
 * change is kept as data and applied when the timeline is drawn.
 *
 * @param impairment {@code latency}, {@code jitter}, {@code loss} or {@code duplicate}
 * @param nanos the new latency or jitter
 * @param probability the new loss or duplication probability
 */
public record ConditionChange(String impairment, long nanos, double probability) {

  /** {@code conditions} with this impairment changed, the others kept. */
  public LinkConditions applyTo(LinkConditions conditions) {
    return switch (impairment) {
      case "latency" -> conditions.withLatency(nanos);
      case "jitter" -> conditions.withJitter(nanos);
      case "loss" -> conditions.withLoss(probability);
      case "duplicate" -> conditions.withDuplicate(probability);
      default -> throw new IllegalStateException("unknown impairment " + impairment);
    };
  }
}
