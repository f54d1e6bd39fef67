package org.carpsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTML writer escapes every text it is given. */
class HtmlTest {

  @Test
  void escapesMarkupQuotesAndControlCharacters() {
    assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;\uFFFD", Html.escape("<a href=\"x\">&'\u0007"));
    assertEquals("tab\tand\nline", Html.escape("tab\tand\nline"));
  }

  @Test
  void tablesEscapeCellsAndBadgeVerdicts() {
    Html h = new Html("t<");
    h.table(List.of("name", "n ", "result"), List.of(List.of("<x>", "3", "FAIL")));
    String page = h.finish();
    ReportChecks.assertSelfContained(page);
    assertEquals(true, page.contains("<title>t&lt;</title>"));
    assertEquals(true, page.contains("<tr><td>&lt;x&gt;</td><td class=\"num\">3</td><td><span class=\"fail\">FAIL</span></td></tr>"), page);
  }
}
