package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BalanceCommandTest {

  private static final String EXAMPLES = "../scenarios/examples/";

  @TempDir Path dir;

  @Test
  void theCarp4ExampleUnderOpenBsd35GoesAllToA() {
    CliResult r = CliResult.carpsim("balance", EXAMPLES + "carp.4-examples-arpbalance.carp");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.lines().stream().anyMatch(l -> l.matches("A\\s+100\\s+100\\.0%\\s+vhid 1")), r.out());
    assertTrue(r.lines().stream().anyMatch(l -> l.matches("B\\s+0\\s+0\\.0%\\s+-")), r.out());
    assertTrue(r.out().contains("All 100 senders have first octet 192 (192 mod 2 = 0) -> index 0 -> vhid 1 -> A answers all 100."),
        r.out());
    assertTrue(r.out().contains("simulated, first round of requests from 5s: A 100, B 0 — agrees with the analysis"), r.out());
  }

  @Test
  void jsonForTheNetBsdPageAgreesWithTheSimulation() throws Exception {
    CliResult r = CliResult.carpsim("balance", "--json", EXAMPLES + "carp.4-manual-arpbalance.carp");
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.lines().size(), "one object per clients line");
    JsonNode o = new ObjectMapper().readTree(r.out());
    assertEquals("netbsd", o.get("profile").asText());
    assertEquals("SENDER_MAC_CARP_HASH", o.get("rule").asText());
    assertEquals(100, o.get("clients").asInt());
    int a = o.get("shares").get(0).get("count").asInt();
    int b = o.get("shares").get(1).get("count").asInt();
    assertEquals(100, a + b);
    assertEquals(a, o.get("simulated").get("byHost").get("A").asInt());
    assertEquals(b, o.get("simulated").get("byHost").get("B").asInt());
    assertTrue(o.get("simulated").get("agrees").asBoolean());
    assertFalse(r.out().contains("mekmitasdigoat"), "the passphrase never shows");
  }

  @Test
  void atAnInstantAfterTheCrash() {
    CliResult r = CliResult.carpsim("balance", "--at", "70s", EXAMPLES + "carp.4-manual-arpbalance.carp");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.lines().stream().anyMatch(l -> l.matches("A\\s+100\\s+100\\.0%\\s+vhid 1, 2")), r.out());
    assertTrue(r.out().contains("agrees with the analysis"), r.out());
  }

  @Test
  void aSetupByHandWithFreeBsd6() {
    CliResult r = CliResult.carpsim("balance", "--profile", "freebsd-6", "--address", "192.168.1.10", "--master", "1=A",
        "--master", "2=B", "--clients", "192.168.1.0/24");
    assertEquals(0, r.exit(), r.err());
    // 253 senders .1-.254 without .10: 126 even last octets, 127 odd
    assertTrue(r.lines().stream().anyMatch(l -> l.matches("A\\s+126\\s+49\\.8%\\s+vhid 1")), r.out());
    assertTrue(r.lines().stream().anyMatch(l -> l.matches("B\\s+127\\s+50\\.2%\\s+vhid 2")), r.out());
    assertTrue(r.out().contains("index = last octet mod 2"), r.out());
  }

  @Test
  void aClientsFileAndAListOfWhoAnswersWhom() throws Exception {
    Path f = Files.writeString(dir.resolve("macs.txt"), "# two clients\n02:00:00:00:00:01\n02:00:00:00:00:02 # laptop\n");
    CliResult r = CliResult.carpsim("balance", "--profile", "netbsd", "--pass", "secret", "--address", "10.0.0.1",
        "--master", "1=A", "--master", "2=B", "--clients-file", f.toString(), "--list");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("profile netbsd, shared address 10.0.0.1, 2 clients"), r.out());
    assertEquals(2, r.lines().stream().filter(l -> l.matches("\\s+02:00:00:00:00:0[12]\\s+[AB] \\(vhid [12]\\)")).count(),
        r.out());
    assertFalse(r.out().contains("secret"));
  }

  @Test
  void aBadLineInTheClientsFileIsNamed() throws Exception {
    Path f = Files.writeString(dir.resolve("c.txt"), "10.0.0.5\n\n10.0.0.256\n");
    CliResult r = CliResult.carpsim("balance", "--profile", "openbsd-3.5", "--address", "10.0.0.1", "--master", "1=A",
        "--clients-file", f.toString());
    assertEquals(2, r.exit());
    assertEquals("carpsim balance: " + f + ":3: bad IPv4 address '10.0.0.256': octet 256 is above 255", r.err().strip());
  }

  @Test
  void badInvocationsSayWhatIsMissing() {
    assertEquals("carpsim balance: give a scenario FILE, or --profile P (openbsd, openbsd-3.5, netbsd, freebsd, "
        + "freebsd-6, ucarp) with --address, --master VHID=HOST and --clients", error("balance"));
    assertEquals("carpsim balance: --profile solaris: unknown; the profiles are openbsd, openbsd-3.5, netbsd, freebsd, "
        + "freebsd-6, ucarp", error("balance", "--profile", "solaris"));
    assertEquals("carpsim balance: --master 1: expected VHID=HOST, e.g. 1=A",
        error("balance", "--profile", "netbsd", "--address", "10.0.0.1", "--master", "1", "--clients", "10.0.0.0/24"));
    assertEquals("carpsim balance: --vhids: '0' is not a vhid (1..255)",
        error("balance", "--profile", "netbsd", "--address", "10.0.0.1", "--vhids", "0", "--clients", "10.0.0.0/24"));
    assertEquals("carpsim balance: no clients: give --clients [N@]CIDR or --clients-file F",
        error("balance", "--profile", "netbsd", "--address", "10.0.0.1", "--master", "1=A"));
    assertEquals("carpsim balance: --profile describes a setup by hand; with FILE the scenario gives it",
        error("balance", "--profile", "netbsd", EXAMPLES + "carp.4-manual-arpbalance.carp"));
    assertTrue(error("balance", EXAMPLES + "carp.4-examples-preempt.carp").startsWith(
        "carpsim balance: ../scenarios/examples/carp.4-examples-preempt.carp has no clients line"));
    assertEquals("carpsim balance: ../scenarios/examples/nothing.carp: no such file",
        error("balance", EXAMPLES + "nothing.carp"));
  }

  private static String error(String... args) {
    CliResult r = CliResult.carpsim(args);
    assertEquals(2, r.exit(), r.out() + r.err());
    assertEquals("", r.out());
    return r.err().strip();
  }
}
