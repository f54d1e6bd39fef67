package org.carpsim.reports.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.parse.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSpecsTest {

  private static final Ipv4Address VIP = Ipv4Address.parse("192.168.1.10");

  @TempDir Path dir;

  @Test
  void aWholeRangeIsEveryFreeHostAddressButTheSharedOne() {
    List<BalanceClient> c = ClientSpecs.parse("192.168.1.0/24", 1, VIP);
    assertEquals(253, c.size());
    assertTrue(c.stream().noneMatch(x -> x.address().orElseThrow().equals(VIP)));
    assertEquals("192.168.1.1 0a:00:01:00:00:01", c.get(0).label());
    assertEquals("192.168.1.254 0a:00:01:00:00:fd", c.get(252).label());
  }

  @Test
  void numberedAsTheScenarioLanguageNumbersAClientsLine() {
    ClientPopulation p = ScenarioParser.parse("t.carp", """
        segment lan 10.1.0.0/16
        clients lan 500 from 10.1.0.0/16 arp 10.1.0.1 every 1s mac 02:00:00:00:10:00
        run 1s
        """).clients().get(0);
    List<BalanceClient> c = ClientSpecs.parse("500@10.1.0.0/16,mac=02:00:00:00:10:00", 1, Ipv4Address.parse("10.1.0.1"));
    assertEquals(p.count(), c.size());
    for (int i = 0; i < c.size(); i++) {
      assertEquals(Optional.of(p.address(i)), c.get(i).address());
      assertEquals(Optional.of(p.mac(i)), c.get(i).mac());
    }
  }

  @Test
  void theOrdinalPicksTheDefaultMacs() {
    assertEquals(Optional.of(MacAddress.parse("0a:00:03:00:00:01")), ClientSpecs.parse("2@10.0.0.0/8", 3, VIP).get(0).mac());
  }

  @Test
  void badSpecsSayWhatIsWrong() {
    assertEquals("--clients nonsense: 'nonsense' is not a CIDR range like 192.168.1.0/24", message("nonsense"));
    assertEquals("--clients 10.0.0.1/24: 10.0.0.1/24 has host bits set; the network is 10.0.0.0/24", message("10.0.0.1/24"));
    assertEquals("--clients 10.0.0.0/33: IPv4 prefix length 33 is out of range 0..32", message("10.0.0.0/33"));
    assertEquals("--clients 0@10.0.0.0/8: client count 0 is out of range 1..1000000", message("0@10.0.0.0/8"));
    assertEquals("--clients x@10.0.0.0/8: 'x' is not a client count (1..1000000)", message("x@10.0.0.0/8"));
    assertEquals("--clients 10.0.0.0/8,vlan=2: after ',' only mac=FIRST is allowed, not 'vlan=2'", message("10.0.0.0/8,vlan=2"));
    assertEquals("--clients 10.0.0.0/8,mac=zz: bad MAC address 'zz': expected six hex bytes like 00:00:5e:00:01:01",
        message("10.0.0.0/8,mac=zz"));
    assertEquals("--clients 192.168.1.10/32: 192.168.1.10/32 has no free address for clients", message("192.168.1.10/32"));
  }

  private static String message(String spec) {
    return assertThrows(IllegalArgumentException.class, () -> ClientSpecs.parse(spec, 1, VIP)).getMessage();
  }

  @Test
  void aFileHoldsAddressesMacsOrBoth() throws IOException {
    Path f = Files.writeString(dir.resolve("clients.txt"), """
        # office
        192.168.1.20
        02:00:00:00:00:07   # printer, MAC only

        192.168.1.21 02-00-00-00-00-08
        """);
    List<BalanceClient> c = ClientSpecs.readFile(f, "clients.txt");
    assertEquals(List.of(new BalanceClient(Optional.of(Ipv4Address.parse("192.168.1.20")), Optional.empty()),
        new BalanceClient(Optional.empty(), Optional.of(MacAddress.parse("02:00:00:00:00:07"))),
        BalanceClient.of(Ipv4Address.parse("192.168.1.21"), MacAddress.parse("02:00:00:00:00:08"))), c);
  }

  @Test
  void aBadLineIsNamedByFileAndLine() throws IOException {
    assertEquals("c.txt:3: bad IPv4 address '192.168.1.300': octet 300 is above 255",
        fileError("# x\n192.168.1.1\n192.168.1.300\n"));
    assertEquals("c.txt:1: bad MAC address '02:00:00:00:00': expected six hex bytes like 00:00:5e:00:01:01",
        fileError("02:00:00:00:00\n"));
    assertEquals("c.txt:2: expected an IPv4 address, a MAC, or both; found 3 words", fileError("10.0.0.1\n1.1.1.1 2.2.2.2 3.3.3.3\n"));
    assertEquals("c.txt:1: two IPv4 addresses on one line", fileError("1.1.1.1 2.2.2.2\n"));
    assertEquals("c.txt:1: 01:00:5e:00:00:01 is a group address, not a station MAC", fileError("01:00:5e:00:00:01\n"));
    assertEquals("c.txt: no client in the file (one IPv4 address or MAC per line)", fileError("# nothing\n\n"));
  }

  private String fileError(String text) throws IOException {
    Path f = Files.writeString(dir.resolve("c.txt"), text);
    return assertThrows(IllegalArgumentException.class, () -> ClientSpecs.readFile(f, "c.txt")).getMessage();
  }
}
