package org.carpsim.scenario.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.scenario.history.ArpAnswered;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.net.Host;
import org.carpsim.sim.net.HostStack;
import org.carpsim.sim.net.Nic;

/**
 * A population of simulated clients behind one NIC: each client ARPs for the population's target
 * address at its own phase of the interval, from its own MAC and address, and notes which host's
 * reply reached it first. One NIC stands for them all, which a hub or a learning switch treats
 * exactly as many clients (a switch learns every client MAC on that port).
 */
final class ClientPopulationStack implements PopulationStack {

  private final ClientPopulation population;
  private final ArpReplies arpReplies;
  private Host host;
  private final List<ClientPopulation.Client> clients;
  /** Client address → its request still waiting for a reply. */
  private final Map<Ipv4Address, Pending> pending = new HashMap<>();

  /** A request in flight: when it went out, the host whose reply came first, how many replies came. */
  private static final class Pending {
    final long time;
    String firstBy = "";
    int replies;

    Pending(long time) {
      this.time = time;
    }
  }

  private final Ipv4Address target;

  ClientPopulationStack(ClientPopulation population, ArpReplies arpReplies) {
    this.population = population;
    this.arpReplies = arpReplies;
    this.clients = population.clients();
    this.target = (Ipv4Address) population.target(); // clients that ARP are IPv4 (the parser says so)
  }

  @Override
  public void onBoot(Host host) {
    this.host = host;
    Nic nic = host.nics().get(0);
    for (ClientPopulation.Client c : clients) {
      byte[] request = EthernetFrame.of(MacAddress.BROADCAST, c.mac(),
          new ArpPacket(ArpPacket.REQUEST, c.mac(), (Ipv4Address) c.address(), MacAddress.ZERO, target)).toBytes();
      Frame frame = Frame.wrap(Frames.padToMinimum(request));
      Runnable[] ask = new Runnable[1];
      org.carpsim.sim.engine.Timer timer = host.newTimer(() -> ask[0].run());
      ask[0] = () -> {
        settle((Ipv4Address) c.address());
        pending.put((Ipv4Address) c.address(), new Pending(host.now()));
        nic.transmit(frame);
        timer.armAfter(population.interval());
      };
      if (c.firstRequestAt() >= host.now()) {
        timer.armAfter(c.firstRequestAt() - host.now());
      }
    }
  }

  @Override
  public void onFrame(Nic nic, Frame frame) {
    if (!CarpHostStack.isArpReply(frame.array())) {
      return;
    }
    if (Frames.decode(frame.array()) instanceof EthernetFrame ef && ef.payload() instanceof ArpPacket arp
        && arp.senderIp().equals(target)) {
      Pending p = pending.get(arp.targetIp());
      if (p != null) {
        // Claimed only by the population it answers: another one on the segment may hear it first.
        String sender = arpReplies.claim(frame);
        if (p.replies++ == 0) {
          p.firstBy = sender;
        }
      }
    }
  }

  /**
   * A request is settled when the client asks again: every reply it was going to get has come (a reply
   * takes microseconds, the interval is much longer); none is an unanswered request.
   */
  private void settle(Ipv4Address client) {
    Pending p = pending.remove(client);
    if (p != null) {
      record(client, p);
    }
  }

  private void record(Ipv4Address client, Pending p) {
    host.world().record(new ArpAnswered(p.time, population.segment(), client, target, p.firstBy,
        p.replies));
  }

  /**
   * At the end of the run answered requests are recorded; unanswered ones are left out: their answer
   * may simply not have had time to arrive, and only a client's next request proves that none came.
   */
  @Override
  public void finish() {
    List<Map.Entry<Ipv4Address, Pending>> answered = pending.entrySet().stream().filter(e -> e.getValue().replies > 0)
        .sorted(java.util.Comparator.comparingLong((Map.Entry<Ipv4Address, Pending> e) -> e.getValue().time)
            .thenComparing(e -> e.getKey().value()))
        .toList();
    answered.forEach(e -> record(e.getKey(), e.getValue()));
    pending.clear();
  }
}
