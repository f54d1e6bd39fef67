package org.carpsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.carpsim.scenario.generate.ScenarioGenerator;
import org.carpsim.scenario.history.Verdict;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.history.HistoryEntry;
import org.carpsim.sim.pcap.PcapWriter;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario run as independent parts gives the same bytes on one thread as on several, with or
 * without a pcap, a listener or progress, and is the run as one world with events of two parts at
 * the same instant put part by part.
 */
class PartitionedRunTest {

  /** Two segments nobody shares (two parts) with impairments, clients, commands and every kind of fault. */
  private static final String TWO_SITES = """
      scenario "two sites"
      profile openbsd
      segment east 10.0.1.0/24 jitter 40us loss 2%
      segment west 10.0.2.0/24 latency 200us
      host e1
        nic em0 east 10.0.1.1/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.1.100/24
      host w1
        nic em0 west 10.0.2.1/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 pass s3cret carpdev em0 10.0.2.100/24
      host e2
        nic em0 east 10.0.1.2/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.1.100/24
      host w2
        nic em0 west 10.0.2.2/24
        ifconfig carp0 create
        ifconfig carp0 vhid 1 advskew 100 pass s3cret carpdev em0 10.0.2.100/24
      clients east 10 from 10.0.1.0/24 arp 10.0.1.100 every 3s
      clients west 10 from 10.0.2.0/24 arp 10.0.2.100 every 3s
      at 10s crash e1
      at 10s crash w1
      at 20s boot e1
      at 20s w1: ifconfig carp0 down
      at 25s boot w1
      at 30s partition west w1 | w2
      at 35s heal west
      at 40s link e2.em0 down
      at 45s link e2.em0 up
      at 50s jitter west 100us
      run 70s
      expect always one-master east vhid 1 from 5s to 10s
      expect within 4.2s after 10s e2.carp0 MASTER
      expect within 4.2s after 10s w2.carp0 MASTER
      expect always one-master west vhid 1 from 60s
      expect stat e2.carp0 badauth == 0
      """;

  private static String text(RunResult r) {
    StringBuilder out = new StringBuilder(r.history().toText());
    r.transitions().forEach(t -> out.append(t).append('\n'));
    out.append(r.statistics()).append('\n').append(r.arpAnswers()).append('\n').append(r.verdicts());
    return out.toString();
  }

  private static RunResult run(Scenario s, int threads) {
    return ScenarioRunner.run(s, RunOptions.DEFAULT.withThreads(threads));
  }

  /**
   * The run is the one world's run with events of two parts at the same instant put part by part:
   * one world's history (frames and all), sorted by time and then by part, and nothing else moved,
   * is the parts' history, entry for entry (frames are numbered per world).
   */
  private static void oneWorldReorderedByPart(Scenario s) {
    RunOptions allFrames = new RunOptions(FrameRecording.ALL, Optional.empty());
    RunResult oneWorld = ScenarioRunner.runAsOneWorld(s, ScenarioRunner.topology(s), allFrames,
        ScenarioRunner.Progress.NONE);
    RunResult parts = ScenarioRunner.run(s, allFrames.withThreads(2));
    Topology topology = ScenarioRunner.topology(s);
    Map<String, Integer> partOf = new HashMap<>();
    List<Set<String>> groups = topology.independentGroups();
    assertTrue(groups.size() > 1, "a scenario of several parts");
    for (int i = 0; i < groups.size(); i++) {
      for (String host : groups.get(i)) {
        partOf.put(host, i);
      }
    }
    topology.nics().forEach(n -> partOf.putIfAbsent(n.segment(), partOf.get(n.host())));
    ToIntFunction<HistoryEntry> part = e -> e.event().entities().stream().filter(partOf::containsKey)
        .map(partOf::get).findFirst().orElse(-1);
    List<String> expected = oneWorld.history().entries().stream()
        .sorted(Comparator.comparingLong(HistoryEntry::time).thenComparingInt(e -> e.event() instanceof Verdict ? 1 : 0)
            .thenComparingInt(part))
        .map(PartitionedRunTest::withoutFrameId).toList();
    List<String> actual = parts.history().entries().stream().map(PartitionedRunTest::withoutFrameId).toList();
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), "entry " + i);
    }
    assertEquals(oneWorld.verdicts(), parts.verdicts());
    assertEquals(oneWorld.engine().eventsExecuted(), parts.engine().eventsExecuted());
  }

  /** An entry's time and text; frames are numbered per world, so their numbers are left out. */
  private static String withoutFrameId(HistoryEntry e) {
    return e.time() + " " + e.event().toString().replaceAll("frameId=\\d+", "frameId=#");
  }

  private static void sameOnAnyNumberOfThreads(Scenario s) {
    String oneThread = text(run(s, 1));
    assertEquals(oneThread, text(run(s, 2)));
    assertEquals(oneThread, text(run(s, 7)));
    assertEquals(oneThread, text(ScenarioRunner.run(s)), "the library's default");
  }

  @Test
  void twoSitesWithClientsCommandsAndFaultsGiveTheSameBytesOnAnyNumberOfThreads() {
    Scenario s = ScenarioParser.parse("two-sites.carp", TWO_SITES);
    sameOnAnyNumberOfThreads(s);
    oneWorldReorderedByPart(s);
    RunResult r = run(s, 2);
    assertTrue(r.passed(), r.verdicts().toString());
    assertTrue(r.arpAnswers().stream().anyMatch(a -> a.event().segment().equals("east"))
        && r.arpAnswers().stream().anyMatch(a -> a.event().segment().equals("west")), "both parts' clients asked");
    assertTrue(r.history().toText().contains("command"), "the command ran in its part");
  }

  @Test
  void aGeneratedScenarioOfManySegmentsGivesTheSameBytesOnAnyNumberOfThreads() {
    for (String profile : List.of("openbsd", "ucarp")) {
      ScenarioGenerator.Spec spec = new ScenarioGenerator.Spec(6, 18, 3, profile, 3 * Durations.MINUTE, 9, 30);
      Scenario s = ScenarioParser.parse("gen.carp", ScenarioGenerator.generate(spec));
      sameOnAnyNumberOfThreads(s);
      oneWorldReorderedByPart(s);
      assertTrue(run(s, 2).passed());
    }
  }

  /** Progress, a pcap and a listener leave the run as it is, on any number of threads. */
  @Test
  void progressPcapAndListenersChangeNothingAndThePcapIsTheMergedTransmissions(@TempDir Path dir) throws Exception {
    Scenario s = ScenarioParser.parse("two-sites.carp", TWO_SITES);
    String plain = text(run(s, 1));
    RunResult transmissions = ScenarioRunner.run(s, new RunOptions(FrameRecording.TRANSMISSIONS, Optional.empty()));
    Path expected = dir.resolve("expected.pcap");
    PcapWriter.writeTransmissions(transmissions.history(), expected);
    for (int threads : List.of(1, 2, 5)) {
      Path pcap = dir.resolve("run-" + threads + ".pcap");
      List<Long> seen = new ArrayList<>();
      List<Long> told = new ArrayList<>();
      RunResult r = ScenarioRunner.run(s, RunOptions.DEFAULT.withThreads(threads).withPcap(pcap)
          .withListener(e -> seen.add(e.time())), (now, end) -> told.add(now));
      assertEquals(plain, text(r), threads + " threads");
      assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(pcap), threads + " threads: the pcap");
      assertEquals(List.of("expected.pcap", "run-1.pcap", "run-2.pcap", "run-5.pcap").subList(0, 2 + List.of(1, 2, 5)
          .indexOf(threads)), Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList(),
          "no part's temporary pcap is left");
      assertTrue(seen.size() > transmissions.history().entries().size() / 2, "the listener saw the transmissions");
      assertEquals(s.duration(), told.get(told.size() - 1), "progress ends at the end");
    }
  }

  @Test
  void aScenarioOfOnePartRunsAsOneWorldWouldAndThreadsMustBePositive() {
    Scenario s = ScenarioParser.parse("one.carp", """
        scenario "one"
        profile netbsd
        segment lan 10.0.0.0/24
        host a
          nic em0 lan 10.0.0.1/24
          ifconfig carp0 create
          ifconfig carp0 vhid 3 pass x carpdev em0 10.0.0.100/24
        host b
          nic em0 lan 10.0.0.2/24
          ifconfig carp0 create
          ifconfig carp0 vhid 3 advskew 50 pass x carpdev em0 10.0.0.100/24
        at 5s crash a
        run 20s
        expect within 4s after 5s b.carp0 MASTER
        """);
    assertEquals(ScenarioRunner.runAsOneWorld(s).history().toText(), run(s, 2).history().toText());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(s, 0));
    assertEquals("threads 0: expected at least 1", e.getMessage());
  }
}
