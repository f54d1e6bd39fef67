package org.carpsim.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.carpsim.reports.ConformanceJson;
import org.carpsim.reports.ConformanceReport;
import org.carpsim.reports.Report;
import org.carpsim.reports.ReportException;
import org.carpsim.reports.RunRecord;
import org.carpsim.reports.RunRecordJson;
import org.carpsim.reports.RunReport;
import org.carpsim.reports.SweepReport;
import org.carpsim.scenario.sweep.SweepException;
import org.carpsim.sim.report.OutputPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carpsim report RESULT -o DIR}: the report of a saved result, the same as {@code --report}
 * would have written. The kind of result is read from its content.
 */
@Command(
    name = "report",
    header = "Draw the HTML report of a saved run, sweep or conformance result.",
    mixinStandardHelpOptions = true,
    description = {"Write the report of a saved result: DIR/index.html, self-contained (charts embedded, nothing",
        "fetched), and every chart beside it as PNG. RESULT is any of:",
        "  the output of carpsim run --json (one object per scenario, one per line),",
        "  a sweep result (carpsim sweep --json or --out),",
        "  a conformance result (\"format\": \"carpsim-conformance/1\").",
        "The kind is recognised from the content."},
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./carpsim run scenarios/field/vm-stun.carp --json > run.json && ./carpsim report run.json -o report", "  ./carpsim sweep scenarios/field/vm-stun.carp --seeds 1..50 --out sweep.json && ./carpsim report sweep.json -o report"},
    exitCodeList = {"0:the report was written", "2:RESULT cannot be read or is not a carpsim result, or DIR cannot be written"})
public final class ReportCommand implements Callable<Integer> {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RESULT", description = "The saved result (JSON).")
  Path result;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Where to write the report.")
  Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!new Preflight().directory("--out", dir).usable("report", err, "no report was written")) {
      return 2;
    }
    try {
      Path page = report(result.toString(), read(result)).writeTo(dir);
      out.println("report: " + page);
      out.flush();
      return 0;
    } catch (ReportException | SweepException e) {
      err.println("carpsim report: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private static String read(Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw new ReportException(file + ": is a directory, not a result file");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ReportException(file + ": no such file");
    } catch (IOException e) {
      throw new ReportException(file + ": cannot read (" + OutputPaths.describe(e) + ")");
    }
  }

  /**
   * The report of a saved result's {@code text}: a conformance result, a sweep result, or one or more
   * {@code run --json} objects.
   *
   * @throws ReportException or {@link SweepException} naming what is wrong with it
   */
  static Report report(String name, String text) {
    List<JsonNode> objects = objects(name, text);
    if (objects.isEmpty()) {
      throw new ReportException(name + ": empty (no JSON object)");
    }
    JsonNode first = objects.get(0);
    if (ConformanceJson.isConformance(first)) {
      single(name, objects, "conformance");
      return ConformanceReport.of(ConformanceJson.read(first, name));
    }
    if (SweepJson.FORMAT.equals(first.path("format").asText())) {
      single(name, objects, "sweep");
      return SweepReport.of(SweepJson.read(name, text), SweepJson.scenarioText(text));
    }
    List<RunRecord> runs = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      JsonNode o = objects.get(i);
      String where = objects.size() == 1 ? name : name + ", object " + (i + 1);
      if (!RunRecordJson.isRun(o)) {
        throw new ReportException(where + ": not a carpsim result (expected the output of carpsim run --json, "
            + "a sweep result or a conformance result)");
      }
      runs.add(RunRecordJson.read(o, where));
    }
    return RunReport.of(runs);
  }

  private static void single(String name, List<JsonNode> objects, String kind) {
    if (objects.size() > 1) {
      throw new ReportException(name + ": a " + kind + " result is one JSON object, this file has " + objects.size());
    }
  }

  /** Every top-level JSON value of {@code text} (JSON Lines or one object). */
  private static List<JsonNode> objects(String name, String text) {
    List<JsonNode> out = new ArrayList<>();
    try (JsonParser p = MAPPER.getFactory().createParser(text);
        MappingIterator<JsonNode> it = MAPPER.readValues(p, JsonNode.class)) {
      while (it.hasNextValue()) {
        out.add(it.nextValue());
      }
    } catch (JsonProcessingException e) {
      throw new ReportException(name + ": not JSON (" + e.getOriginalMessage() + ", line "
          + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw new ReportException(name + ": cannot read (" + OutputPaths.describe(e) + ")");
    } catch (RuntimeException e) {
      if (e.getCause() instanceof JsonProcessingException j) {
        throw new ReportException(name + ": not JSON (" + j.getOriginalMessage() + ")");
      }
      throw e;
    }
    return out;
  }
}
