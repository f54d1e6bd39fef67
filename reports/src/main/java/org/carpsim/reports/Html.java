package org.carpsim.reports;

import java.util.Base64;
import java.util.List;

/**
 * A small writer of self-contained HTML: every text escaped, every image a {@code data:} URI, the
 * style sheet inline, nothing fetched from anywhere. The output is also well-formed XML (void
 * elements closed, attributes with values), so tests and tools can parse it strictly. Reports build their pages with it so that no
 * caller can forget to escape a scenario's {@code <} or a host name.
 */
public final class Html {

  private final StringBuilder out = new StringBuilder(64 * 1024);

  /** The style of every report: system fonts only, readable in print and on a narrow screen. */
  static final String STYLE = """
      body{font-family:sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em;color:#222;background:#fff}
      h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.3em;margin-top:2em;border-bottom:1px solid #ccc}
      h3{font-size:1.1em;margin-top:1.5em}
      table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
      th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
      th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}
      pre{background:#f7f7f7;border:1px solid #ddd;padding:.6em;overflow-x:auto;font-size:.88em}
      img{max-width:100%;height:auto;border:1px solid #eee;margin:.4em 0}
      .pass{color:#fff;background:#1a7f4b;padding:0 .4em;border-radius:3px;font-weight:bold}
      .fail{color:#fff;background:#b3261e;padding:0 .4em;border-radius:3px;font-weight:bold}
      .skip{color:#222;background:#ddd;padding:0 .4em;border-radius:3px;font-weight:bold}
      .meta{color:#555}.note{color:#555;font-size:.9em}
      nav ul{columns:2}section{margin-bottom:2.5em}
      """;

  /** Starts a page: doctype, charset, title and the inline style. */
  public Html(String title) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
        .append("<meta name=\"generator\" content=\"carpsim\" />\n<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
  }

  /** {@code text} with {@code & < > " '} replaced by character references. */
  public static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          // control characters (other than tab and line breaks) are not allowed in HTML text
          if (c < ' ' && c != '\n' && c != '\t' && c != '\r') {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** An element with escaped text: {@code <tag>text</tag>}. */
  public Html element(String tag, String text) {
    out.append('<').append(tag).append('>').append(escape(text)).append("</").append(tag).append(">\n");
    return this;
  }

  /** An element with a class attribute and escaped text. */
  public Html element(String tag, String cssClass, String text) {
    out.append('<').append(tag).append(" class=\"").append(escape(cssClass)).append("\">").append(escape(text))
        .append("</").append(tag).append(">\n");
    return this;
  }

  /** A heading with an id to link to from the page's own table of contents. */
  public Html heading(int level, String id, String text) {
    out.append("<h").append(level).append(" id=\"").append(escape(id)).append("\">").append(escape(text))
        .append("</h").append(level).append(">\n");
    return this;
  }

  /** Opens a tag, e.g. {@code open("section")}. */
  public Html open(String tag) {
    out.append('<').append(tag).append(">\n");
    return this;
  }

  /** Opens a tag with an id. */
  public Html open(String tag, String id) {
    out.append('<').append(tag).append(" id=\"").append(escape(id)).append("\">\n");
    return this;
  }

  /** Closes a tag. */
  public Html close(String tag) {
    out.append("</").append(tag).append(">\n");
    return this;
  }

  /** A paragraph of escaped text. */
  public Html paragraph(String text) {
    return element("p", text);
  }

  /** A verdict badge: PASS, FAIL or SKIP in its colour, with the word itself (not only the colour). */
  public Html badge(String verdict) {
    out.append(badgeHtml(verdict));
    return this;
  }

  static String badgeHtml(String verdict) {
    String cls = switch (verdict) {
      case "PASS", "held", "passed" -> "pass";
      case "SKIP" -> "skip";
      default -> "fail";
    };
    return "<span class=\"" + cls + "\">" + escape(verdict) + "</span>";
  }

  /** Preformatted, escaped text. */
  public Html pre(String text) {
    out.append("<pre>").append(escape(text)).append("</pre>\n");
    return this;
  }

  /** A collapsible block: {@code <details><summary>…</summary>}; close it with {@code close("details")}. */
  public Html details(String summary, boolean open) {
    out.append(open ? "<details open=\"open\">" : "<details>").append("<summary>").append(escape(summary))
        .append("</summary>\n");
    return this;
  }

  /** An internal link to an id on the same page. */
  public Html link(String id, String text) {
    out.append("<a href=\"#").append(escape(id)).append("\">").append(escape(text)).append("</a>");
    return this;
  }

  /** An image embedded as a {@code data:image/png;base64} URI, with its alternative text. */
  public Html image(ChartImage image) {
    out.append("<figure><img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(image.png()))
        .append("\" width=\"").append(image.width()).append("\" height=\"").append(image.height())
        .append("\" alt=\"").append(escape(image.title())).append("\" /><figcaption class=\"note\">")
        .append(escape(image.title())).append(" (").append(escape(image.fileName())).append(")</figcaption></figure>\n");
    return this;
  }

  /**
   * A table. Cells are escaped text; a cell that is one of PASS, FAIL, SKIP, held, FAILED in a
   * column named "result" or "verdict" is drawn as a badge. Columns whose header ends in a space
   * are right-aligned numbers (the space is dropped).
   */
  public Html table(List<String> header, List<List<String>> rows) {
    out.append("<table>\n<thead><tr>");
    for (String h : header) {
      out.append("<th>").append(escape(h.strip())).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      out.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        String h = i < header.size() ? header.get(i) : "";
        String cell = row.get(i);
        if (h.equals("result") || h.equals("verdict")) {
          out.append("<td>").append(badgeHtml(cell)).append("</td>");
        } else if (h.endsWith(" ")) {
          out.append("<td class=\"num\">").append(escape(cell)).append("</td>");
        } else {
          out.append("<td>").append(escape(cell)).append("</td>");
        }
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    return this;
  }

  /** Ends the page and returns it. */
  public String finish() {
    out.append("<footer class=\"note\"><p>Written by carpsim. Self-contained: no scripts, fonts or images are "
        + "fetched; the charts are embedded and also lie beside this file as PNG.</p></footer>\n</body>\n</html>\n");
    return out.toString();
  }
}
