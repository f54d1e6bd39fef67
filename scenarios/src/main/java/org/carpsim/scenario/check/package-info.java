/**
 * Checkers over one run's history, as Jepsen's checkers are functions of a history: each {@code
 * expect} kind has one {@link org.carpsim.scenario.check.Checker}, and explore's invariants are
 * checkers too. They read the history through a {@link org.carpsim.scenario.check.RunView}, which
 * indexes it once, and every reading of "who was master when" goes through {@link
 * org.carpsim.scenario.check.MasterStretches}.
 */
package org.carpsim.scenario.check;
