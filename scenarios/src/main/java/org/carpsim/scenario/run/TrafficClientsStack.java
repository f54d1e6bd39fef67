package org.carpsim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Header;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.OpaquePayload;
import org.carpsim.carp.wire.Octets;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.scenario.model.ArpCacheModel;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.sim.engine.Timer;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.net.Host;
import org.carpsim.sim.net.Nic;

/**
 * A population of clients that send a packet to a virtual address every interval, each through
 * an ARP cache of its own ({@link ArpCacheModel}): a missing entry is asked for by broadcast (the
 * packets wait, at most {@link #QUEUE}), an aged one is probed by unicast where the model keeps
 * using it, and gratuitous ARPs update (or, with {@code arp_accept}, create) entries. Each packet is
 * a real frame to the cached MAC, so the segment's hub or switch decides who receives it; the hosts
 * that take it (a MASTER holding the address) are counted, and the client settles it when it sends
 * its next: served, taken twice, or lost. A client's run of lost packets once it had been served is
 * an {@link Outage} (the seconds before the first master of a run are no outage); a client never
 * served at all has one outage, from its first packet to the end.
 */
final class TrafficClientsStack implements PopulationStack {

  /** Packets a missing entry holds while it is asked for (Linux's {@code unres_qlen} in packets). */
  static final int QUEUE = 3;
  private static final byte[] UDP_DISCARD = {0, 9, 0, 9, 0, 8, 0, 0};

  private enum Phase { NONE, DELAY, PROBE, REQUEST }

  private final ClientPopulation population;
  private final ArpCacheModel model;
  /** Packets sent this close to the end may still be on the wire: they are not counted. */
  private final long inFlightMargin;
  /** Lost packets are counted per bucket of this width, by the time they were sent. */
  private final long bucket;
  private long[] lostPerBucket = new long[0];
  private Host host;
  private Nic nic;
  private Client[] clients = new Client[0];
  private long sent;
  private long served;
  private long twice;
  private long lost;

  /** One client: its cache entry for the target, its pending resolution, its packets in flight. */
  private final class Client {
    final MacAddress mac;
    final Ipv4Address address;
    final List<TrafficPacket> inFlight = new ArrayList<>(1);
    /** The packet's bytes for the MAC last cached: built once per MAC, shared by every packet to it. */
    byte[] packetBytes;
    MacAddress packetBytesFor;
    Timer sendTimer;
    Timer arpTimer;
    MacAddress cached;
    long freshUntil;
    Phase phase = Phase.NONE;
    int tries;
    int queued;
    long queuedSince;
    long outageFrom = -1;
    long outageLost;
    long firstSent = -1;
    long lostBeforeServed;
    boolean served;

    Client(ClientPopulation.Client c) {
      this.mac = c.mac();
      this.address = c.address();
    }
  }

  TrafficClientsStack(ClientPopulation population, long inFlightMargin, long bucket) {
    this.population = population;
    this.model = population.cache().orElseThrow();
    this.inFlightMargin = inFlightMargin;
    this.bucket = bucket;
  }

  @Override
  public void onBoot(Host booted) {
    host = booted;
    nic = booted.nics().get(0);
    List<ClientPopulation.Client> all = population.clients();
    clients = new Client[all.size()];
    for (int i = 0; i < clients.length; i++) {
      Client c = new Client(all.get(i));
      clients[i] = c;
      c.sendTimer = host.newTimer(() -> {
        send(c);
        c.sendTimer.armAfter(population.interval());
      });
      c.arpTimer = host.newTimer(() -> arpTimerFired(c));
      long first = all.get(i).firstRequestAt();
      if (first >= host.now()) {
        c.sendTimer.armAfter(first - host.now());
      }
    }
  }

  private void send(Client c) {
    settle(c, Long.MAX_VALUE);
    long now = host.now();
    if (c.cached != null && now >= c.freshUntil && !model.staleUsable()) {
      c.cached = null; // aged out: asked for again
    }
    if (c.cached == null) {
      enqueue(c, now);
      return;
    }
    transmit(c, now);
    if (now >= c.freshUntil && c.phase == Phase.NONE) {
      // a stale entry is used for delay_first_probe_time, then probed by unicast
      c.phase = Phase.DELAY;
      c.arpTimer.armAfter(model.delayFirstProbe());
    }
  }

  private void enqueue(Client c, long now) {
    if (c.queued == 0) {
      c.queuedSince = now;
    }
    if (c.queued < QUEUE) {
      c.queued++;
    } else {
      lose(c, now, 1); // the queue is full: the oldest waiting packet is dropped, counted as lost now
    }
    if (c.phase != Phase.REQUEST) {
      c.phase = Phase.REQUEST;
      c.tries = 1;
      request(c, MacAddress.BROADCAST);
      c.arpTimer.armAfter(model.retransmit());
    }
  }

  private void arpTimerFired(Client c) {
    switch (c.phase) {
      case DELAY -> {
        c.phase = Phase.PROBE;
        c.tries = 1;
        request(c, c.cached);
        c.arpTimer.armAfter(model.retransmit());
      }
      case PROBE -> {
        if (c.tries < model.unicastProbes()) {
          c.tries++;
          request(c, c.cached);
          c.arpTimer.armAfter(model.retransmit());
        } else {
          c.cached = null; // FAILED: the next packet asks by broadcast
          c.phase = Phase.NONE;
        }
      }
      case REQUEST -> {
        if (c.tries < model.requestTries()) {
          c.tries++;
          request(c, MacAddress.BROADCAST);
          c.arpTimer.armAfter(model.retransmit());
        } else {
          c.phase = Phase.NONE;
          if (c.queued > 0) {
            lose(c, c.queuedSince, c.queued); // nobody answered: the waiting packets are dropped
            c.queued = 0;
          }
        }
      }
      case NONE -> { }
    }
  }

  @Override
  public void onFrame(Nic at, Frame frame) {
    byte[] f = frame.array();
    if (f.length < 42 || f[12] != 0x08 || f[13] != 0x06 || readInt(f, 28) != population.target().value()
        || !(Frames.decode(f) instanceof EthernetFrame ef && ef.payload() instanceof ArpPacket arp)
        || !arp.senderIp().equals(population.target())) {
      return;
    }
    if (arp.targetIp().equals(population.target())) {
      for (Client c : clients) { // a gratuitous ARP: every client's cache hears it
        announced(c, arp.senderMac());
      }
    } else if (arp.operation() == ArpPacket.REPLY) {
      long index = arp.targetMac().value() - population.firstMac().value();
      if (index >= 0 && index < clients.length && clients[(int) index].address.equals(arp.targetIp())) {
        learn(clients[(int) index], arp.senderMac());
      }
    }
  }

  /** The big-endian 32-bit value at {@code offset} (an ARP sender's IPv4 address at 28). */
  private static int readInt(byte[] f, int offset) {
    return (f[offset] & 0xff) << 24 | (f[offset + 1] & 0xff) << 16 | (f[offset + 2] & 0xff) << 8 | (f[offset + 3] & 0xff);
  }

  /** An answer to the client's own request or probe: the entry is fresh. */
  private void learn(Client c, MacAddress mac) {
    c.cached = mac;
    c.freshUntil = host.now() + reachable();
    c.phase = Phase.NONE;
    c.arpTimer.cancel();
    flush(c);
  }

  /** A gratuitous ARP: it updates an entry that exists (stale until confirmed, on Linux), or creates one with arp_accept. */
  private void announced(Client c, MacAddress mac) {
    if (c.cached == null && !model.garpCreates()) {
      return;
    }
    c.cached = mac;
    c.freshUntil = model.staleUsable() ? host.now() : host.now() + reachable();
    if (c.phase == Phase.REQUEST || c.phase == Phase.PROBE) {
      c.phase = Phase.NONE;
      c.arpTimer.cancel();
    }
    flush(c);
  }

  private void flush(Client c) {
    long now = host.now();
    for (; c.queued > 0; c.queued--) {
      transmit(c, now);
    }
  }

  private long reachable() {
    long span = model.reachableMax() - model.reachableMin();
    return model.reachableMin() + (span == 0 ? 0 : host.random().nextLong(span + 1));
  }

  private void request(Client c, MacAddress to) {
    byte[] bytes = EthernetFrame.of(to, c.mac, new ArpPacket(ArpPacket.REQUEST, c.mac, c.address, MacAddress.ZERO,
        population.target())).toBytes();
    nic.transmit(Frame.wrap(Frames.padToMinimum(bytes)));
  }

  private void transmit(Client c, long now) {
    if (!c.cached.equals(c.packetBytesFor)) {
      Ipv4Header ip = Ipv4Header.create(0, 0, Ipv4Header.DONT_FRAGMENT, 64, 17, c.address, population.target(),
          UDP_DISCARD.length);
      c.packetBytes = Frames.padToMinimum(EthernetFrame.of(c.cached, c.mac,
          new Ipv4Packet(ip, new OpaquePayload(Octets.copyOf(UDP_DISCARD)))).toBytes());
      c.packetBytesFor = c.cached;
    }
    // a frame object per packet (the host that takes it counts itself in it); the bytes never change
    TrafficPacket packet = new TrafficPacket(c.packetBytes, c.cached, population.target(), now);
    c.inFlight.add(packet);
    nic.transmit(packet);
  }

  /** Settles the client's packets sent before {@code before}: served, taken twice, or lost. */
  private void settle(Client c, long before) {
    for (int i = 0; i < c.inFlight.size(); i++) {
      TrafficPacket p = c.inFlight.get(i);
      if (p.sentAt >= before) {
        continue;
      }
      sent++;
      c.firstSent = c.firstSent < 0 ? p.sentAt : c.firstSent;
      if (p.takers == 0) {
        lost++;
        countLost(p.sentAt, 1);
        startOutage(c, p.sentAt, 1);
      } else {
        if (p.takers == 1) {
          served++;
        } else {
          twice++;
        }
        c.served = true;
        endOutage(c, p.sentAt, false);
      }
    }
    c.inFlight.clear();
  }

  private void lose(Client c, long at, int count) {
    sent += count;
    lost += count;
    countLost(at, count);
    c.firstSent = c.firstSent < 0 ? at : c.firstSent;
    startOutage(c, at, count);
  }

  private void countLost(long at, int count) {
    int i = (int) (at / bucket);
    if (i >= lostPerBucket.length) {
      lostPerBucket = java.util.Arrays.copyOf(lostPerBucket, i + 1);
    }
    lostPerBucket[i] += count;
  }

  private void startOutage(Client c, long at, long count) {
    if (!c.served) {
      c.lostBeforeServed += count;
      return;
    }
    if (c.outageFrom < 0) {
      c.outageFrom = at;
    }
    c.outageLost += count;
  }

  private void endOutage(Client c, long at, boolean open) {
    if (c.outageFrom >= 0) {
      host.world().record(new Outage(population.segment(), c.address, population.target(), c.outageFrom, at,
          c.outageLost, open));
      c.outageFrom = -1;
      c.outageLost = 0;
    }
  }

  /**
   * Settles what can be: packets sent up to {@link #inFlightMargin} before the end (later ones may
   * still be on the wire and are not counted, nor are packets still waiting for an ARP answer);
   * closes the outages still open, and records the totals.
   */
  @Override
  public void finish() {
    long end = host.now();
    for (Client c : clients) {
      settle(c, end - inFlightMargin);
      if (!c.served && c.firstSent >= 0) {
        c.outageFrom = c.firstSent; // never served: its traffic went nowhere from its first packet on
        c.outageLost = c.lostBeforeServed;
      }
      endOutage(c, end, true);
    }
    List<Long> buckets = new ArrayList<>();
    for (long n : lostPerBucket) {
      buckets.add(n);
    }
    host.world().record(new TrafficCounted(population.segment(), population.target(), clients.length, sent, served,
        twice, lost, bucket, buckets));
  }
}
