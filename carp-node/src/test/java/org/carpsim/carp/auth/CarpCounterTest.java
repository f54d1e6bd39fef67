package org.carpsim.carp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CarpCounterTest {

  @Test
  void replayCookieIsDrawnOnceAndNeverChanges() {
    CarpCounter c = new CarpCounter(CounterScheme.REPLAY_COOKIE, new SplittableRandom(1));
    long first = c.nextForAdvertisement();
    assertEquals(new SplittableRandom(1).nextLong(), first);
    c.adopt(12345);
    assertEquals(first, c.nextForAdvertisement());
    assertEquals(first, c.nextForAdvertisement());
    assertTrue(c.isOwnCookie(first));
    assertFalse(c.isOwnCookie(first + 1));
  }

  @Test
  void unsetCookieMatchesAnAllZeroCounterAsInTheKernel() {
    CarpCounter c = new CarpCounter(CounterScheme.REPLAY_COOKIE, new SplittableRandom(1));
    assertTrue(c.isOwnCookie(0), "a backup that never sent compares against its zero cookie");
    c.nextForAdvertisement();
    assertFalse(c.isOwnCookie(0));
  }

  @Test
  void incrementAdoptStartsRandomThenCountsAndAdopts() {
    CarpCounter c = new CarpCounter(CounterScheme.INCREMENT_ADOPT, new SplittableRandom(7));
    long start = c.nextForAdvertisement();
    assertEquals(new SplittableRandom(7).nextLong(), start);
    assertEquals(start + 1, c.nextForAdvertisement());
    assertEquals(start + 2, c.nextForAdvertisement());
    c.adopt(-1L); // 2^64-1
    assertEquals(0L, c.nextForAdvertisement(), "wraps after 2^64-1");
    assertFalse(c.isOwnCookie(0));
  }

  @Test
  void incrementAdoptAdoptsBeforeItsFirstAdvertisement() {
    CarpCounter c = new CarpCounter(CounterScheme.INCREMENT_ADOPT, new SplittableRandom(7));
    c.adopt(100);
    assertEquals(101, c.nextForAdvertisement());
  }

  @Test
  void ucarpDrawsFreshValuesUntilItAdopts() {
    SplittableRandom expected = new SplittableRandom(3);
    CarpCounter c = new CarpCounter(CounterScheme.UCARP, new SplittableRandom(3));
    long a = c.nextForAdvertisement();
    long b = c.nextForAdvertisement();
    assertEquals(expected.nextLong(), a);
    assertEquals(expected.nextLong(), b);
    assertNotEquals(a + 1, b);
    c.adopt(500);
    assertEquals(501, c.nextForAdvertisement());
    assertEquals(502, c.nextForAdvertisement());
  }

  @Test
  void sameSeedSameCounters() {
    for (CounterScheme s : CounterScheme.values()) {
      CarpCounter x = new CarpCounter(s, new SplittableRandom(99));
      CarpCounter y = new CarpCounter(s, new SplittableRandom(99));
      for (int i = 0; i < 5; i++) {
        assertEquals(x.nextForAdvertisement(), y.nextForAdvertisement());
      }
    }
  }
}
