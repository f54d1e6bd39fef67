package org.carpsim.reports;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;

/**
 * One chart drawn as a PNG: embedded in the HTML as a data URI and written beside it under
 * {@link #fileName()}.
 *
 * @param fileName the PNG's file name in the report directory
 * @param title what the chart shows (also its alternative text)
 * @param width pixels
 * @param height pixels
 * @param png the encoded image
 */
public record ChartImage(String fileName, String title, int width, int height, byte[] png) {

  static {
    Headless.ensure();
  }

  /**
   * Draws {@code chart} at {@code width × height} and encodes it as PNG. The same chart gives the
   * same bytes: the image is opaque RGB and ImageIO's PNG writer adds no time stamp.
   */
  public static ChartImage render(JFreeChart chart, String fileName, String title, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the chart " + fileName + " as PNG", e);
    }
    return new ChartImage(fileName, title, width, height, bytes.toByteArray());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChartImage c && c.fileName.equals(fileName) && c.title.equals(title) && c.width == width
        && c.height == height && java.util.Arrays.equals(c.png, png);
  }

  @Override
  public int hashCode() {
    return fileName.hashCode() * 31 + java.util.Arrays.hashCode(png);
  }

  @Override
  public String toString() {
    return "ChartImage[" + fileName + ", " + width + "x" + height + ", " + png.length + " bytes]";
  }
}
