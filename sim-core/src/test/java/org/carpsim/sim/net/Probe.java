package org.carpsim.sim.net;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.frame.Macs;

/** A test stack that writes down what its host hears, as "time nic payload" lines. */
final class Probe implements HostStack {

  static final int TEST_TYPE = 0x88b5; // IEEE local experimental EtherType

  final List<String> heard = new ArrayList<>();
  final List<Frame> frames = new ArrayList<>();
  final List<String> events = new ArrayList<>();
  int boots;

  static Frame frame(long destination, long source, String payload) {
    return Frame.of(destination, source, TEST_TYPE, payload.getBytes(StandardCharsets.US_ASCII));
  }

  static Frame broadcast(Nic from, String payload) {
    return frame(Macs.BROADCAST, from.mac(), payload);
  }

  static String payload(Frame frame) {
    return new String(frame.array(), Frame.HEADER_LENGTH, frame.length() - Frame.HEADER_LENGTH,
        StandardCharsets.US_ASCII);
  }

  @Override
  public void onBoot(Host host) {
    boots++;
    events.add("boot@" + host.now());
  }

  @Override
  public void onFrame(Nic nic, Frame frame) {
    heard.add(nic.host().now() + " " + nic.name() + " " + payload(frame));
    frames.add(frame);
  }

  @Override
  public void onCarrier(Nic nic, boolean up) {
    events.add(nic.name() + (up ? " up@" : " down@") + nic.host().now());
  }

  @Override
  public void onCrash(Host host) {
    events.add("crash@" + host.now());
  }
}
