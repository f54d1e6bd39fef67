package org.carpsim.sim.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.frame.Macs;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.history.FrameTransmitted;
import org.carpsim.sim.history.History;
import org.carpsim.sim.history.HistoryEntry;
import org.carpsim.sim.net.Host;
import org.carpsim.sim.net.HostStack;
import org.carpsim.sim.net.Nic;
import org.carpsim.sim.net.World;
import org.carpsim.sim.time.Durations;
import org.carpsim.sim.topology.LinkConditions;
import org.carpsim.sim.topology.Topology;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {

  @TempDir Path dir;

  /** A run whose frames have varied lengths and times that are not round: 3.906250 ms steps. */
  private static World run(History history) {
    World world = World.builder(Topology.builder()
            .hub("lan", LinkConditions.NONE.withLatency(Durations.parse("37us")))
            .hosts("fw1", "fw2")
            .nic("fw1", "em0", "lan")
            .nic("fw2", "em0", "lan")
            .build())
        .history(history)
        .build();
    world.host("fw1").install(new HostStack() {
      int sent;

      @Override
      public void onBoot(Host host) {
        Nic nic = host.nic("em0");
        host.schedule(1, () -> send(host, nic));
      }

      private void send(Host host, Nic nic) {
        byte[] payload = new byte[46 + sent * 7];
        for (int i = 0; i < payload.length; i++) {
          payload[i] = (byte) (i * 31 + sent);
        }
        nic.transmit(Frame.of(Macs.BROADCAST, nic.mac(), 0x88b5, payload));
        sent++;
        if (sent < 20) {
          host.scheduleAfter(Durations.parse("3.90625ms") * sent + sent, () -> send(host, nic));
        }
      }

      @Override
      public void onFrame(Nic nic, Frame frame) {}
    });
    world.host("fw2").install(new HostStack() {
      @Override
      public void onFrame(Nic nic, Frame frame) {
        byte[] echo = frame.toByteArray(); // answer each frame, from fw2's MAC, to fw1
        Macs.write(frame.source(), echo, 0);
        Macs.write(nic.mac(), echo, 6);
        nic.transmit(Frame.wrap(echo));
      }
    });
    world.runUntil(Durations.parse("10s"));
    return world;
  }

  @Test
  void writesTheClassicNanosecondHeaderAndOneRecordPerTransmission() throws IOException {
    World world = run(new History(FrameRecording.ALL));
    Path file = dir.resolve("run.pcap");
    long written = PcapWriter.writeTransmissions(world.history(), file);
    List<HistoryEntry> transmissions = world.history().entriesOf(FrameTransmitted.class);
    assertEquals(40, transmissions.size());
    assertEquals(40, written);

    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0xa1b23c4d, in.getInt());
    assertEquals(2, in.getShort());
    assertEquals(4, in.getShort());
    assertEquals(0, in.getInt());
    assertEquals(0, in.getInt());
    assertEquals(PcapWriter.SNAPLEN, in.getInt());
    assertEquals(PcapFormat.LINKTYPE_ETHERNET, in.getInt());
    for (HistoryEntry entry : transmissions) {
      Frame frame = ((FrameTransmitted) entry.event()).frame();
      assertEquals(entry.time() / 1_000_000_000L, Integer.toUnsignedLong(in.getInt()));
      assertEquals(entry.time() % 1_000_000_000L, in.getInt());
      assertEquals(frame.length(), in.getInt());
      assertEquals(frame.length(), in.getInt());
      byte[] bytes = new byte[frame.length()];
      in.get(bytes);
      assertArrayEquals(frame.array(), bytes);
    }
    assertEquals(0, in.remaining());
  }

  @Test
  void writingLiveGivesTheSameFileWithoutKeepingFrames() throws IOException {
    Path after = dir.resolve("after.pcap");
    PcapWriter.writeTransmissions(run(new History(FrameRecording.ALL)).history(), after);

    Path live = dir.resolve("live.pcap");
    History streamed = new History(FrameRecording.TRANSMISSIONS, false);
    try (PcapWriter writer = PcapWriter.create(live)) {
      streamed.addListener(writer.transmissionListener());
      run(streamed);
      assertEquals(40, writer.records());
    }
    assertEquals(0, streamed.size(), "no frame entries kept");
    assertArrayEquals(Files.readAllBytes(after), Files.readAllBytes(live));
  }

  @Test
  void refusesTimestampsPcapCannotHold() throws IOException {
    try (PcapWriter writer = PcapWriter.to(new ByteArrayOutputStream(), 0)) {
      Frame frame = Frame.of(Macs.BROADCAST, 2, 0x88b5, new byte[0]);
      assertThrows(IllegalArgumentException.class, () -> writer.write(-1, frame));
      assertThrows(IllegalArgumentException.class, () -> writer.write(Long.MAX_VALUE, frame));
    }
  }

  @Test
  void tsharkReadsBackEveryFrameWithExactTimesAndBytes() throws Exception {
    String tshark = findTshark();
    long epoch = 1_700_000_000L * Durations.SECOND; // dated run: November 2023
    World world = run(new History(FrameRecording.TRANSMISSIONS));
    Path file = dir.resolve("tshark.pcap");
    try (PcapWriter writer = PcapWriter.create(file, epoch)) {
      for (HistoryEntry entry : world.history().entriesOf(FrameTransmitted.class)) {
        writer.write(entry.time(), ((FrameTransmitted) entry.event()).frame());
      }
    }
    List<HistoryEntry> transmissions = world.history().entriesOf(FrameTransmitted.class);

    List<String> fields = lines(exec(tshark, "-r", file.toString(), "-T", "fields", "-e", "frame.number",
        "-e", "frame.time_epoch", "-e", "frame.len", "-e", "eth.src", "-e", "eth.dst"));
    assertEquals(transmissions.size(), fields.size(), String.join("\n", fields));
    for (int i = 0; i < fields.size(); i++) {
      HistoryEntry entry = transmissions.get(i);
      Frame frame = ((FrameTransmitted) entry.event()).frame();
      assertEquals(String.join("\t", "" + (i + 1), Durations.formatSeconds(epoch + entry.time()),
              "" + frame.length(), Macs.format(frame.source()), Macs.format(frame.destination())),
          fields.get(i));
    }

    Matcher raw = Pattern.compile("\"frame_raw\": \\[\\s*\"([0-9a-f]+)\"")
        .matcher(exec(tshark, "-r", file.toString(), "-T", "json", "-x"));
    List<String> frames = new ArrayList<>();
    while (raw.find()) {
      frames.add(raw.group(1));
    }
    assertEquals(transmissions.size(), frames.size());
    for (int i = 0; i < frames.size(); i++) {
      assertEquals(HexFormat.of().formatHex(((FrameTransmitted) transmissions.get(i).event()).frame().array()),
          frames.get(i), "bytes of frame " + (i + 1));
    }
  }

  private static String findTshark() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String part : path.split(File.pathSeparator)) {
      Path candidate = Path.of(part, "tshark");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("tshark is not installed, and CI=true requires this check (apt-get install tshark)");
    }
    Assumptions.abort("tshark is not installed: skipping the check that Wireshark reads our pcap files");
    return null;
  }

  private static String exec(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "tshark timed out");
    assertEquals(0, process.exitValue(), "tshark failed: " + err);
    return new String(out, StandardCharsets.UTF_8);
  }

  private static List<String> lines(String text) {
    return text.lines().filter(line -> !line.isBlank()).toList();
  }
}
