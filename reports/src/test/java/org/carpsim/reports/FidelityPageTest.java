package org.carpsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare page: each quantity's numbers, a strip with the simulated range and the live dots, outsiders in red. */
class FidelityPageTest {

  @Test
  void drawsEachQuantityAndMarksTheLiveValuesOutside(@TempDir Path dir) throws Exception {
    FidelityPage.Row takeover = new FidelityPage.Row("takeover on lan #1 (last ad -> first ad of the new master)",
        List.of(4_205_000_000L, 4_690_000_000L, 5_236_000_000L), List.of(4_597_000_000L, 5_600_000_000L),
        List.of(false, true), 150_000_000L, false);
    FidelityPage.Row verdict = new FidelityPage.Row("line 30: expect failover lan vhid 1 <= 5.5s", List.of(1L, 1L),
        List.of(0L), List.of(true), 0, true);
    Path page = FidelityPage.write(dir.resolve("r"), "t: simulated beside live", "2 runs", List.of(takeover, verdict));
    String html = Files.readString(page);
    assertTrue(html.contains("takeover on lan #1 (last ad -&gt; first ad of the new master)"), html);
    assertTrue(html.contains("4.205 s / 4.690 s / 5.236 s (3)"), html);
    assertTrue(html.contains("<span class=\"out\">5.600 s OUTSIDE</span>"), html);
    assertTrue(html.contains("<span>4.597 s</span>"), html);
    assertEquals(1, count(html, "fill=\"#c00\""), "one red dot");
    assertEquals(1, count(html, "fill=\"#080\""), "one green dot");
    assertTrue(html.contains("line 30: expect failover lan vhid 1 &lt;= 5.5s") && html.contains("held in 2 of 2")
        && html.contains("<span class=\"out\">failed OUTSIDE</span>"), html);
    assertEquals("held in 2 of 2", FidelityPage.simulated(verdict));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
