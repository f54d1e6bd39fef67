/**
 * A parsed, validated scenario as immutable records: {@link org.carpsim.scenario.model.Scenario} with
 * its {@link org.carpsim.scenario.model.Segment}s, {@link org.carpsim.scenario.model.Host}s (profile
 * resolved, {@link org.carpsim.scenario.model.Nic}s, configuration as validated
 * {@link org.carpsim.carp.config.ParsedLine}s), {@link org.carpsim.scenario.model.ClientPopulation}s,
 * the sorted {@link org.carpsim.scenario.model.TimelineEvent}s (faults as sim-core
 * {@link org.carpsim.sim.history.Fault} data) and the {@link org.carpsim.scenario.model.Expectation}s.
 * Every element keeps its {@link org.carpsim.scenario.model.Origin}: file, line, column and the text as
 * written, passphrases masked. Times and durations are {@code long} nanoseconds.
 */
package org.carpsim.scenario.model;
