package org.carpsim.sim.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.frame.Macs;
import org.junit.jupiter.api.Test;

class HistoryTest {

  private static final Frame FRAME = Frame.of(Macs.BROADCAST, 0x020000000001L, 0x0806, new byte[46]);

  private static History sample() {
    History history = new History();
    history.record(0, new Fault.Boot("fw1"));
    history.record(1_000, new FrameTransmitted("fw1.em0", "lan", FRAME));
    history.record(2_000, new FrameDelivered(1, "fw2.em0", "lan"));
    history.record(2_000, new FrameDropped(1, "fw3.em0", "lan", DropReason.LOSS));
    history.record(3_000_000_000L, Annotation.of("carp.state", List.of("fw2", "fw2.carp0"),
        "vhid", "1", "from", "BACKUP", "to", "MASTER", "reason", "master timed out"));
    history.record(4_000_000_000L, new Fault.Link("fw2.em0", false));
    return history;
  }

  @Test
  void serialisesOneCanonicalLinePerEntry() {
    String hash = String.format("%016x", FRAME.contentHash());
    assertEquals(
        "0 0.000000000 boot fw1\n"
            + "1 0.000001000 tx fw1.em0 lan 60 02:00:00:00:00:01>ff:ff:ff:ff:ff:ff 0806 h=" + hash + "\n"
            + "2 0.000002000 rx #1 fw2.em0 lan\n"
            + "3 0.000002000 drop #1 fw3.em0 lan LOSS\n"
            + "4 3.000000000 carp.state fw2,fw2.carp0 vhid=1 from=BACKUP to=MASTER reason=\"master timed out\"\n"
            + "5 4.000000000 link fw2.em0 down\n",
        sample().toText());
    StringBuilder written = new StringBuilder();
    sample().writeText(written);
    assertEquals(sample().toText(), written.toString());
  }

  @Test
  void selectsByTimeRangeHalfOpen() {
    History history = sample();
    assertEquals(List.of(1L, 2L, 3L), sequences(history.between(1_000, 3_000_000_000L)));
    assertEquals(List.of(2L, 3L, 4L), sequences(history.between(2_000, 3_000_000_001L)));
    assertEquals(List.of(), sequences(history.between(5, 5)));
    assertEquals(List.of(), sequences(history.between(5_000_000_000L, 6_000_000_000L)));
  }

  @Test
  void selectsByEntityIncludingAHostsNics() {
    History history = sample();
    assertEquals(List.of(2L, 4L, 5L), sequences(history.about("fw2")));
    assertEquals(List.of(2L, 5L), sequences(history.about("fw2.em0")));
    assertEquals(List.of(1L, 2L, 3L), sequences(history.about("lan")));
    assertEquals(List.of(4L), sequences(history.about("fw2.carp0")));
    assertEquals(List.of(0L, 5L), sequences(history.entriesOf(Fault.class)));
  }

  @Test
  void refusesEntriesOutOfTimeOrder() {
    History history = sample();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> history.record(5, new Fault.Crash("fw1")));
    assertEquals("history entries must come in time order: 5ns is before the last entry at 4000000000ns",
        e.getMessage());
  }

  @Test
  void quotesAnnotationValuesThatAreNotOneWord() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("empty", "");
    attributes.put("quote", "say \"hi\"");
    attributes.put("eq", "a=b");
    attributes.put("lines", "one\ntwo\\");
    attributes.put("bell", "\u0007");
    StringBuilder out = new StringBuilder();
    new Annotation("note", List.of(), attributes).appendDetails(out);
    assertEquals("- empty=\"\" quote=\"say \\\"hi\\\"\" eq=\"a=b\" lines=\"one\\ntwo\\\\\" bell=\"\\u0007\"",
        out.toString());
    assertThrows(IllegalArgumentException.class, () -> Annotation.of("two words", List.of()));
    assertThrows(IllegalArgumentException.class, () -> Annotation.of("k", List.of(), "odd"));
  }

  @Test
  void listenersSeeFrameEntriesThatAreNotRetained() {
    History history = new History(FrameRecording.TRANSMISSIONS, false);
    List<String> seen = new ArrayList<>();
    history.addListener(entry -> seen.add(entry.kind()));
    history.record(0, new FrameTransmitted("fw1.em0", "lan", FRAME));
    history.skip(3);
    history.record(1, new Fault.Crash("fw1"));
    assertEquals(List.of("tx", "crash"), seen);
    assertEquals(1, history.size());
    assertEquals("4 0.000000001 crash fw1\n", history.toText(), "skipped numbers are used up");
  }

  private static List<Long> sequences(List<HistoryEntry> entries) {
    return entries.stream().map(HistoryEntry::sequence).toList();
  }
}
