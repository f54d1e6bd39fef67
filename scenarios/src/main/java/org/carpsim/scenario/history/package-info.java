/**
 * The facts a run of a scenario records in its one {@link org.carpsim.sim.history.History}, beside
 * sim-core's frames and {@link org.carpsim.sim.history.Fault faults}: every state change, counter
 * snapshot, client ARP answer, log line, typed command and verdict is one of these records, and
 * nothing else holds them. Checkers, {@code run --json}, reports and the timeline read them back from
 * the history; each has a canonical one-line text, so two runs compare byte for byte.
 */
package org.carpsim.scenario.history;
