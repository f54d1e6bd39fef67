package org.carpsim.sim.history;

/**
 * An event of one type with the instant it was recorded at: what a reader of one kind of fact
 * (state changes, verdicts) takes from a {@link History} without its sequence numbers.
 *
 * @param time virtual time in nanoseconds
 * @param event what happened
 */
public record Timed<E extends HistoryEvent>(long time, E event) {}
