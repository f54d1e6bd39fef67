package org.carpsim.conformance.live;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The live tests' gate: skip saying why, but under CI=true a missing prerequisite is a failure. */
class NamespaceLabGateTest {

  @Test
  void missingPrerequisiteSkipsWithTheReason() {
    TestAbortedException e = assertThrows(TestAbortedException.class,
        () -> NamespaceLab.gate(Optional.of("ucarp is not installed (apt-get install ucarp)"), null));
    assertTrue(e.getMessage().contains("ucarp is not installed"), e.getMessage());
  }

  @Test
  void missingPrerequisiteFailsUnderCi() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> NamespaceLab.gate(Optional.of("not root"), "true"));
    assertTrue(e.getMessage().contains("CI=true"), e.getMessage());
  }

  @Test
  void nothingMissingRunsEvenUnderCi() {
    assertDoesNotThrow(() -> NamespaceLab.gate(Optional.empty(), "true"));
  }
}
