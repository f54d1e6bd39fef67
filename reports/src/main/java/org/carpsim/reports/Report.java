package org.carpsim.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carpsim.sim.report.OutputPaths;

/**
 * A finished report: one self-contained HTML page and the PNGs of its charts, which the page also
 * embeds.
 *
 * @param fileName the page's file name ({@code index.html})
 * @param html the page
 * @param images its charts, in page order
 */
public record Report(String fileName, String html, List<ChartImage> images) {

  public Report {
    images = List.copyOf(images);
  }

  /**
   * Writes the page and every PNG into {@code dir}, creating it if needed; returns the page's path.
   *
   * @throws ReportException naming the file that could not be written
   */
  public Path writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ReportException(dir + ": cannot create the report directory (" + OutputPaths.describe(e) + ")", e);
    }
    for (ChartImage image : images) {
      write(dir.resolve(image.fileName()), image.png());
    }
    Path page = dir.resolve(fileName);
    write(page, html.getBytes(StandardCharsets.UTF_8));
    return page;
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new ReportException(file + ": cannot write (" + OutputPaths.describe(e) + ")", e);
    }
  }
}
