package org.carpsim.carp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.carpsim.carp.profile.Wording.LogEvent;
import org.carpsim.carp.profile.Wording.LogFilter;
import org.junit.jupiter.api.Test;

class WordingTest {

  @Test
  void fillReplacesEachNamedValue() {
    assertEquals("carp: 1@em0: INIT -> BACKUP (initialization complete)",
        Wording.fill("carp: {vhid}@{if}: {from} -> {to} ({reason})",
            "if", "em0", "vhid", 1, "from", CarpState.INIT, "to", CarpState.BACKUP,
            "reason", "initialization complete"));
    assertEquals("no values", Wording.fill("no values"));
  }

  @Test
  void aNameWithoutAValueIsAMistake() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Wording.fill("{if}: {ttl}", "if", "carp0"));
    assertEquals("no value for {ttl}", e.getMessage());
  }

  @Test
  void filtersAsEachSystemFilters() {
    assertTrue(LogFilter.AT_MOST_THE_SYSCTL.prints(Wording.LOG_CRIT, 2));
    assertFalse(LogFilter.AT_MOST_THE_SYSCTL.prints(Wording.LOG_WARNING, 2));
    assertTrue(LogFilter.WHEN_NON_ZERO.prints(Wording.LOG_DEBUG, 1));
    assertFalse(LogFilter.WHEN_NON_ZERO.prints(Wording.LOG_CRIT, 0));
    assertTrue(LogFilter.DEBUG_ABOVE_ONE.prints(Wording.LOG_INFO, 1));
    assertFalse(LogFilter.DEBUG_ABOVE_ONE.prints(Wording.LOG_DEBUG, 1));
    assertTrue(LogFilter.DEBUG_ABOVE_ONE.prints(Wording.LOG_DEBUG, 2));
    assertFalse(LogFilter.NEVER.prints(Wording.LOG_CRIT, 7));
  }

  /** Every template of every profile fills with the values its event names, so none throws at run time. */
  @Test
  void everyTemplateFillsWithItsEventsValues() {
    Object[] all = {"if", "carp0", "vhid", 1, "from", "A", "to", "B", "reason", "r", "text", "t", "mask", "1",
        "rcvif", "em0", "ttl", 64, "len", 20, "version", 3, "source", "10.0.0.1", "ifname", "em0", "group", "carp",
        "adj", 1, "value", 2};
    for (Profile p : Profiles.all()) {
      p.wording().lines().values().forEach(line -> line.format(all));
      Wording.fill(p.wording().commands().noSuchInterface(), all);
      Wording.fill(p.wording().commands().sysctlLine(), "name", "net.inet.carp.log", "value", 1);
    }
    assertNull(Profiles.UCARP.wording().line(LogEvent.BAD_TTL));
    assertEquals(Profiles.OPENBSD_3_5.wording(), Profiles.FREEBSD_6.wording());
  }
}
