package org.carpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.carpsim.conformance.live.LiveFrame;
import org.carpsim.conformance.live.Netns;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code carpsim replay} end to end on a live interface: the command runs in-process on a thread
 * that joined the lab namespace "n" (so it opens n's eth0), and the tester in "t" captures what
 * arrives. The timing itself is tested in conformance's ReplayLiveTest.
 */
@Tag("live")
class ReplayCommandLiveTest {

  private static final Pattern VERBOSE_LINE = Pattern.compile(" {5}\\d  \\+\\d\\.\\d{6} s  late +-?\\d+\\.\\d µs  .+, (42|70) bytes");

  @Test
  void replaysRecordsOneToFiveAtTenTimesSpeedWithVerboseLines() throws Exception {
    Path pcap = Path.of(ReplayCommandLiveTest.class.getResource("/captures/ucarp-failover.pcap").toURI());
    try (NodeProcessLiveTest.Lab lab = new NodeProcessLiveTest.Lab();
        NodeProcessLiveTest.Tester t = new NodeProcessLiveTest.Tester(lab.ns("t"))) {
      CliResult r = Netns.call(lab.ns("n"), () -> CliResult.carpsim("replay", pcap.toString(), "--iface", "eth0",
          "--frames", "1-5", "--speed", "10", "-v"));
      assertEquals(0, r.exit(), r.err());
      List<String> lines = r.lines();
      assertEquals(8, lines.size(), r.out());
      assertTrue(lines.get(0).contains("5 of 52 records") && lines.get(0).contains("speed 10, lasting 0.199452 s"), lines.get(0));
      for (String l : lines.subList(1, 6)) {
        assertTrue(VERBOSE_LINE.matcher(l).matches(), "verbose line: " + l);
      }
      assertTrue(lines.get(6).startsWith("carpsim replay: sent 5 of 5 frames in "), lines.get(6));
      assertTrue(lines.get(7).startsWith("carpsim replay: timing: 5 frames, deviation from schedule median "), lines.get(7));

      List<byte[]> expected = new ArrayList<>();
      try (PcapReader reader = PcapReader.open(pcap)) {
        for (CaptureRecord c = reader.next(); c != null && c.number() <= 5; c = reader.next()) {
          expected.add(c.data());
        }
      }
      t.await(f -> t.frames().size() >= 5, 2_000);
      List<LiveFrame> got = t.frames();
      assertEquals(5, got.size(), "records 1-5 arrive, nothing else");
      for (int i = 0; i < 5; i++) {
        assertArrayEquals(expected.get(i), got.get(i).bytes(), "record " + (i + 1));
      }
    }
  }
}
