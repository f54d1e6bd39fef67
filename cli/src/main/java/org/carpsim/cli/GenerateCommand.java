package org.carpsim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Locale;
import org.carpsim.scenario.generate.ScenarioGenerator;
import org.carpsim.scenario.parse.ScenarioParser;
import org.carpsim.scenario.run.IdleMemory;
import org.carpsim.sim.time.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carpsim generate --segments S --groups G --hosts-per-group H [--profile P] [--duration D]
 * [--seed N] [--faults F] [--clients-per-segment N [--client-interval D] [--client-cache MODEL]] [--switches]
 * [--measure-memory]}: writes a runnable scenario with a seeded fault schedule
 * to standard output, or with {@code --measure-memory} builds it, lets it settle and prints the heap
 * each idle host takes.
 */
@Command(
    name = "generate",
    header = "Write a generated campus scenario: segments, groups, faults and clients.",
    mixinStandardHelpOptions = true,
    description = {"Write a runnable scenario to standard output: S segments, G CARP groups of",
        "H hosts spread over them (advskew 0, 50, 100, ...), and a fault schedule drawn",
        "from the seed (crash and boot, link down and up, partition and heal), each",
        "fault undone before the last 30 s. Its expectations hold whatever the",
        "schedule: one master per group until the first fault on its segment and over",
        "the last 15 s. Same parameters, same text.",
        "With --clients-per-segment N each segment also gets N traffic clients, spread",
        "over its groups (one 'clients ... send VIP' line per group, to that group's",
        "VIP), each sending a packet every --client-interval through its own ARP cache",
        "(--client-cache): the users whose outages the failovers cause.",
        "With --measure-memory nothing is written: the scenario is built, booted and",
        "run for 30 s of virtual time without faults, and the heap each idle host",
        "takes is printed (give the JVM room: CARPSIM_JAVA_OPTS=-Xmx8g).",
        ""},
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./carpsim generate --segments 10 --groups 100 --hosts-per-group 3 --duration 10m > campus.carp", "  ./carpsim generate --segments 100 --groups 1000 --hosts-per-group 3 --measure-memory"},
    exitCodeList = {"0:the scenario was written", "2:bad input"})
public final class GenerateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--segments", required = true, paramLabel = "S", description = "Segments (1..4096).")
  int segments;

  @Option(names = "--groups", required = true, paramLabel = "G", description = "CARP groups (at most 255 per segment).")
  int groups;

  @Option(names = "--hosts-per-group", required = true, paramLabel = "H", description = "Hosts per group (1..32).")
  int hostsPerGroup;

  @Option(names = "--profile", paramLabel = "P", defaultValue = "openbsd",
      description = "openbsd, openbsd-3.5, netbsd, freebsd, freebsd-6 or ucarp (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--duration", paramLabel = "D", defaultValue = "1h",
      description = "Virtual run time, 1m..24h (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the faults (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--faults", paramLabel = "F",
      description = "How many faults to draw (default: one per group and 10 minutes of run).")
  Integer faults;

  @Option(names = "--clients-per-segment", paramLabel = "N", defaultValue = "0",
      description = "Traffic clients on each segment, spread over its groups' VIPs, 0.."
          + ScenarioGenerator.MAX_CLIENTS_PER_SEGMENT + " (default: ${DEFAULT-VALUE}: none).")
  int clientsPerSegment;

  @Option(names = "--client-interval", paramLabel = "D", defaultValue = "1s",
      description = "How often each client sends a packet, 1ms..1h (default: ${DEFAULT-VALUE}).")
  String clientInterval;

  @Option(names = "--client-cache", paramLabel = "MODEL", defaultValue = "linux",
      description = "The clients' ARP cache: linux, linux-arp-accept, router or bsd (default: ${DEFAULT-VALUE}).")
  String clientCache;

  @Option(names = "--switches", description = "Make every segment a learning switch instead of a hub.")
  boolean switches;

  @Option(names = "--measure-memory",
      description = "Print the heap per idle host of this scenario (after 30 s of virtual time, no faults) instead of it.")
  boolean measureMemory;

  /** How long the world runs before its heap is measured: every group has elected its master. */
  private static final long SETTLE = 30 * Durations.SECOND;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long nanos;
    try {
      nanos = Durations.parse(duration);
    } catch (IllegalArgumentException e) {
      err.println("carpsim generate: --duration " + duration + ": " + e.getMessage());
      err.flush();
      return 2;
    }
    long interval;
    try {
      interval = Durations.parse(clientInterval);
    } catch (IllegalArgumentException e) {
      err.println("carpsim generate: --client-interval " + clientInterval + ": " + e.getMessage());
      err.flush();
      return 2;
    }
    int f = faults != null ? faults : ScenarioGenerator.defaultFaults(Math.max(groups, 0), nanos);
    ScenarioGenerator.Spec s = new ScenarioGenerator.Spec(segments, groups, hostsPerGroup, profile, nanos, seed, f)
        .withClients(clientsPerSegment, interval, clientCache).withSwitches(switches);
    List<String> problems = ScenarioGenerator.problems(s);
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("carpsim generate: " + p));
      err.flush();
      return 2;
    }
    if (measureMemory) {
      String text = ScenarioGenerator.generate(s, false);
      IdleMemory m = IdleMemory.measure(ScenarioParser.parse("generated.carp", text), Math.min(SETTLE, nanos));
      out.println(memoryLine(m));
    } else {
      out.print(ScenarioGenerator.generate(s));
    }
    out.flush();
    return 0;
  }

  /** One line: the figure first, then what it was measured on. */
  static String memoryLine(IdleMemory m) {
    Runtime rt = Runtime.getRuntime();
    return String.format(Locale.ROOT,
        "memory per idle host: %,d bytes (%,d hosts; world %.1f MiB of heap after %s settled, %,d events; "
            + "heap in use %.1f MiB of max %.0f MiB)",
        m.bytesPerHost(), m.hosts(), m.worldBytes() / 1048576.0, Durations.format(m.settleNanos()), m.events(),
        m.heapAfter() / 1048576.0, rt.maxMemory() / 1048576.0);
  }
}
