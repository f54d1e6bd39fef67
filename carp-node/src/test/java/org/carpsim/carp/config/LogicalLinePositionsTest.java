package org.carpsim.carp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * A line that is one piece of a physical line keeps no position map (the common case, kept small for
 * large scenarios); its positions, and those of what is cut from it or joined to it, are what the
 * map gave: checked against positions worked out independently here, offset by offset.
 */
class LogicalLinePositionsTest {

  private static final String[] PIECES = {"ifconfig", " ", "\t", "\\", "\\\\", "carp0", "x", ""};

  private static Gen<List<String>> physicalLines() {
    Gen<String> line = SourceDSL.lists().of(SourceDSL.integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 6)
        .map(ix -> {
          StringBuilder sb = new StringBuilder();
          ix.forEach(i -> sb.append(PIECES[i]));
          return sb.toString();
        });
    return SourceDSL.lists().of(line).ofSizeBetween(1, 5);
  }

  /** "line:column" of every offset of every logical line (and its end), the way join documents it. */
  private static List<List<String>> expected(List<String> physical, int first) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (int i = 0; i < physical.size(); i++) {
      String p = physical.get(i);
      int e = p.length();
      while (e > 0 && (p.charAt(e - 1) == ' ' || p.charAt(e - 1) == '\t')) {
        e--;
      }
      int run = 0;
      for (int k = e - 1; k >= 0 && p.charAt(k) == '\\'; k--) {
        run++;
      }
      int contentEnd = run % 2 == 1 ? e - 1 : -1;
      int end = contentEnd >= 0 ? contentEnd : p.length();
      for (int c = 0; c < end; c++) {
        current.add((first + i) + ":" + (c + 1));
      }
      if (!(contentEnd >= 0 && i + 1 < physical.size())) {
        current.add((first + i) + ":" + (end + 1));
        out.add(current);
        current = new ArrayList<>();
      }
    }
    return out;
  }

  private static List<String> positions(LogicalLine l) {
    List<String> out = new ArrayList<>();
    for (int o = 0; o <= l.text().length(); o++) {
      SourcePosition p = l.position(o);
      out.add(p.line() + ":" + p.column());
    }
    return out;
  }

  @Test
  void joinedLinesMapEveryOffsetBack() {
    qt().withExamples(5_000).forAll(physicalLines()).checkAssert(physical -> {
      List<LogicalLine> joined = LogicalLines.join(physical, 7);
      List<List<String>> expected = expected(physical, 7);
      assertEquals(expected.size(), joined.size(), physical.toString());
      for (int i = 0; i < joined.size(); i++) {
        LogicalLine l = joined.get(i);
        assertEquals(expected.get(i), positions(l), physical.toString());
        int n = l.text().length();
        // cutting and joining keep each character's own position
        assertEquals(expected.get(i).subList(n / 2, n + 1), positions(l.from(n / 2)));
        assertEquals(expected.get(i).subList(n / 3, n / 2 + 1), positions(l.slice(n / 3, n / 2)));
        List<String> appended = new ArrayList<>(expected.get(i).subList(0, n));
        appended.add(expected.get(i).get(n)); // the separator " " takes the position of the end
        appended.addAll(positions(LogicalLine.of("abc", 99)));
        assertEquals(appended, positions(l.append(" ", LogicalLine.of("abc", 99))));
      }
    });
  }

  @Test
  void aPhysicalLineAndItsPieces() {
    LogicalLine l = LogicalLine.of("fw1# ifconfig carp0", 12);
    assertEquals(new SourcePosition(12, 1), l.position(0));
    assertEquals(new SourcePosition(12, 20), l.position(99), "clamped to the end");
    assertEquals(new SourcePosition(12, 6), l.from(5).position(0));
    assertEquals(new SourcePosition(12, 15), l.slice(5, 19).position(9));
    assertEquals(12, l.slice(5, 19).firstLine());
  }
}
