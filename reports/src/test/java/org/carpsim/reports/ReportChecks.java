package org.carpsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Checks a report's pictures and page as a reader (or a browser) would meet them. */
final class ReportChecks {

  private ReportChecks() {}

  /** Decodes a PNG; fails when it is not one. */
  static BufferedImage decode(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertNotNull(image, "not a decodable image");
      return image;
    } catch (IOException e) {
      throw new AssertionError("cannot decode the PNG", e);
    }
  }

  /** The number of distinct colours, stopping counting at {@code limit}. */
  static int colours(BufferedImage image, int limit) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 1) {
      for (int x = 0; x < image.getWidth(); x += 1) {
        seen.add(image.getRGB(x, y) & 0xffffff);
        if (seen.size() >= limit) {
          return seen.size();
        }
      }
    }
    return seen.size();
  }

  /** Pixels of exactly {@code c}. */
  static int pixelsOf(BufferedImage image, Color c) {
    int rgb = c.getRGB() & 0xffffff;
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  /** The chart decodes to its stated size, is not blank and has more than a handful of colours. */
  static BufferedImage assertChart(ChartImage chart) {
    BufferedImage image = decode(chart.png());
    assertEquals(chart.width(), image.getWidth(), chart.fileName());
    assertEquals(chart.height(), image.getHeight(), chart.fileName());
    assertTrue(colours(image, 16) >= 16, () -> chart.fileName() + " has fewer than 16 colours: blank?");
    int white = pixelsOf(image, Color.WHITE);
    assertTrue(white < image.getWidth() * image.getHeight() * 0.97, () -> chart.fileName() + " is almost all white");
    return image;
  }

  /**
   * Parses the page strictly (it is well-formed XML as well as HTML) and checks that it refers to
   * nothing outside itself: no script, style sheet link, frame or object; every {@code src} a
   * {@code data:image/png} URI; every {@code href} an anchor on the page, which exists; no
   * {@code url(} or {@code @import} in the style; no event-handler attribute.
   */
  static Document assertSelfContained(String html) {
    Document doc = parse(html);
    Set<String> ids = new HashSet<>();
    walk(doc.getDocumentElement(), e -> {
      if (e.hasAttribute("id")) {
        assertTrue(ids.add(e.getAttribute("id")), "duplicate id " + e.getAttribute("id"));
      }
    });
    walk(doc.getDocumentElement(), e -> {
      String tag = e.getTagName().toLowerCase(Locale.ROOT);
      assertFalse(List.of("script", "link", "iframe", "frame", "object", "embed", "base", "audio", "video", "source")
          .contains(tag), "element <" + tag + "> in a self-contained report");
      NamedNodeMap attributes = e.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Node a = attributes.item(i);
        String name = a.getNodeName().toLowerCase(Locale.ROOT);
        String value = a.getNodeValue();
        assertFalse(name.startsWith("on"), "event handler " + name);
        if (name.equals("src")) {
          assertTrue(value.startsWith("data:image/png;base64,"), "src refers outside: " + abbreviate(value));
        } else if (name.equals("href")) {
          assertTrue(value.startsWith("#") && ids.contains(value.substring(1)), "href is not an anchor here: " + value);
        } else if (name.equals("style") || name.equals("srcset") || name.equals("action") || name.equals("poster")) {
          fail("attribute " + name + " in a report");
        }
      }
      if (tag.equals("style")) {
        String css = e.getTextContent().toLowerCase(Locale.ROOT);
        assertFalse(css.contains("url(") || css.contains("@import") || css.contains("@font-face"), "style fetches");
      }
    });
    assertFalse(html.toLowerCase(Locale.ROOT).contains("http://") || html.toLowerCase(Locale.ROOT).contains("https://"),
        "an absolute URL in the page");
    return doc;
  }

  static Document parse(String html) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new InputSource(new StringReader(html)));
    } catch (Exception e) {
      throw new AssertionError("the page is not well-formed: " + e.getMessage(), e);
    }
  }

  static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  /** Every element's text, joined. */
  static String text(Document doc) {
    return doc.getDocumentElement().getTextContent();
  }

  /** The {@code src} of every image on the page, in order. */
  static List<String> imageSources(Document doc) {
    NodeList images = doc.getElementsByTagName("img");
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < images.getLength(); i++) {
      out.add(((Element) images.item(i)).getAttribute("src"));
    }
    return out;
  }

  private static void walk(Element e, java.util.function.Consumer<Element> visit) {
    visit.accept(e);
    NodeList children = e.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element c) {
        walk(c, visit);
      }
    }
  }
}
