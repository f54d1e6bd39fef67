package org.carpsim.scenario.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.sim.history.Annotation;
import org.carpsim.sim.net.World;
import org.carpsim.sim.pcap.PcapWriter;
import org.carpsim.sim.topology.Topology;
import org.carpsim.sim.topology.TopologyBuilder;

/**
 * Runs a parsed scenario in the simulator: builds the world from its segments and hosts, boots a
 * carp-node on every host with the host's configuration, plays the timeline, and judges every
 * expectation over the run's record. Same scenario and seed, same result, byte for byte.
 */
public final class ScenarioRunner {

  private ScenarioRunner() {}

  public static RunResult run(Scenario scenario) {
    return run(scenario, RunOptions.DEFAULT);
  }

  public static RunResult run(Scenario scenario, RunOptions options) {
    World world = World.builder(topology(scenario)).seed(scenario.seed()).frames(options.frames()).build();
    RunJournal journal = new RunJournal();
    PcapWriter pcap = null;
    try {
      if (options.pcap().isPresent()) {
        pcap = PcapWriter.create(options.pcap().get());
        world.history().addListener(pcap.transmissionListener());
      }
      Map<String, CarpHostStack> stacks = new LinkedHashMap<>();
      for (Host h : scenario.hosts()) {
        CarpHostStack stack = new CarpHostStack(h, journal);
        stacks.put(h.name(), stack);
        world.host(h.name()).install(stack);
      }
      List<ClientPopulationStack> clients = new ArrayList<>();
      for (int i = 0; i < scenario.clients().size(); i++) {
        ClientPopulationStack stack = new ClientPopulationStack(scenario.clients().get(i), journal);
        clients.add(stack);
        world.host(clientHost(i)).install(stack);
      }
      for (TimelineEvent event : scenario.timeline()) {
        if (event instanceof TimelineEvent.Command c) {
          CarpHostStack stack = stacks.get(c.host());
          world.scheduler().schedule(event.at(), () -> {
            world.record(Annotation.of("command", List.of(c.host()), "text", c.command().redactedText()));
            stack.type(c.command(), c.origin().where());
          });
        } else {
          world.schedule(event.at(), event.fault().orElseThrow());
        }
      }
      world.runUntil(scenario.duration());
      stacks.values().forEach(CarpHostStack::finish);
      clients.forEach(ClientPopulationStack::finish);
      if (pcap != null) {
        pcap.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + options.pcap().orElseThrow() + ": " + e.getMessage(), e);
    }
    Checkers checkers = new Checkers(journal.changes(), journal.arpAnswers(), journal.statistics(), scenario.duration());
    List<Verdict> verdicts = new ArrayList<>();
    for (Expectation e : scenario.expectations()) {
      verdicts.add(checkers.check(e));
    }
    return new RunResult(scenario, verdicts, journal.changes(), journal.statistics(), journal.arpAnswers(),
        world.stats(), world.history());
  }

  /** The simulated host that stands for the {@code index}-th client population (':' is not a host name character). */
  static String clientHost(int index) {
    return "clients:" + (index + 1);
  }

  /** The scenario's topology plus one host with one NIC per client population. */
  private static Topology topology(Scenario scenario) {
    TopologyBuilder b = scenario.topologyBuilder();
    for (int i = 0; i < scenario.clients().size(); i++) {
      ClientPopulation p = scenario.clients().get(i);
      b.host(clientHost(i));
      b.nic(clientHost(i), "eth0", p.segment(), p.firstMac().value());
    }
    return b.build();
  }
}
