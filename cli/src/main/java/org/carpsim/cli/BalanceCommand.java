package org.carpsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.reports.balance.BalanceAnalysis;
import org.carpsim.reports.balance.BalanceClient;
import org.carpsim.reports.balance.BalanceReport;
import org.carpsim.reports.balance.BalanceSetup;
import org.carpsim.reports.balance.BalanceText;
import org.carpsim.reports.balance.CarpIface;
import org.carpsim.reports.balance.ClientSpecs;
import org.carpsim.reports.balance.HostSide;
import org.carpsim.reports.balance.ManualSetup;
import org.carpsim.reports.balance.ScenarioBalance;
import org.carpsim.reports.balance.SimulatedRound;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.sim.report.OutputPaths;
import org.carpsim.sim.time.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carpsim balance}: the ARP-balance analysis of docs/balance.md, from a scenario file (its
 * hosts, carp interfaces and {@code clients} lines) or from a setup given on the command line.
 */
@Command(
    name = "balance",
    header = "Tell which host answers which client's ARP request for a shared address, and why.",
    mixinStandardHelpOptions = true,
    description = {"Which host answers which client's ARP request for a shared address, the share per host, "
        + "and why: the profile's ARP balancing rule applied to every client.",
        "With FILE: the scenario's hosts and client populations, each analysed at the time its clients start "
            + "(or --at), masters taken from a simulated run, which is also compared with the analysis.",
        "Without FILE: --profile, --address, --master VHID=HOST... and --clients/--clients-file."},
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./carpsim balance scenarios/examples/carp.4-examples-arpbalance.carp", "  ./carpsim balance --profile openbsd-3.5 --address 10.0.0.1 --master 1=rachael --master 2=pris --clients 10.0.0.0/24"},
    exitCodeList = {"0:analysed", "1:the simulated run of the scenario does not agree with the analysis",
        "2:bad input"})
public final class BalanceCommand implements Callable<Integer> {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "A scenario file (*.carp).")
  Path file;

  @Option(names = "--at", paramLabel = "T",
      description = "With FILE: analyse the setup just after time T (e.g. 40s) instead of when each population starts.")
  String at;

  @Option(names = "--segment", paramLabel = "SEG",
      description = "With FILE and --clients: the segment the clients sit on (default: the only one).")
  String segment;

  @Option(names = "--profile", paramLabel = "P", description = "Without FILE: the profile (${COMPLETION-CANDIDATES}).",
      completionCandidates = ProfileNames.class)
  String profile;

  @Option(names = "--address", paramLabel = "A", description = "The shared IPv4 address the clients ARP for.")
  String address;

  @Option(names = "--vhids", paramLabel = "V,V", split = ",", description = "Without FILE: the vhids holding the address.")
  List<String> vhids = new ArrayList<>();

  @Option(names = "--master", paramLabel = "VHID=HOST",
      description = "Without FILE: HOST is MASTER of VHID (every host holds every vhid; the others are BACKUP).")
  List<String> masters = new ArrayList<>();

  @Option(names = "--hosts", paramLabel = "H,H", split = ",", description = "Without FILE: more hosts, MASTER of nothing.")
  List<String> hosts = new ArrayList<>();

  @Option(names = "--pass", paramLabel = "TEXT", description = "Without FILE: the passphrase of every carp interface "
      + "(the MAC-hash rules use the key; default empty). Never printed.")
  String pass = "";

  @Option(names = "--no-arpbalance", description = "Without FILE: net.inet.carp.arpbalance=0 (default 1).")
  boolean noArpbalance;

  @Option(names = "--mode", paramLabel = "MODE", description = "Without FILE, profile openbsd: the carp interface's "
      + "balancing mode (arp, ip, ip-stealth, ip-unicast, none; default: the kernel's, ip for several vhids).")
  String mode;

  @Option(names = "--clients", paramLabel = "[N@]CIDR[,mac=FIRST]",
      description = "Clients: N of the CIDR's free host addresses (default all), MACs from FIRST (default 0a:00:KK:00:00:01).")
  List<String> clientSpecs = new ArrayList<>();

  @Option(names = "--clients-file", paramLabel = "F",
      description = "Clients, one a line: an IPv4 address, a MAC, or both; '#' comments.")
  Path clientsFile;

  @Option(names = "--list", description = "Also list every client with who answers it.")
  boolean list;

  @Option(names = "--json", description = "One JSON object per analysis on standard output, nothing else.")
  boolean json;

  /** One analysis to print. */
  private record Item(String title, BalanceReport report, Optional<SimulatedRound> simulated) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Item> items;
    try {
      items = file != null ? fromScenario(err) : fromCommandLine();
    } catch (IllegalArgumentException e) {
      err.println("carpsim balance: " + e.getMessage());
      err.flush();
      return 2;
    } catch (IOException e) {
      err.println("carpsim balance: " + e.getMessage());
      err.flush();
      return 2;
    }
    if (items == null) {
      return 2;
    }
    boolean differs = false;
    for (Item i : items) {
      if (json) {
        out.println(json(i));
      } else {
        out.print(BalanceText.render(i.report(), i.title(), i.simulated()));
        if (list) {
          for (BalanceReport.Outcome o : i.report().outcomes()) {
            out.printf("  %-36s %s%n", o.client().label(),
                o.index() == Integer.MIN_VALUE ? "(cannot be placed)"
                    : o.answeredBy().isEmpty() ? "nobody" : String.join(" + ", o.answeredBy()) + " (vhid " + o.vhid() + ")");
          }
        }
        out.println();
      }
      differs |= i.simulated().map(sim -> !agrees(i.report(), sim)).orElse(false);
    }
    out.flush();
    return differs ? 1 : 0;
  }

  private static boolean agrees(BalanceReport r, SimulatedRound sim) {
    if (r.several() > 0 || sim.requests() != r.clients()) {
      return true; // not comparable count by count; the text says so
    }
    return sim.unanswered() == r.unanswered()
        && r.shares().stream().allMatch(h -> h.count() == sim.countOf(h.host()));
  }

  // ------------------------------------------------------------------ from a scenario

  private List<Item> fromScenario(PrintWriter err) throws IOException {
    for (String[] o : new String[][] {{"--profile", profile}, {"--mode", mode}, {"--hosts", hosts.isEmpty() ? null : "x"},
        {"--vhids", vhids.isEmpty() ? null : "x"}, {"--master", masters.isEmpty() ? null : "x"},
        {"--pass", pass.isEmpty() ? null : "x"}, {"--no-arpbalance", noArpbalance ? "x" : null}}) {
      if (o[1] != null) {
        throw new IllegalArgumentException(o[0] + " describes a setup by hand; with FILE the scenario gives it");
      }
    }
    Optional<Scenario> loaded = ScenarioFiles.load("balance", file, err);
    if (loaded.isEmpty()) {
      return null;
    }
    Scenario s = loaded.get();
    Optional<Long> when = Optional.empty();
    if (at != null) {
      long t = Durations.parse(at);
      if (t < 0 || t > s.duration()) {
        throw new IllegalArgumentException("--at " + at + " is outside the run 0.." + Durations.format(s.duration()));
      }
      when = Optional.of(t);
    }
    RunResult run = ScenarioRunner.run(s);
    List<Item> items = new ArrayList<>();
    List<BalanceClient> given = givenClients(address == null ? null : Ipv4Address.parse(address));
    if (!given.isEmpty()) {
      if (address == null) {
        throw new IllegalArgumentException("--clients with FILE: give --address, the shared address they ask for");
      }
      String seg = segment != null ? segment : onlySegment(s);
      long t = when.orElse(0L);
      BalanceSetup setup = ScenarioBalance.setup(s, run, seg, Ipv4Address.parse(address), t);
      items.add(new Item(s.name() + ", segment " + seg, BalanceAnalysis.analyze(setup, given), Optional.empty()));
      return items;
    }
    if (address != null || segment != null) {
      throw new IllegalArgumentException("--address and --segment go with --clients; the scenario's clients lines "
          + "give their own");
    }
    // ARP balancing answers IPv4 clients; IPv6 clients' neighbour solicitations are not balanced here
    List<ClientPopulation> ipv4 = s.clients().stream().filter(p -> p.target() instanceof Ipv4Address).toList();
    if (ipv4.isEmpty()) {
      throw new IllegalArgumentException(file + " has no clients line" + (s.clients().isEmpty() ? "" : " of IPv4 clients")
          + ": add one (clients SEG N from CIDR arp VIP every D) or give --clients and --address");
    }
    for (ClientPopulation p : ipv4) {
      long t = when.orElse(p.start());
      BalanceSetup setup = ScenarioBalance.setup(s, run, p.segment(), (Ipv4Address) p.target(), t);
      BalanceReport r = BalanceAnalysis.analyze(setup, ScenarioBalance.clients(p));
      SimulatedRound sim = SimulatedRound.of(run, p, Math.max(t, p.start()));
      items.add(new Item(s.name() + ", clients line " + p.origin().line(), r, Optional.of(sim)));
    }
    return items;
  }

  private static String onlySegment(Scenario s) {
    if (s.segments().size() != 1) {
      throw new IllegalArgumentException("the scenario has " + s.segments().size() + " segments: give --segment");
    }
    return s.segments().get(0).name();
  }

  // ------------------------------------------------------------------ from the command line

  private List<Item> fromCommandLine() throws IOException {
    if (at != null || segment != null) {
      throw new IllegalArgumentException((at != null ? "--at" : "--segment") + " needs a scenario FILE");
    }
    if (profile == null) {
      throw new IllegalArgumentException("give a scenario FILE, or --profile P (" + String.join(", ", Profiles.carpNames())
          + ") with --address, --master VHID=HOST and --clients");
    }
    Profile p = Profiles.find(profile).filter(x -> Profiles.carpNames().contains(x.name()))
        .orElseThrow(() -> new IllegalArgumentException("--profile " + profile + (Profiles.find(profile).isPresent()
            ? ": speaks VRRP, which has no ARP balancing; the CARP profiles are" : ": unknown; the profiles are") + " "
            + String.join(", ", Profiles.carpNames())));
    if (address == null) {
      throw new IllegalArgumentException("--address: the shared IPv4 address the clients ARP for is missing");
    }
    Ipv4Address target = parseAddress(address);
    List<Integer> vh = new ArrayList<>();
    for (String v : vhids) {
      vh.add(vhid("--vhids", v));
    }
    Map<Integer, String> m = new LinkedHashMap<>();
    for (String x : masters) {
      int eq = x.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("--master " + x + ": expected VHID=HOST, e.g. 1=A");
      }
      int v = vhid("--master", x.substring(0, eq));
      if (m.containsKey(v)) {
        throw new IllegalArgumentException("--master " + x + ": vhid " + v + " already has master " + m.get(v));
      }
      m.put(v, x.substring(eq + 1));
    }
    Optional<BalancingMode> bm = Optional.empty();
    if (mode != null) {
      bm = Optional.of(java.util.Arrays.stream(BalancingMode.values()).filter(x -> x.keyword().equals(mode)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--mode " + mode + ": expected arp, ip, ip-stealth, ip-unicast or none")));
    }
    BalanceSetup setup = ManualSetup.build(p, target, vh, m, hosts, !noArpbalance, bm, pass);
    List<BalanceClient> clients = givenClients(target);
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("no clients: give --clients [N@]CIDR or --clients-file F");
    }
    return List.of(new Item("", BalanceAnalysis.analyze(setup, clients), Optional.empty()));
  }

  private static Ipv4Address parseAddress(String text) {
    try {
      return Ipv4Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--address: " + e.getMessage());
    }
  }

  private static int vhid(String option, String text) {
    String t = text.strip();
    if (t.isEmpty() || t.length() > 3 || !t.chars().allMatch(Character::isDigit) || Integer.parseInt(t) < 1
        || Integer.parseInt(t) > 255) {
      throw new IllegalArgumentException(option + ": '" + text + "' is not a vhid (1..255)");
    }
    return Integer.parseInt(t);
  }

  /** The clients of --clients and --clients-file, in that order (empty when neither is given). */
  private List<BalanceClient> givenClients(Ipv4Address target) throws IOException {
    List<BalanceClient> out = new ArrayList<>();
    if (!clientSpecs.isEmpty() && target == null) {
      throw new IllegalArgumentException("--clients: give --address, the shared address they ask for");
    }
    for (int i = 0; i < clientSpecs.size(); i++) {
      out.addAll(ClientSpecs.parse(clientSpecs.get(i), i + 1, target));
    }
    if (clientsFile != null) {
      try {
        out.addAll(ClientSpecs.readFile(clientsFile, clientsFile.toString()));
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("--clients-file " + clientsFile + ": no such file");
      } catch (IOException e) {
        if (Files.isDirectory(clientsFile)) {
          throw new IllegalArgumentException("--clients-file " + clientsFile + ": is a directory");
        }
        throw new IOException("--clients-file " + clientsFile + ": cannot read (" + OutputPaths.describe(e) + ")");
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ JSON

  private static String json(Item i) {
    BalanceReport r = i.report();
    ObjectNode o = MAPPER.createObjectNode();
    o.put("title", i.title());
    o.put("source", r.setup().source());
    o.put("profile", r.setup().profile().name());
    o.put("address", r.setup().target().toString());
    o.put("rule", r.rule());
    o.put("ruleWords", r.ruleWords());
    o.put("formula", r.formula());
    o.put("clients", r.clients());
    ArrayNode hostsNode = o.putArray("hosts");
    for (HostSide h : r.setup().hosts()) {
      ObjectNode hn = hostsNode.addObject().put("host", h.host()).put("arpbalance", h.arpbalance());
      ArrayNode holders = hn.putArray("holders");
      for (CarpIface c : h.holders()) {
        ObjectNode cn = holders.addObject().put("iface", c.name()).put("balancing", c.mode().keyword());
        ArrayNode vn = cn.putArray("vhids");
        c.vhosts().forEach(v -> vn.addObject().put("vhid", v.vhid()).put("state", v.state().name()));
      }
    }
    ArrayNode shares = o.putArray("shares");
    for (BalanceReport.HostShare h : r.shares()) {
      ObjectNode sn = shares.addObject().put("host", h.host()).put("count", h.count()).put("percent", round(h.percent()));
      ArrayNode vn = sn.putArray("vhids");
      h.vhids().forEach(vn::add);
    }
    o.put("unanswered", r.unanswered());
    o.put("several", r.several());
    o.put("unplaceable", r.unplaceable());
    ArrayNode idx = o.putArray("indexes");
    for (BalanceReport.IndexBucket b : r.buckets()) {
      idx.addObject().put("index", b.index()).put("count", b.count()).put("detail", b.detail()).put("leadsTo", b.goesTo());
    }
    ArrayNode why = o.putArray("explanation");
    r.explanation().forEach(why::add);
    i.simulated().ifPresent(sim -> {
      ObjectNode sn = o.putObject("simulated");
      sn.put("from", Durations.format(sim.from()));
      sn.put("requests", sim.requests());
      ObjectNode by = sn.putObject("byHost");
      sim.byHost().forEach(by::put);
      sn.put("unanswered", sim.unanswered());
      sn.put("agrees", agrees(r, sim) && r.several() == 0 && sim.requests() == r.clients());
    });
    try {
      return MAPPER.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double round(double percent) {
    return Math.round(percent * 100) / 100.0;
  }

  /** Profile names for the help text. */
  static final class ProfileNames extends ArrayList<String> {
    ProfileNames() {
      super(Profiles.carpNames());
    }
  }
}
