package org.carpsim.reports.balance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.scenario.history.ArpAnswered;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.sim.history.Timed;

/**
 * What a simulated run measured for one client population over one round of requests (every client
 * asks once per interval): who answered first, per host and per client. The check on the analysis.
 * Populations asking for the same address on the same segment are told apart by their subnets.
 *
 * @param from the start of the round (ns)
 * @param requests requests sent in the round
 * @param byHost host → requests it answered first, hosts in name order
 * @param unanswered requests nobody answered before the client's next one
 * @param byClient client address → the host that answered it first ({@code ""}: nobody)
 */
public record SimulatedRound(long from, int requests, Map<String, Integer> byHost, int unanswered,
    Map<Ipv4Address, String> byClient) {

  /** Copies the maps. */
  public SimulatedRound {
    byHost = java.util.Collections.unmodifiableMap(new TreeMap<>(byHost));
    byClient = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byClient));
  }

  /**
   * The round {@code [from, from + interval)} of population {@code p} in {@code run}.
   *
   * @param run the run
   * @param p the population
   * @param from the round's start (ns)
   */
  public static SimulatedRound of(RunResult run, ClientPopulation p, long from) {
    Map<String, Integer> byHost = new TreeMap<>();
    Map<Ipv4Address, String> byClient = new LinkedHashMap<>();
    int requests = 0;
    int unanswered = 0;
    for (Timed<ArpAnswered> t : run.arpAnswers()) {
      ArpAnswered a = t.event();
      if (!a.segment().equals(p.segment()) || !a.target().equals(p.target()) || !p.from().includes(a.client())
          || a.requestedAt() < from
          || a.requestedAt() >= from + p.interval()) {
        continue;
      }
      requests++;
      byClient.put(a.client(), a.answeredBy());
      if (a.answered()) {
        byHost.merge(a.answeredBy(), 1, Integer::sum);
      } else {
        unanswered++;
      }
    }
    return new SimulatedRound(from, requests, byHost, unanswered, byClient);
  }

  /** Requests {@code host} answered first in the round. */
  public int countOf(String host) {
    return byHost.getOrDefault(host, 0);
  }
}
