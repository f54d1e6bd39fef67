package org.carpsim.carp.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapReader;

/** The real captures of shared/captures, copied into the test resources with their README. */
public final class Captures {

  public static final String UCARP_FAILOVER = "ucarp-failover.pcap";
  public static final String UCARP_WRONGPASS = "ucarp-wrongpass.pcap";
  public static final String KEEPALIVED = "keepalived-vrrp2-failover.pcap";

  private Captures() {}

  public static Path path(String name) {
    try {
      return Path.of(Captures.class.getResource("/captures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  public static List<CaptureRecord> read(String name) {
    List<CaptureRecord> all = new ArrayList<>();
    try (PcapReader r = PcapReader.open(path(name))) {
      for (CaptureRecord rec = r.next(); rec != null; rec = r.next()) {
        all.add(rec);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  /** Every packet of every capture. */
  public static List<byte[]> allFrames() {
    List<byte[]> frames = new ArrayList<>();
    for (String n : List.of(UCARP_FAILOVER, UCARP_WRONGPASS, KEEPALIVED)) {
      read(n).forEach(r -> frames.add(r.data()));
    }
    return frames;
  }
}
