package org.carpsim.sim.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameAndMacsTest {

  @Test
  void readsTheHeaderFieldsOfAFrame() {
    byte[] bytes = new byte[60];
    bytes[0] = 0x01; bytes[2] = 0x5e; bytes[5] = 0x12;                  // 01:00:5e:00:00:12
    bytes[6] = 0x00; bytes[8] = 0x5e; bytes[10] = 0x01; bytes[11] = 0x01; // 00:00:5e:00:01:01
    bytes[12] = 0x08;
    Frame frame = Frame.wrap(bytes);
    assertEquals("01:00:5e:00:00:12", Macs.format(frame.destination()));
    assertEquals("00:00:5e:00:01:01", Macs.format(frame.source()));
    assertEquals(0x0800, frame.etherType());
    assertTrue(Macs.isGroup(frame.destination()));
    assertFalse(Macs.isGroup(frame.source()));
    assertEquals(60, frame.length());
  }

  @Test
  void buildsFramesAndComparesThemByContent() {
    Frame a = Frame.of(Macs.BROADCAST, 0x020000000001L, 0x0806, new byte[] {1, 2, 3});
    Frame b = Frame.copyOf(a.toByteArray());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a.contentHash(), b.contentHash());
    Frame c = Frame.of(Macs.BROADCAST, 0x020000000001L, 0x0806, new byte[] {1, 2, 4});
    assertNotEquals(a, c);
    assertNotEquals(a.contentHash(), c.contentHash());
    assertEquals("Frame[02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff type 0x0806, 17 bytes]", a.toString());
  }

  @Test
  void refusesFramesShorterThanAnEthernetHeader() {
    assertEquals("an Ethernet frame needs at least 14 bytes (destination, source, type), got 13",
        assertThrows(IllegalArgumentException.class, () -> Frame.wrap(new byte[13])).getMessage());
  }

  @Test
  void parsesAndPrintsMacs() {
    assertEquals(0x00005e000101L, Macs.parse("00:00:5e:00:01:01"));
    assertEquals(0x00005e000101L, Macs.parse("0-0-5E-0-1-1"));
    assertEquals("ff:ff:ff:ff:ff:ff", Macs.format(Macs.BROADCAST));
    assertEquals("bad MAC address '00:00:5e:00:01': expected six hex bytes separated by ':', e.g. 02:00:00:00:00:01",
        assertThrows(IllegalArgumentException.class, () -> Macs.parse("00:00:5e:00:01")).getMessage());
    assertEquals("bad MAC address '00:00:5e:00:01:1g': '1g' is not one byte in hex (00 to ff)",
        assertThrows(IllegalArgumentException.class, () -> Macs.parse("00:00:5e:00:01:1g")).getMessage());
  }
}
