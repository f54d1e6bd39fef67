/**
 * carpsim for a user's own JUnit 5 build: {@link org.carpsim.junit.ScenarioTests} turns a directory of
 * scenario files into dynamic tests. The API underneath is the scenarios module's: {@code
 * ScenarioParser.read(path)} or {@code parse(name, text)} gives a {@code Scenario} (or a {@code
 * ScenarioException} with every {@code file:line:col} error), {@code ScenarioRunner.run(scenario)} a
 * {@code RunResult} with its {@code verdicts()} and its {@code history()}; see docs/library.md.
 */
package org.carpsim.junit;
