package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.carpsim.scenario.history.MacMoves;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.sim.history.PortShut;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field failure 7 (field/virtual-mac-wrong-port.carp) under several seeds: keepalived's use_vmac
 * reports from the backup move the virtual MAC (and trip a mac-move-limit); vmac_xmit_base and
 * disable_local_igmp move nothing.
 */
class VirtualMacWrongPortRunTest {

  private static RunResult run(long seed) throws IOException {
    Path file = Path.of("field", "virtual-mac-wrong-port.carp");
    Scenario s = ScenarioParser.parse(file.toString(), Files.readString(file));
    return ScenarioRunner.run(s.withSeed(seed));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 7})
  void theBackupsReportsMoveTheVirtualMacOnlyWithoutAFix(long seed) throws IOException {
    RunResult r = run(seed);
    assertTrue(r.passed(), r.verdicts().toString());
    Map<String, Long> moves = r.history().events(MacMoves.class).stream()
        .collect(Collectors.toMap(MacMoves::segment, MacMoves::moves));
    // two start-up reports, one leave and two reports at the restart, an answer per general query:
    // each moves the VMAC to r2's port and the next advertisement moves it back
    assertTrue(moves.getOrDefault("vmac", 0L) >= 10, moves.toString());
    assertEquals(null, moves.get("xmitbase"), "vmac_xmit_base: nothing leaves the backup from the VMAC");
    assertEquals(null, moves.get("noigmp"), "disable_local_igmp: no report at all");
    List<PortShut> shut = r.history().events(PortShut.class);
    assertEquals(1, shut.size(), shut.toString());
    assertEquals("r7.eth0", shut.get(0).nic(), "the master's port: its advertisement made the second move");
  }
}
