package com.example.firewall;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.carpsim.junit.ScenarioTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every scenario of src/test/carp: that it parses, and each of its expectations, as a test of its own. */
class FailoverTest {

  @TestFactory
  Stream<DynamicNode> failoverScenarios() {
    return ScenarioTests.directory(Path.of("src/test/carp"));
  }
}
