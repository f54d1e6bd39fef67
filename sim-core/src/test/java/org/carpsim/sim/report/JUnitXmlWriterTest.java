package org.carpsim.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.carpsim.sim.report.JUnitXmlWriter.Outcome;
import org.carpsim.sim.report.JUnitXmlWriter.Suite;
import org.carpsim.sim.report.JUnitXmlWriter.TestCase;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class JUnitXmlWriterTest {

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  @Test
  void writesTheIndentedLayoutCiServersRead() throws Exception {
    StringWriter out = new StringWriter();
    try (JUnitXmlWriter w = new JUnitXmlWriter(out)) {
      w.startSuites("carpsim", 2, 1);
      w.startSuite(new Suite("Two firewalls", 2, 1, 0, 0, "0.042"));
      Map<String, String> props = new LinkedHashMap<>();
      props.put("file", "a.carp");
      props.put("seed", "1");
      w.properties(props);
      w.testcase(new TestCase("a.carp", "line 3: expect x", "0", Outcome.PASSED, null));
      w.testcase(new TestCase("a.carp", "line 4: expect y", "0", Outcome.failure("seen z", "expectation", "a.carp:4: seen z"),
          null));
      w.end();
      w.end();
    }
    assertEquals("""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="carpsim" tests="2" failures="1">
          <testsuite name="Two firewalls" tests="2" failures="1" errors="0" skipped="0" time="0.042">
            <properties>
              <property name="file" value="a.carp"/>
              <property name="seed" value="1"/>
            </properties>
            <testcase classname="a.carp" name="line 3: expect x" time="0"/>
            <testcase classname="a.carp" name="line 4: expect y" time="0">
              <failure message="seen z" type="expectation">a.carp:4: seen z</failure>
            </testcase>
          </testsuite>
        </testsuites>
        """, out.toString());
  }

  @Test
  void skippedAndSystemOutAndANullTimeAreWrittenOnlyWhenGiven() throws Exception {
    StringWriter out = new StringWriter();
    try (JUnitXmlWriter w = new JUnitXmlWriter(out)) {
      w.startSuite(new Suite("s", 1, 0, 0, 1, null));
      w.testcase(new TestCase("s", "D3 nd", null, Outcome.skipped("no IPv6"), "D3  SKIP"));
    }
    assertEquals("""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="s" tests="1" failures="0" errors="0" skipped="1">
          <testcase classname="s" name="D3 nd">
            <skipped message="no IPv6"/>
            <system-out>D3  SKIP</system-out>
          </testcase>
        </testsuite>
        """, out.toString());
  }

  /** Control characters, a CDATA end, quotes and markup in every place text can go: still well-formed. */
  @Test
  void awkwardTextStaysWellFormed() throws Exception {
    String nasty = "a\u0000b\u0001c\u001b]]>\"q\" 'a' <tag> & \uFFFE\uD800 \uD83D\uDE00 end";
    String kept = "abc]]>\"q\" 'a' <tag> &  \uD83D\uDE00 end";
    StringWriter out = new StringWriter();
    try (JUnitXmlWriter w = new JUnitXmlWriter(out)) {
      w.startSuite(new Suite(nasty, 1, 1, 0, 0, null));
      w.testcase(new TestCase(nasty, nasty, null, Outcome.failure(nasty, nasty, nasty), nasty));
    }
    Document d = parse(out.toString());
    Element suite = d.getDocumentElement();
    assertEquals(kept, suite.getAttribute("name"));
    Element c = (Element) suite.getElementsByTagName("testcase").item(0);
    assertEquals(kept, c.getAttribute("name"));
    Element f = (Element) c.getElementsByTagName("failure").item(0);
    assertEquals(kept, f.getAttribute("message"));
    assertEquals(kept, f.getAttribute("type"));
    assertEquals(kept, f.getTextContent());
    assertEquals(kept, c.getElementsByTagName("system-out").item(0).getTextContent());
  }

  @Test
  void xmlCharsKeepsWhatXmlCanCarry() {
    assertEquals("tab\tnl\ncr\r", JUnitXmlWriter.xmlChars("tab\tnl\ncr\r"));
    assertEquals("ab", JUnitXmlWriter.xmlChars("a\u0007b"));
    String same = "plain";
    assertEquals(same, JUnitXmlWriter.xmlChars(same));
  }
}
