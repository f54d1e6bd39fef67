/**
 * The scenario language parser: {@link org.carpsim.scenario.parse.ScenarioParser} turns a
 * {@code *.carp} file into a validated {@link org.carpsim.scenario.model.Scenario}, or refuses it
 * with every error at once in a {@link org.carpsim.scenario.parse.ScenarioException}.
 *
 * <p>A hand-written, line-oriented parser: lines are joined at {@code \} continuations by
 * {@link org.carpsim.carp.config.LogicalLines} (so that every offset maps back to its physical
 * {@code line:col}), top-level lines start at column 1, a host's lines are indented below it, and an
 * inline {@code file PATH} block runs to its {@code end} line. Host configuration is parsed by
 * {@link org.carpsim.carp.config.ConfigParser} for the host's profile; its errors and warnings are
 * placed back in the scenario file. Reading happens in two passes: declarations first, then what
 * refers to them, so lines may refer to hosts and segments declared further down.
 */
package org.carpsim.scenario.parse;
