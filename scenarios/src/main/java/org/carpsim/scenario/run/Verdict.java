package org.carpsim.scenario.run;

import org.carpsim.scenario.model.Expectation;

/** Whether one expectation held, and what was seen. */
public record Verdict(Expectation expectation, boolean passed, String detail) {}
