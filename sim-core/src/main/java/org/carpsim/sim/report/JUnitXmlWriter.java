package org.carpsim.sim.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML, the report format CI servers display, for every command that writes one (scenario runs,
 * conformance runs). The JDK's StAX writer escapes; this class adds what StAX leaves to its caller:
 * characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF) are
 * dropped, so the document is always well-formed; and elements are indented two spaces a level.
 *
 * <pre>{@code
 * try (JUnitXmlWriter w = new JUnitXmlWriter(out)) {
 *   w.startSuite(new JUnitXmlWriter.Suite("carpsim", 1, 0, 0, 0, null));
 *   w.testcase(new JUnitXmlWriter.TestCase("x.carp", "line 3: expect ...", "0", JUnitXmlWriter.Outcome.PASSED, null));
 *   w.end();
 * }
 * }</pre>
 */
public final class JUnitXmlWriter implements AutoCloseable {

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private final XMLStreamWriter xml;
  private final Writer out;
  private int depth;

  /**
   * A {@code testsuite} element's attributes.
   *
   * @param name the suite
   * @param tests its test cases
   * @param failures the failed ones
   * @param errors the ones that could not run
   * @param skipped the skipped ones
   * @param time its duration in seconds as printed, or null for none
   */
  public record Suite(String name, long tests, long failures, long errors, long skipped, String time) {}

  /**
   * How a test case ended.
   *
   * @param kind passed, failed or skipped
   * @param message the {@code message} attribute of {@code failure} / {@code skipped}, or null
   * @param type the {@code type} attribute of {@code failure}, or null
   * @param text the text of {@code failure}, or null for an empty element
   */
  public record Outcome(Kind kind, String message, String type, String text) {
    /** A passed test case. */
    public static final Outcome PASSED = new Outcome(Kind.PASSED, null, null, null);

    /** A failure with a message, and a type and a text where not null. */
    public static Outcome failure(String message, String type, String text) {
      return new Outcome(Kind.FAILED, message, type, text);
    }

    /** A test case that could not run (an input refused), with a type and a text where not null. */
    public static Outcome error(String message, String type, String text) {
      return new Outcome(Kind.ERROR, message, type, text);
    }

    /** A skipped test case and why. */
    public static Outcome skipped(String message) {
      return new Outcome(Kind.SKIPPED, message, null, null);
    }

    /** The four ends of a test case. */
    public enum Kind {
      PASSED,
      FAILED,
      ERROR,
      SKIPPED
    }
  }

  /**
   * A {@code testcase} element.
   *
   * @param classname what groups it (a file's name without its extension, a suite): no dot that a CI
   *     server would take for a package separator
   * @param name the case
   * @param file the {@code file} attribute (GitLab, Jenkins link to it), or null for none
   * @param line the {@code line} attribute, or 0 for none
   * @param time its duration as printed, or null for none
   * @param outcome how it ended
   * @param systemOut the text of its {@code system-out}, or null for none
   */
  public record TestCase(String classname, String name, String file, int line, String time, Outcome outcome,
      String systemOut) {

    /** A case without a place in a file. */
    public TestCase(String classname, String name, String time, Outcome outcome, String systemOut) {
      this(classname, name, null, 0, time, outcome, systemOut);
    }
  }

  /** Starts the document on {@code out} (which the caller closes). */
  public JUnitXmlWriter(Writer out) throws IOException {
    this.out = out;
    try {
      xml = FACTORY.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** Opens {@code <testsuites>}, the root when there are several suites. */
  public JUnitXmlWriter startSuites(String name, long tests, long failures) throws IOException {
    return startSuites(name, tests, failures, 0);
  }

  /** Opens {@code <testsuites>} with its errors (cases that could not run) counted too. */
  public JUnitXmlWriter startSuites(String name, long tests, long failures, long errors) throws IOException {
    try {
      open("testsuites");
      attribute("name", name);
      attribute("tests", Long.toString(tests));
      attribute("failures", Long.toString(failures));
      attribute("errors", errors > 0 ? Long.toString(errors) : null);
      return this;
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** Opens a {@code <testsuite>}. */
  public JUnitXmlWriter startSuite(Suite s) throws IOException {
    try {
      open("testsuite");
      attribute("name", s.name());
      attribute("tests", Long.toString(s.tests()));
      attribute("failures", Long.toString(s.failures()));
      attribute("errors", Long.toString(s.errors()));
      attribute("skipped", Long.toString(s.skipped()));
      attribute("time", s.time());
      return this;
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** The suite's {@code <properties>}, in the map's order. */
  public JUnitXmlWriter properties(Map<String, String> properties) throws IOException {
    try {
      open("properties");
      for (Map.Entry<String, String> p : properties.entrySet()) {
        empty("property");
        attribute("name", p.getKey());
        attribute("value", p.getValue());
      }
      closeElement();
      return this;
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** One {@code <testcase>}; an empty element when it passed and has no output. */
  public JUnitXmlWriter testcase(TestCase c) throws IOException {
    try {
      Outcome o = c.outcome();
      boolean hasChildren = o.kind() != Outcome.Kind.PASSED || c.systemOut() != null;
      if (hasChildren) {
        open("testcase");
      } else {
        empty("testcase");
      }
      attribute("classname", c.classname());
      attribute("name", c.name());
      attribute("file", c.file());
      attribute("line", c.line() > 0 ? Integer.toString(c.line()) : null);
      attribute("time", c.time());
      if (!hasChildren) {
        return this;
      }
      if (o.kind() != Outcome.Kind.PASSED) {
        String element = switch (o.kind()) {
          case FAILED -> "failure";
          case ERROR -> "error";
          default -> "skipped";
        };
        if (o.text() == null) {
          empty(element);
        } else {
          open(element);
        }
        attribute("message", o.message());
        attribute("type", o.type());
        if (o.text() != null) {
          xml.writeCharacters(xmlChars(o.text()));
          xml.writeEndElement();
          depth--;
        }
      }
      if (c.systemOut() != null) {
        open("system-out");
        xml.writeCharacters(xmlChars(c.systemOut()));
        xml.writeEndElement();
        depth--;
      }
      closeElement();
      return this;
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** Closes the innermost open {@code testsuite} or {@code testsuites}. */
  public JUnitXmlWriter end() throws IOException {
    try {
      closeElement();
      return this;
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** Ends the document with a newline and flushes; the underlying writer stays open. */
  @Override
  public void close() throws IOException {
    try {
      while (depth > 0) {
        closeElement();
      }
      xml.writeEndDocument();
      xml.flush();
      out.write('\n');
      out.flush();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** {@code s} without the characters XML 1.0 cannot carry (C0 controls but tab, CR, LF; lone surrogates; U+FFFE/F). */
  public static String xmlChars(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (b != null) {
          b.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      } else if (ok && b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  // each element starts on its own line, indented by its depth
  private void open(String element) throws XMLStreamException {
    indent();
    xml.writeStartElement(element);
    depth++;
  }

  private void empty(String element) throws XMLStreamException {
    indent();
    xml.writeEmptyElement(element);
  }

  private void closeElement() throws XMLStreamException {
    depth--;
    indent();
    xml.writeEndElement();
  }

  private void indent() throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(depth));
  }

  private void attribute(String name, String value) throws XMLStreamException {
    if (value != null) {
      xml.writeAttribute(name, xmlChars(value));
    }
  }
}
