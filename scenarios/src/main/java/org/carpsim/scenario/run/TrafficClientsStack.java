package org.carpsim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Header;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.Ipv6Header;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborSolicitation;
import org.carpsim.carp.wire.OpaquePayload;
import org.carpsim.carp.wire.Octets;
import org.carpsim.scenario.history.Outage;
import org.carpsim.scenario.history.TrafficCounted;
import org.carpsim.scenario.model.NeighbourCacheModel;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.sim.engine.Timer;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.net.Host;
import org.carpsim.sim.net.Nic;

/**
 * A population of clients that send a packet to a virtual address every interval, each through
 * a neighbour cache of its own ({@link NeighbourCacheModel}): a missing entry is asked for by broadcast
 * (IPv4: an ARP request) or at the target's solicited-node group (IPv6: a neighbour solicitation) while
 * the packets wait (at most {@link #QUEUE}), an aged one is probed by unicast where the model keeps
 * using it, and announcements (gratuitous ARPs, unsolicited neighbour advertisements) update (or, where
 * the model says so, create) entries. Only the frames differ between the families ({@link
 * Resolution}); the cache, the counting and the outages are one code. Each packet is
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
  private final NeighbourCacheModel model;
  private final Resolution resolution;
  /** The target, as the packets carry it for the hosts' takers: one of the two, the other null. */
  private final Ipv4Address target4;
  private final Ipv6Address target6;
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
    final IpAddress address;
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
    this.target4 = population.target() instanceof Ipv4Address a ? a : null;
    this.target6 = population.target() instanceof Ipv6Address a ? a : null;
    this.resolution = target4 != null ? new Arp() : new NeighbourDiscovery();
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
      request(c, null);
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
          request(c, null);
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
    resolution.onFrame(frame.array());
  }

  /** The big-endian 32-bit value at {@code offset} (an ARP sender's IPv4 address at 28). */
  private static int readInt(byte[] f, int offset) {
    return (f[offset] & 0xff) << 24 | (f[offset + 1] & 0xff) << 16 | (f[offset + 2] & 0xff) << 8 | (f[offset + 3] & 0xff);
  }

  /** The big-endian 64-bit value at {@code offset}. */
  private static long readLong(byte[] f, int offset) {
    return (long) readInt(f, offset) << 32 | (readInt(f, offset + 4) & 0xffff_ffffL);
  }

  /** The client whose MAC a frame is addressed to and whose address it names, or null. */
  private Client addressee(MacAddress to, IpAddress address) {
    long index = to.value() - population.firstMac().value();
    if (index >= 0 && index < clients.length && clients[(int) index].address.equals(address)) {
      return clients[(int) index];
    }
    return null;
  }

  /**
   * An answer to the client's own request or probe (RFC 4861 §7.2.5; an ARP reply always overrides):
   * the entry is fresh; without the Override flag another MAC only turns a fresh entry stale.
   */
  private void answered(Client c, MacAddress mac, boolean override) {
    if (c.cached != null && !override && !mac.equals(c.cached)) {
      c.freshUntil = Math.min(c.freshUntil, host.now());
      return;
    }
    learn(c, mac);
  }

  /** An answer to the client's own request or probe: the entry is fresh. */
  private void learn(Client c, MacAddress mac) {
    c.cached = mac;
    c.freshUntil = host.now() + reachable();
    c.phase = Phase.NONE;
    c.arpTimer.cancel();
    flush(c);
  }

  /**
   * An announcement (a gratuitous ARP, an unsolicited NA): it updates an entry that exists (stale
   * until confirmed, on Linux) or, where the model creates entries, makes one; with neighbour discovery
   * an entry being asked for exists (INCOMPLETE) and takes it; without the Override flag another MAC
   * only turns a fresh entry stale.
   */
  private void announced(Client c, MacAddress mac, boolean override) {
    boolean incomplete = c.phase == Phase.REQUEST && resolution.incompleteEntries();
    if (c.cached == null && !incomplete && !model.announcementCreates()) {
      return;
    }
    if (c.cached != null && !override && !mac.equals(c.cached)) {
      c.freshUntil = Math.min(c.freshUntil, host.now());
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

  /** Asks for the target's MAC: by unicast to {@code to}, or (null) everyone who may hold it. */
  private void request(Client c, MacAddress to) {
    nic.transmit(Frame.wrap(Frames.padToMinimum(resolution.request(c, to))));
  }

  private void transmit(Client c, long now) {
    if (!c.cached.equals(c.packetBytesFor)) {
      c.packetBytes = Frames.padToMinimum(resolution.packet(c, c.cached));
      c.packetBytesFor = c.cached;
    }
    // a frame object per packet (the host that takes it counts itself in it); the bytes never change
    TrafficPacket packet = new TrafficPacket(c.packetBytes, c.cached, target4, target6, now);
    c.inFlight.add(packet);
    nic.transmit(packet);
  }

  /** What differs between the families: the frames a client sends, and how it reads the answers. */
  private interface Resolution {
    /** A request for the target's MAC: unicast to {@code to}, or (null) to everyone who may hold it. */
    byte[] request(Client c, MacAddress to);

    /** A packet to the target, sent to {@code to}. */
    byte[] packet(Client c, MacAddress to);

    /** Reads a frame the clients' NIC received: answers and announcements for the target. */
    void onFrame(byte[] f);

    /** Whether an entry being asked for exists and takes an announcement (RFC 4861's INCOMPLETE). */
    boolean incompleteEntries();
  }

  /** IPv4: ARP requests and replies, gratuitous ARPs; UDP to the discard port. */
  private final class Arp implements Resolution {

    @Override
    public byte[] request(Client c, MacAddress to) {
      return EthernetFrame.of(to == null ? MacAddress.BROADCAST : to, c.mac, new ArpPacket(ArpPacket.REQUEST, c.mac,
          (Ipv4Address) c.address, MacAddress.ZERO, target4)).toBytes();
    }

    @Override
    public byte[] packet(Client c, MacAddress to) {
      Ipv4Header ip = Ipv4Header.create(0, 0, Ipv4Header.DONT_FRAGMENT, 64, 17, (Ipv4Address) c.address, target4,
          UDP_DISCARD.length);
      return EthernetFrame.of(to, c.mac, new Ipv4Packet(ip, new OpaquePayload(Octets.copyOf(UDP_DISCARD)))).toBytes();
    }

    @Override
    public void onFrame(byte[] f) {
      if (f.length < 42 || f[12] != 0x08 || f[13] != 0x06 || readInt(f, 28) != target4.value()
          || !(Frames.decode(f) instanceof EthernetFrame ef && ef.payload() instanceof ArpPacket arp)
          || !arp.senderIp().equals(target4)) {
        return;
      }
      if (arp.targetIp().equals(target4)) {
        for (Client c : clients) { // a gratuitous ARP: every client's cache hears it
          announced(c, arp.senderMac(), true);
        }
      } else if (arp.operation() == ArpPacket.REPLY) {
        Client c = addressee(arp.targetMac(), arp.targetIp());
        if (c != null) {
          learn(c, arp.senderMac());
        }
      }
    }

    @Override
    public boolean incompleteEntries() {
      return false;
    }
  }

  /**
   * IPv6: neighbour solicitations (to the target's solicited-node group, or unicast to probe) and
   * advertisements (solicited to the client, unsolicited to ff02::1), RFC 4861; UDP to the discard port.
   */
  private final class NeighbourDiscovery implements Resolution {

    private static final int NA = 136;

    @Override
    public byte[] request(Client c, MacAddress to) {
      Ipv6Address dst = to == null ? target6.solicitedNode() : target6;
      MacAddress dstMac = to == null ? Frames.multicastMac(dst) : to;
      return EthernetFrame.of(dstMac, c.mac, Ipv6Packet.of(0, 0, 255, (Ipv6Address) c.address, dst,
          NeighborSolicitation.of(target6, c.mac))).toBytes();
    }

    @Override
    public byte[] packet(Client c, MacAddress to) {
      Ipv6Address src = (Ipv6Address) c.address;
      byte[] udp = UDP_DISCARD.clone();
      byte[] pseudo = new byte[40];
      src.write(pseudo, 0);
      target6.write(pseudo, 16);
      pseudo[35] = (byte) udp.length;
      pseudo[39] = 17;
      int sum = ~InternetChecksum.fold(InternetChecksum.add(InternetChecksum.add(0, pseudo, 0, 40), udp, 0, udp.length))
          & 0xffff;
      sum = sum == 0 ? 0xffff : sum; // RFC 8200 §8.1: a zero checksum is sent as all ones
      udp[6] = (byte) (sum >>> 8);
      udp[7] = (byte) sum;
      Ipv6Header ip = new Ipv6Header(0, 0, udp.length, 17, 64, src, target6);
      return EthernetFrame.of(to, c.mac, new Ipv6Packet(ip, Octets.EMPTY, new OpaquePayload(Octets.copyOf(udp)),
          Octets.EMPTY)).toBytes();
    }

    /**
     * An NA for the target: solicited (to one client, who asked) or not (to all nodes); flags at 58
     * (Router, Solicited, Override), the target at 62, its options from 78 (the target link-layer
     * address, type 2). One without that option names no MAC and changes nothing here.
     */
    @Override
    public void onFrame(byte[] f) {
      if (f.length < 86 || f[12] != (byte) 0x86 || f[13] != (byte) 0xdd || f[20] != 58 || (f[54] & 0xff) != NA
          || readLong(f, 62) != target6.hi() || readLong(f, 70) != target6.lo()) {
        return;
      }
      MacAddress tlla = null;
      int payloadEnd = Math.min(f.length, 54 + ((f[18] & 0xff) << 8 | (f[19] & 0xff)));
      for (int o = 78; o + 8 <= payloadEnd && f[o + 1] != 0; o += (f[o + 1] & 0xff) * 8) {
        if (f[o] == 2 && f[o + 1] == 1) {
          tlla = new MacAddress(readLong(f, o) << 16 >>> 16);
        }
      }
      if (tlla == null) {
        return;
      }
      boolean solicited = (f[58] & 0x40) != 0;
      boolean override = (f[58] & 0x20) != 0;
      if (!solicited) {
        for (Client c : clients) { // an unsolicited NA to all nodes: every client's cache hears it
          announced(c, tlla, override);
        }
        return;
      }
      Client c = addressee(new MacAddress(readLong(f, 0) >>> 16), Ipv6Address.read(f, 38));
      if (c != null) {
        answered(c, tlla, override);
      }
    }

    @Override
    public boolean incompleteEntries() {
      return true;
    }
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
