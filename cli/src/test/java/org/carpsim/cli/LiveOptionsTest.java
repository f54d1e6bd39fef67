package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live options' mistakes, said before anything is built (no root needed: nothing runs). */
class LiveOptionsTest {

  private static final String PUBLIC = """
      scenario "public"
      profile ucarp
      segment lan 192.0.2.0/24
      host fw1
        nic eth0 lan 192.0.2.11/24
        ucarp --interface=eth0 --srcip=192.0.2.11 --vhid=1 --pass=secret --addr=192.0.2.100 &
      at 5s pause fw1 1s
      run 10s
      """;

  @Test
  void labOptionsWithoutLiveAreRefused() {
    CliResult r = CliResult.carpsim("run", "--keep-lab", liveFile("partition-heal.carp"));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("carpsim run: --lab-prefix and --keep-lab go with --live (nothing was run)"), r.err());
  }

  @Test
  void aBadPrefixIsRefused() {
    CliResult r = CliResult.carpsim("run", "--live", "--lab-prefix", "My_Lab", liveFile("partition-heal.carp"));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--lab-prefix 'My_Lab': lower-case letters, digits and '-', a letter first, at most 20"
        + " characters"), r.err());
  }

  @Test
  void liveRunsOneFile() {
    CliResult r = CliResult.carpsim("run", "--live", liveFile("partition-heal.carp"), liveFile("ucarp-kill-daemon.carp"));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--live runs one scenario file as one lab: give one FILE (nothing was run)"), r.err());
  }

  @Test
  void aScenarioTheLabCannotMapIsRefusedLineByLine(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("public.carp");
    Files.writeString(f, PUBLIC);
    CliResult r = CliResult.carpsim("run", "--live", f.toString());
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains(f + ":3:1: live: segment lan 192.0.2.0/24 is not a private network"), r.err());
    assertTrue(r.err().contains(f + ":7:1: live: 'pause' has no live action"), r.err());
    assertTrue(r.err().contains("cannot run live (4 lines refused); nothing was run"), r.err());
    assertEquals("", r.out());
    CliResult c = CliResult.carpsim("compare", f.toString());
    assertEquals(2, c.exit());
    assertTrue(c.err().contains("cannot run live (4 lines refused) (nothing compared)"), c.err());
  }

  @Test
  void compareChecksItsNumbers() {
    CliResult r = CliResult.carpsim("compare", liveFile("partition-heal.carp"), "--repeat", "0");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("carpsim compare: --repeat 0: out of range 1..50 (nothing compared)"), r.err());
    CliResult s = CliResult.carpsim("compare", liveFile("partition-heal.carp"), "--seeds", "9..3");
    assertEquals(2, s.exit());
    assertTrue(s.err().contains("--seeds 9..3: A..B with A <= B"), s.err());
  }

  private static String liveFile(String name) {
    return LiveScenarioRunLiveTest.liveScenarios().resolve(name).toString();
  }
}
