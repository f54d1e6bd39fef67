package org.carpsim.conformance.replay;

import java.util.Optional;
import java.util.OptionalInt;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.Ipv4Packet;

/**
 * Which captured frames a replay sends. All conditions must hold.
 *
 * @param vhid only CARP advertisements of this vhid (everything else, ARP included, is left out)
 * @param source only frames from this IPv4 address: the IPv4 source, or an ARP packet's sender
 *     address
 * @param firstFrame the first record number to send (1-based, as {@code carpsim decode} numbers them)
 * @param lastFrame the last record number to send
 */
public record ReplayFilter(OptionalInt vhid, Optional<Ipv4Address> source, long firstFrame, long lastFrame) {

  /** Every frame. */
  public static final ReplayFilter ALL = new ReplayFilter(OptionalInt.empty(), Optional.empty(), 1, Long.MAX_VALUE);

  public ReplayFilter {
    if (vhid.isPresent() && (vhid.getAsInt() < 1 || vhid.getAsInt() > 255)) {
      throw new IllegalArgumentException("--vhid " + vhid.getAsInt() + " is out of range 1..255");
    }
    if (firstFrame < 1 || lastFrame < firstFrame) {
      throw new IllegalArgumentException("--frames " + firstFrame + "-" + lastFrame
          + " is not a range of record numbers (1-based, first ≤ last)");
    }
  }

  /** The same filter keeping only CARP advertisements of {@code n}. */
  public ReplayFilter withVhid(int n) {
    return new ReplayFilter(OptionalInt.of(n), source, firstFrame, lastFrame);
  }

  /** The same filter keeping only frames from {@code address}. */
  public ReplayFilter withSource(Ipv4Address address) {
    return new ReplayFilter(vhid, Optional.of(address), firstFrame, lastFrame);
  }

  /** The same filter keeping only records {@code first..last}. */
  public ReplayFilter withFrames(long first, long last) {
    return new ReplayFilter(vhid, source, first, last);
  }

  /** True when every condition accepts only on record number: no decoding needed. */
  public boolean matchesAnyContent() {
    return vhid.isEmpty() && source.isEmpty();
  }

  /** Whether record {@code number} with Ethernet bytes {@code frame} is sent. */
  public boolean accepts(long number, byte[] frame) {
    if (number < firstFrame || number > lastFrame) {
      return false;
    }
    if (matchesAnyContent()) {
      return true;
    }
    if (!(Frames.decode(frame) instanceof EthernetFrame f)) {
      return false; // malformed: no vhid or source to match
    }
    if (vhid.isPresent() && f.carpAdvertisement().map(ad -> ad.vhid() != vhid.getAsInt()).orElse(true)) {
      return false;
    }
    if (source.isPresent()) {
      Ipv4Address from = f.payload() instanceof Ipv4Packet p ? p.header().source()
          : f.payload() instanceof ArpPacket a ? a.senderIp() : null;
      return source.get().equals(from);
    }
    return true;
  }

  /** Parses {@code A-B}, {@code A-} or {@code A} (record numbers). */
  public static long[] parseRange(String text) {
    String t = text.trim();
    try {
      int dash = t.indexOf('-');
      if (dash < 0) {
        long n = Long.parseLong(t);
        return new long[] {n, n};
      }
      long first = dash == 0 ? 1 : Long.parseLong(t.substring(0, dash).trim());
      String rest = t.substring(dash + 1).trim();
      long last = rest.isEmpty() ? Long.MAX_VALUE : Long.parseLong(rest);
      return new long[] {first, last};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--frames '" + text + "' is not a range of record numbers: use A-B, A- or N");
    }
  }
}
