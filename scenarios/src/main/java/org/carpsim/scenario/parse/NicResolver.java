package org.carpsim.scenario.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.scenario.model.Ipv4Prefix;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.NicAddress;
import org.carpsim.scenario.model.Segment;

/**
 * Resolves the {@code nic} lines: the segment exists, the addresses lie in its subnet and are not
 * taken, the MACs are unicast, not CARP's virtual ones, and unique on their segment.
 */
final class NicResolver {

  private static final long CARP_VIRTUAL_PREFIX = 0x00005e000100L;

  private final FileParser f;
  /** "segment address" → NIC holding it. */
  private final Map<String, String> addressOwners = new HashMap<>();
  /** "segment mac" → NIC holding it. */
  private final Map<SegmentMac, String> macOwners = new HashMap<>();

  /** A MAC on a segment, as a key (formatting every MAC as text was a tenth of the parse). */
  private record SegmentMac(String segment, long mac) {}

  NicResolver(FileParser f) {
    this.f = f;
  }

  void resolve() {
    for (HostDraft h : f.hosts.values()) {
      for (HostDraft.NicDraft d : h.nicDrafts) {
        try {
          h.nics.add(resolve(h, d));
        } catch (LineError e) {
          f.diag.error(d.line(), e);
        }
      }
    }
  }

  private Nic resolve(HostDraft h, HostDraft.NicDraft d) {
    Segment seg = f.segment(d.segmentWord());
    String qualified = h.name + "." + d.name();
    List<NicAddress> addresses = new ArrayList<>();
    for (Word w : d.addressWords()) {
      NicAddress a = Values.nicAddress(w, seg.ipv4().map(Ipv4Prefix::length), seg.ipv6().map(p -> p.length()));
      check(seg, w, a, d);
      String key = seg.name() + " " + (a instanceof NicAddress.Inet4 a4 ? a4.address() : ((NicAddress.Inet6) a).address());
      String owner = addressOwners.putIfAbsent(key, qualified);
      if (owner != null) {
        throw new LineError(w.start(), "address " + key.substring(key.indexOf(' ') + 1) + " is already taken by "
            + owner + " on segment " + seg.name());
      }
      addresses.add(a);
    }
    MacAddress mac = d.mac().orElseGet(() -> Nic.derivedMac(h.name, d.name()));
    int macAt = d.macWord().map(Word::start).orElse(d.nameWord().start());
    if (d.mac().isPresent()) {
      checkGivenMac(mac, macAt);
    }
    String owner = macOwners.putIfAbsent(new SegmentMac(seg.name(), mac.value()), qualified);
    if (owner != null) {
      throw new LineError(macAt, "MAC " + mac + " is already used by " + owner + " on segment " + seg.name()
          + (d.mac().isPresent() ? "" : "; give this NIC its own with 'mac'"));
    }
    return new Nic(h.name, d.name(), seg.name(), addresses, mac, d.mac().isPresent(), d.conditions(), d.policy(),
        d.origin());
  }

  private void check(Segment seg, Word w, NicAddress a, HostDraft.NicDraft d) {
    if (a instanceof NicAddress.Inet4 a4) {
      Optional<Ipv4Prefix> subnet = seg.ipv4();
      if (subnet.isPresent()) {
        Ipv4Prefix s = subnet.get();
        if (!s.contains(a4.address())) {
          throw new LineError(w.start(), "address " + a4.address() + " is outside the subnet " + s + " of segment "
              + seg.name());
        }
        if (!s.isHostAddress(a4.address())) {
          throw new LineError(w.start(), "address " + a4.address() + " is the " + (a4.address().equals(s.network())
              ? "network" : "broadcast") + " address of " + s + "; a NIC needs a host address");
        }
        if (a4.prefixLength() != s.length()) {
          f.diag.warn(d.line(), w.start(), "prefix length /" + a4.prefixLength() + " differs from the /" + s.length()
              + " of segment " + seg.name());
        }
      }
    } else {
      NicAddress.Inet6 a6 = (NicAddress.Inet6) a;
      if (seg.ipv6().isPresent() && !seg.ipv6().get().contains(a6.address())) {
        throw new LineError(w.start(), "address " + a6.address() + " is outside the prefix " + seg.ipv6().get()
            + " of segment " + seg.name());
      }
    }
  }

  private static void checkGivenMac(MacAddress mac, int at) {
    if ((mac.value() >>> 40 & 1) != 0) {
      throw new LineError(at, "MAC " + mac + " is a group (multicast) address; a NIC needs a unicast MAC "
          + "(an even first byte, e.g. 02:…)");
    }
    if (mac.value() == 0) {
      throw new LineError(at, "MAC 00:00:00:00:00:00 is not a usable NIC address");
    }
    if ((mac.value() & ~0xffL) == CARP_VIRTUAL_PREFIX) {
      throw new LineError(at, "MAC " + mac + " is the CARP virtual MAC of vhid " + (mac.value() & 0xff)
          + "; give the NIC its own MAC");
    }
  }
}
