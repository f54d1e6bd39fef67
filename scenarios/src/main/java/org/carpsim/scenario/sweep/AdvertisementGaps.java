package org.carpsim.scenario.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.history.FrameTransmitted;
import org.carpsim.sim.history.HistoryEntry;

/**
 * Takeovers as a capture on the segment shows them (ucarp-lab.md's "last → first"): from the last
 * advertisement of a vhid to the next one from another host, when that gap is longer than the last
 * advertiser's own interval (advbase + advskew/256, read from its advertisement). A preemption, where
 * the old master still advertises once more, and two masters taking turns, both shorter, are not
 * takeovers. Fed every transmission of one run as it happens; IPv4 CARP only. A live run's capture
 * (the conformance module's lab) is read the same way, so the two compare.
 */
public final class AdvertisementGaps implements Consumer<HistoryEntry> {

  private record Last(long time, String host, long intervalNs) {}

  private final Map<String, Last> last = new HashMap<>();
  // (when the takeover ended, how long it took): a scenario of several parts shows them part by part
  private final List<long[]> gaps = new ArrayList<>();

  @Override
  public void accept(HistoryEntry entry) {
    if (!(entry.event() instanceof FrameTransmitted tx)) {
      return;
    }
    Frame f = tx.frame();
    if (f.length() < 14 + 20 + 8 || f.etherType() != 0x0800 || f.byteAt(14 + 9) != 112) {
      return;
    }
    int carp = 14 + (f.byteAt(14) & 0xf) * 4;
    if (f.length() < carp + 8 || f.byteAt(carp) >> 4 != 2 || (f.byteAt(carp) & 0xf) != 1 || f.byteAt(carp + 3) != 7) {
      return; // not a CARP advertisement (VRRP shares protocol 112)
    }
    int vhid = f.byteAt(carp + 1);
    long intervalNs = f.byteAt(carp + 5) * 1_000_000_000L + f.byteAt(carp + 2) * 1_000_000_000L / 256;
    String host = tx.nic().substring(0, tx.nic().indexOf('.'));
    String key = tx.segment() + " " + vhid;
    Last before = last.put(key, new Last(entry.time(), host, intervalNs));
    if (before != null && !before.host().equals(host) && entry.time() - before.time() > before.intervalNs()) {
      gaps.add(new long[] {entry.time(), entry.time() - before.time()});
    }
  }

  /** The takeovers seen so far, in ns, in the order they happened (two parts' at the same instant: by part). */
  public List<Long> takeovers() {
    return gaps.stream().sorted(Comparator.comparingLong(g -> g[0])).map(g -> g[1]).toList();
  }
}
