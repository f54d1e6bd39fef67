package org.carpsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.carpsim.scenario.examples.BuiltInExamples;
import org.carpsim.scenario.run.ScenarioRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo report as a browser shows it: Debian's headless Chromium renders {@code index.html} from
 * disk, offline, to a screenshot that must show the page and its embedded charts. Skipped (with the
 * reason) where Chromium is not installed, failed instead under {@code CI=true}.
 */
class ChromiumRenderTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final int WIDTH = 1280;
  static final int HEIGHT = 2000;

  private static List<RunRecord> demoRuns;

  @org.junit.jupiter.api.BeforeAll
  static void runTheExamples() {
    demoRuns = new ArrayList<>();
    for (BuiltInExamples.Example e : BuiltInExamples.all()) {
      demoRuns.add(RunRecords.of(ScenarioRunner.run(e.parse(), RunReportTest.FRAMES), e.text()));
    }
  }

  @Test
  void theDemoReportIsOnePageWithASectionPerExample() {
    Report r = RunReport.demo(demoRuns, List.of(new RunReport.Refused("examples/broken.carp",
        List.of("examples/broken.carp:3:1: unknown word 'segmnt' <here>"))));
    org.w3c.dom.Document doc = ReportChecks.assertSelfContained(r.html());
    assertEquals(demoRuns.size(), doc.getElementsByTagName("section").getLength());
    String text = ReportChecks.text(doc);
    assertTrue(text.contains("10 built-in scenarios: 9 held every expectation, 0 did not, 1 refused."), text);
    assertTrue(text.contains("examples/broken.carp:3:1: unknown word 'segmnt' <here>"), "the refusal, escaped");
    r.images().forEach(ReportChecks::assertChart);
  }

  @Test
  void theDemoReportRendersOfflineInHeadlessChromium(@TempDir Path tmp) throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      String why = CHROMIUM + " is not installed (apt-get install chromium)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + ", and CI=true requires it");
      }
      Assumptions.assumeTrue(false, why + ": the browser rendering of the demo report is not checked");
    }
    Path page = RunReport.demo(demoRuns, List.of()).writeTo(tmp.resolve("report"));
    Path shot = tmp.resolve("shot.png");
    Path profile = Files.createDirectory(tmp.resolve("profile"));
    Path log = tmp.resolve("chromium.log");
    Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--screenshot=" + shot, "--window-size=" + WIDTH + "," + HEIGHT,
        page.toUri().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish within 90 s");
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    assertTrue(Files.exists(shot), () -> "no screenshot; chromium said:\n" + read(log));
    BufferedImage image = ReportChecks.decode(Files.readAllBytes(shot));
    assertEquals(WIDTH, image.getWidth());
    assertEquals(HEIGHT, image.getHeight());
    assertTrue(ReportChecks.colours(image, 200) >= 200, "a page of text, tables and charts has many colours");
    // the first example's state chart is on the first screen: the embedded PNG was decoded and drawn
    assertTrue(near(image, Palette.MASTER) > 2_000, "MASTER green of the embedded state chart");
    assertTrue(near(image, Palette.BACKUP) > 2_000, "BACKUP amber of the embedded state chart");
  }

  /** Pixels within a small distance of {@code c} (a browser may round colours by a step or two). */
  private static int near(BufferedImage image, Color c) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int dr = Math.abs(((rgb >> 16) & 0xff) - c.getRed());
        int dg = Math.abs(((rgb >> 8) & 0xff) - c.getGreen());
        int db = Math.abs((rgb & 0xff) - c.getBlue());
        if (dr + dg + db <= 9) {
          n++;
        }
      }
    }
    return n;
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no output)";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
