package org.carpsim.sim.net;

import java.util.List;
import org.carpsim.sim.engine.Timer;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.frame.Macs;
import org.carpsim.sim.history.Annotation;

/**
 * A test stack that broadcasts "host#n" every period from an offset, as a CARP master sends
 * adverts, and notes what it hears. With {@code randomOffset} the first send is drawn from the
 * host's own random stream.
 */
final class Beacon implements HostStack {

  private final long offset;
  private final long period;
  private final boolean randomOffset;
  private final Probe probe = new Probe();
  private Timer timer;
  private int sent;

  Beacon(long offset, long period, boolean randomOffset) {
    this.offset = offset;
    this.period = period;
    this.randomOffset = randomOffset;
  }

  List<String> heard() {
    return probe.heard;
  }

  @Override
  public void onBoot(Host host) {
    sent = 0;
    Nic nic = host.nics().get(0);
    timer = host.newTimer(() -> {
      String payload = host.name() + "#" + sent++;
      nic.transmit(Probe.frame(Macs.BROADCAST, nic.mac(), payload));
      if (sent % 10 == 0) {
        host.world().record(Annotation.of("beacon.milestone", List.of(host.name()), "sent", "" + sent));
      }
      timer.armAfter(period);
    });
    long first = randomOffset ? host.random().nextLong(period) : offset;
    timer.armAfter(first);
  }

  @Override
  public void onFrame(Nic nic, Frame frame) {
    probe.onFrame(nic, frame);
  }
}
