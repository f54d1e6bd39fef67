package org.carpsim.conformance.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.config.UcarpOptions;
import org.carpsim.carp.config.UcarpSignal;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.conformance.live.CaptureOptions;
import org.carpsim.conformance.live.LiveFrame;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.conformance.live.LiveIoException;
import org.carpsim.conformance.live.Netns;
import org.carpsim.scenario.history.ArpAnswered;
import org.carpsim.scenario.history.CommandTyped;
import org.carpsim.scenario.history.StateChanged;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Host;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.NicAddress;
import org.carpsim.scenario.model.Scenario;
import org.carpsim.scenario.model.TimelineEvent;
import org.carpsim.scenario.run.RunResult;
import org.carpsim.scenario.run.ScenarioRunner;
import org.carpsim.sim.engine.EngineStats;
import org.carpsim.sim.frame.Frame;
import org.carpsim.sim.history.Fault;
import org.carpsim.sim.history.FrameRecording;
import org.carpsim.sim.history.FrameTransmitted;
import org.carpsim.sim.history.History;
import org.carpsim.sim.history.HistoryEntry;
import org.carpsim.sim.history.HistoryEvent;
import org.carpsim.sim.pcap.PcapWriter;

/**
 * Runs a scenario in a namespace lab ({@link LabNetwork}) against real processes, and returns the
 * same {@link RunResult} a simulated run returns: one history (every frame captured on the
 * bridges, the faults as applied, the commands typed, the processes' state changes and log lines,
 * the tester's clients' ARP answers) judged by the same checkers.
 *
 * <p>Times are real: the history's instant 0 is when the hosts were started; every event is placed
 * where its own clock put it (pcap timestamps for frames, the up/down scripts' {@code date +%s.%N},
 * the node's printed instants, the instant an action was taken). Events are gathered as they come
 * and recorded in time order once the run is over.
 *
 * <p>Safety: only the namespaces {@link LabNetwork} made; every process started here is stopped by
 * its own handle; teardown runs on every way out (a failed start, an exception, Ctrl-C through a
 * shutdown hook).
 */
public final class LabRun {

  /**
   * How a run goes.
   *
   * @param prefix the lab's name prefix ({@link LabNetwork#badPrefix})
   * @param keepLab leave the namespaces and the scratch files (not the processes) for inspection
   * @param listeners told every history entry as it is recorded (a report's digest)
   * @param pcap where to write the captured frames, with their real timestamps
   * @param nodeLauncher the command line that runs {@code carpsim node} (arguments follow), for
   *     hosts of kernel profiles
   * @param say progress lines for the user
   */
  public record Options(String prefix, boolean keepLab, List<Consumer<? super HistoryEntry>> listeners,
      Optional<Path> pcap, List<String> nodeLauncher, Consumer<String> say) {
    public Options {
      listeners = List.copyOf(listeners);
      nodeLauncher = List.copyOf(nodeLauncher);
    }
  }

  /** What a live run gives: the judged run and where its processes' files are. */
  public record Outcome(RunResult result, Path directory, List<String> notes) {}

  private static final long S = 1_000_000_000L;
  private static final String UCARP = "/usr/sbin/ucarp";

  private final Scenario scenario;
  private final Options options;
  private final Path dir;
  private final List<Pending> pending = new ArrayList<>();
  private final List<Daemon> daemons = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<ArpReply> replies = new ArrayList<>();
  private final List<Request> requests = new ArrayList<>();
  private final List<LiveInterface> captures = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private volatile LabNetwork network;
  private long t0;
  private int order;
  private boolean tornDown;

  private LabRun(Scenario scenario, Options options, Path dir) {
    this.scenario = scenario;
    this.options = options;
    this.dir = dir;
  }

  /**
   * Runs {@code scenario} live.
   *
   * @throws LabRefusedException if the scenario has lines the lab cannot map (nothing is built)
   * @throws LiveIoException if the lab cannot be built or run (everything built is torn down)
   */
  public static Outcome run(Scenario scenario, Options options) {
    LabPlan plan = LabPlan.of(scenario);
    if (!plan.runnable()) {
      throw new LabRefusedException(plan.refusals());
    }
    LabPrerequisites.missing(scenario).ifPresent(why -> {
      throw new LiveIoException("a live run needs " + why);
    });
    Path dir;
    try {
      dir = Files.createTempDirectory("carpsim-lab-" + options.prefix() + "-");
    } catch (IOException e) {
      throw new LiveIoException("cannot make a scratch directory: " + e.getMessage());
    }
    LabRun run = new LabRun(scenario, options, dir);
    Thread hook = new Thread(run::teardown, "carpsim-lab-teardown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return run.go();
    } finally {
      run.teardown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs the same teardown
      }
    }
  }

  private Outcome go() {
    long wallStart = System.nanoTime();
    network = LabNetwork.prepare(options.prefix(), scenario);
    network.create();
    options.say().accept("lab " + options.prefix() + ": " + network.namespaces().size() + " namespaces ("
        + String.join(", ", network.namespaces()) + "), scripts and process output in " + dir
        + (options.keepLab() ? "" : " (deleted at the end; --keep-lab keeps them)"));
    for (Host h : scenario.hosts()) {
      String what = switch (LiveHostKind.of(h)) {
        case UCARP -> "the real ucarp (" + UCARP + ")";
        case NODE -> "carpsim's live node with profile " + h.profile().name()
            + " (no BSD kernel is available here: the node stands in for " + h.profile().name() + ")";
        case KEEPALIVED -> "the real keepalived";
      };
      options.say().accept("host " + h.name() + ": " + what);
    }
    openCaptures();
    Map<String, LiveInterface> testers = openTesters();
    // carpsim's live node is a JVM that takes seconds to start, where a kernel's carp interface is up
    // at once: the nodes start first, and the run's instant 0 is when the last of them is running
    t0 = now();
    for (Host h : scenario.hosts()) {
      if (LiveHostKind.of(h) == LiveHostKind.NODE) {
        boot(h);
      }
    }
    awaitNodes();
    t0 = now();
    for (Host h : scenario.hosts()) {
      if (LiveHostKind.of(h) != LiveHostKind.NODE) {
        boot(h);
      }
    }
    ScheduledExecutorService clients = startClients(testers);
    try {
      for (TimelineEvent e : scenario.timeline()) {
        sleepUntil(e.at());
        apply(e);
      }
      sleepUntil(scenario.duration());
    } finally {
      clients.shutdownNow();
      try {
        clients.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long end = scenario.duration();
    stopAll();
    captures.forEach(LiveInterface::close);
    readProcessOutputs();
    settleArp(end);
    History history = new History(FrameRecording.TRANSMISSIONS);
    options.listeners().forEach(history::addListener);
    PcapWriter pcap = null;
    if (options.pcap().isPresent()) {
      try {
        pcap = PcapWriter.create(options.pcap().get(), t0);
      } catch (IOException e) {
        throw new LiveIoException("cannot write " + options.pcap().get() + ": " + e.getMessage());
      }
      history.addListener(pcap.transmissionListener());
    }
    List<Pending> sorted;
    synchronized (pending) {
      sorted = new ArrayList<>(pending);
    }
    sorted.sort(Comparator.comparingLong(Pending::time).thenComparingInt(Pending::order));
    for (Pending p : sorted) {
      history.record(Math.max(0, Math.min(end, p.time())), p.event());
    }
    if (pcap != null) {
      try {
        pcap.close();
      } catch (IOException e) {
        throw new LiveIoException("cannot write " + options.pcap().get() + ": " + e.getMessage());
      }
    }
    EngineStats engine = new EngineStats(sorted.size(), 0, end, System.nanoTime() - wallStart);
    teardown(); // before the outcome: it says what was kept
    return new Outcome(ScenarioRunner.judge(scenario, history, engine), dir, List.copyOf(notes));
  }

  // ---- capture ----------------------------------------------------------------------------------

  private void openCaptures() {
    CaptureOptions everything = new CaptureOptions(65535, "", true, 50);
    for (Nic n : scenario.nics()) {
      String port = network.port(n.qualifiedName());
      LiveInterface li = Netns.call(network.switchNs(), () -> LiveInterface.open(port, everything));
      captures.add(li);
      // what enters the bridge at a host's port is what that host sent
      li.startReceiving(f -> captured(n.qualifiedName(), n.host(), n.segment(), f));
    }
    for (int i = 0; i < scenario.clients().size(); i++) {
      ClientPopulation c = scenario.clients().get(i);
      String port = network.testerPort(c.segment());
      if (captures.stream().anyMatch(l -> l.name().equals(port))) {
        continue;
      }
      LiveInterface li = Netns.call(network.switchNs(), () -> LiveInterface.open(port, everything));
      captures.add(li);
      String name = ClientPopulation.hostName(i + 1) + ".eth0";
      li.startReceiving(f -> captured(name, "", c.segment(), f));
    }
  }

  private Map<String, LiveInterface> openTesters() {
    Map<String, LiveInterface> out = new HashMap<>();
    for (ClientPopulation c : scenario.clients()) {
      String t = network.testerInterface(c.segment());
      if (!out.containsKey(c.segment())) {
        // sending only: an inbound filter no frame passes keeps the handle quiet
        LiveInterface li = Netns.call(network.switchNs(),
            () -> LiveInterface.open(t, CaptureOptions.DEFAULT.withFilter("ether proto 0x88b5")));
        captures.add(li); // closed with the captures
        out.put(c.segment(), li);
      }
    }
    return out;
  }

  private void captured(String nic, String host, String segment, LiveFrame f) {
    long t = f.epochNanos() - t0;
    add(t, new FrameTransmitted(nic, segment, Frame.copyOf(f.bytes())));
    if (!host.isEmpty() && f.bytes().length >= 42 && (f.bytes()[12] & 0xff) == 0x08 && f.bytes()[13] == 0x06
        && Frames.decode(f.bytes()) instanceof EthernetFrame ef && ef.payload() instanceof ArpPacket arp
        && arp.operation() == ArpPacket.REPLY) {
      synchronized (replies) {
        replies.add(new ArpReply(t, host, arp.senderIp(), arp.targetIp()));
      }
    }
  }

  // ---- clients ----------------------------------------------------------------------------------

  private ScheduledExecutorService startClients(Map<String, LiveInterface> testers) {
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lab-clients");
      t.setDaemon(true);
      return t;
    });
    for (ClientPopulation p : scenario.clients()) {
      LiveInterface tester = testers.get(p.segment());
      for (ClientPopulation.Client c : p.clients()) {
        byte[] request = Frames.padToMinimum(EthernetFrame.of(MacAddress.BROADCAST, c.mac(),
            // IPv4 only: the plan refuses IPv6 clients
            new ArpPacket(ArpPacket.REQUEST, c.mac(), (Ipv4Address) c.address(), MacAddress.ZERO,
                (Ipv4Address) p.target())).toBytes());
        long first = t0 + c.firstRequestAt() - now();
        ex.scheduleAtFixedRate(() -> {
          long t = now() - t0;
          if (t >= scenario.duration()) {
            return;
          }
          synchronized (requests) {
            requests.add(new Request(t, p.segment(), (Ipv4Address) c.address(), (Ipv4Address) p.target()));
          }
          tester.send(request);
        }, Math.max(0, first), p.interval(), TimeUnit.NANOSECONDS);
      }
    }
    return ex;
  }

  /**
   * Each request's answer, recorded when the client asks again (or at the end, if answered), as a
   * simulated client records it: who answered first and how many replies came.
   */
  private void settleArp(long end) {
    List<Request> rs;
    List<ArpReply> as;
    synchronized (requests) {
      rs = new ArrayList<>(requests);
    }
    synchronized (replies) {
      as = new ArrayList<>(replies);
    }
    for (int i = 0; i < rs.size(); i++) {
      Request r = rs.get(i);
      long next = end;
      boolean asked = false;
      for (int j = i + 1; j < rs.size(); j++) {
        if (rs.get(j).client().equals(r.client()) && rs.get(j).target().equals(r.target())) {
          next = rs.get(j).time();
          asked = true;
          break;
        }
      }
      String first = "";
      int count = 0;
      for (ArpReply a : as) {
        if (a.time() >= r.time() && a.time() < next && a.sender().equals(r.target()) && a.target().equals(r.client())) {
          if (count++ == 0) {
            first = a.host();
          }
        }
      }
      if (asked || count > 0) {
        add(next, new ArpAnswered(r.time(), r.segment(), r.client(), r.target(), first, count));
      }
    }
  }

  // ---- hosts ------------------------------------------------------------------------------------

  private void boot(Host h) {
    switch (LiveHostKind.of(h)) {
      case UCARP -> {
        for (HostCommand c : h.commands()) {
          ucarpCommand(h, c);
        }
      }
      case NODE -> startNode(h);
      case KEEPALIVED -> {
        for (HostCommand c : h.commands()) {
          keepalivedCommand(h, c);
        }
      }
    }
  }

  private void apply(TimelineEvent e) {
    long t = now() - t0;
    if (e instanceof TimelineEvent.CommandAt c) {
      Host h = scenario.host(c.host()).orElseThrow();
      add(t, new CommandTyped(h.name(), c.origin().where(), c.command().redactedText(), true, ""));
      for (HostCommand command : c.command().commands()) {
        if (LiveHostKind.of(h) == LiveHostKind.UCARP) {
          ucarpCommand(h, command);
        } else if (LiveHostKind.of(h) == LiveHostKind.KEEPALIVED) {
          keepalivedCommand(h, command);
        } else {
          nodeCommand(h, command);
        }
      }
      return;
    }
    Fault fault = ((TimelineEvent.FaultAt) e).fault();
    add(t, fault);
    if (fault instanceof Fault.Crash crash) {
      Host h = scenario.host(crash.host()).orElseThrow();
      for (Daemon d : daemonsOf(h.name())) {
        d.kill(t, "host crashed");
      }
      network.powerOff(h);
    } else if (fault instanceof Fault.Boot boot) {
      Host h = scenario.host(boot.host()).orElseThrow();
      network.powerOn(h);
      boot(h);
    } else if (fault instanceof Fault.Link link) {
      network.link(link.nic(), link.up());
    } else if (fault instanceof Fault.Split split) {
      network.partition(split.segment(), split.partition());
    } else if (fault instanceof Fault.Heal heal) {
      network.heal(heal.segment());
    } else if (fault instanceof Fault.SegmentConditions sc) {
      network.segmentConditions(sc.segment(), sc.conditions());
    } else if (fault instanceof Fault.NicConditions nc) {
      network.nicConditions(nc.nic(), nc.conditions());
    }
  }

  private void ucarpCommand(Host h, HostCommand c) {
    if (c instanceof HostCommand.UcarpStart start) {
      startUcarp(h, start.options());
    } else if (c instanceof HostCommand.IfconfigSet set) {
      network.ifconfig(h.name(), set);
    } else if (c instanceof HostCommand.SignalUcarp s) {
      long t = now() - t0;
      for (Daemon d : daemonsOf(h.name())) {
        if (s.signal() == UcarpSignal.KILL) {
          d.kill(t, "killed (SIGKILL)");
        } else {
          d.signal(t, s.signal());
        }
      }
    }
  }

  /** keepalived's configuration files by host and path, as its lines wrote them. */
  private final Map<String, org.carpsim.carp.vrrp.KeepalivedConfig> keepalivedFiles = new HashMap<>();

  private void keepalivedCommand(Host h, HostCommand c) {
    if (c instanceof HostCommand.KeepalivedConfFile f) {
      keepalivedFiles.put(h.name() + " " + f.path(), f.config());
    } else if (c instanceof HostCommand.KeepalivedStart start) {
      org.carpsim.carp.vrrp.KeepalivedConfig config = keepalivedFiles.get(h.name() + " " + start.path());
      if (config != null && daemonsOf(h.name()).isEmpty()) {
        startKeepalived(h, config);
      }
    } else if (c instanceof HostCommand.SignalKeepalived s) {
      long t = now() - t0;
      for (Daemon d : daemonsOf(h.name())) {
        if (s.signal() == UcarpSignal.KILL) {
          d.kill(t, "killed (SIGKILL)");
        } else {
          d.signal(t, s.signal());
        }
      }
    }
  }

  /** The real keepalived (VRRP only, in the foreground), its notify script logging each instance's state. */
  private void startKeepalived(Host h, org.carpsim.carp.vrrp.KeepalivedConfig config) {
    int k = daemons.size();
    String tag = h.name() + "-" + k;
    Path state = dir.resolve(tag + "-state.log");
    Path notify = script(tag + "-notify.sh", "echo \"$(date +%s.%N) $2 $3\" >> " + state + "\n");
    Path conf = dir.resolve(tag + "-keepalived.conf");
    try {
      Files.writeString(conf, KeepalivedConf.text(config, notify.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path childPid = dir.resolve(tag + ".vrrp.pid");
    List<String> argv = List.of("ip", "netns", "exec", network.ns(h.name()), "keepalived", "-n", "-l", "-D", "-G", "-P",
        "-f", conf.toString(), "-p", dir.resolve(tag + ".pid").toString(), "-r", childPid.toString());
    Process shared = null;
    for (org.carpsim.carp.vrrp.KeepalivedConfig.Instance i : config.instances()) {
      Nic nic = h.nic(i.iface()).orElse(h.nics().get(0));
      Daemon d = new Daemon(h.name(), nic.name(), i.vrid(), nic.segment(),
          i.vips().stream().map(org.carpsim.carp.vrrp.KeepalivedConfig.Vip::address).toList(), state,
          dir.resolve(tag + "-keepalived.out"), false);
      d.instance = i.name();
      d.childPidFile = childPid;
      if (shared == null) {
        d.start(argv, now() - t0);
        shared = d.process;
      } else {
        d.process = shared;
        daemons.add(d);
      }
    }
  }

  /** {@code ifconfig CARP down} bows the node out (SIGTERM: it sends its bow-out and stops); {@code up} starts it again. */
  private void nodeCommand(Host h, HostCommand c) {
    if (c instanceof HostCommand.IfconfigSet set && set.setting(IfSetting.Down.class).isPresent()) {
      long t = now() - t0;
      daemonsOf(h.name()).forEach(d -> d.signal(t, UcarpSignal.TERM));
    } else if (c instanceof HostCommand.IfconfigSet set && set.setting(IfSetting.Up.class).isPresent()
        && daemonsOf(h.name()).stream().noneMatch(Daemon::alive)) {
      startNode(h);
    }
  }

  /** Waits (up to a minute) until every node started so far has printed its first state change. */
  private void awaitNodes() {
    long deadline = System.nanoTime() + 60 * S;
    for (Daemon d : daemons) {
      while (d.node && lines(d.out).stream().noneMatch(l -> NodeLine.parse(l).isPresent())) {
        if (!d.alive()) {
          throw new LiveIoException("carpsim's live node for " + d.host + " exited at its start: "
              + String.join(" / ", lines(d.out)));
        }
        if (System.nanoTime() > deadline) {
          throw new LiveIoException("carpsim's live node for " + d.host + " did not start within 60 s: "
              + String.join(" / ", lines(d.out)));
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LiveIoException("interrupted");
        }
      }
    }
  }

  private List<Daemon> daemonsOf(String host) {
    return daemons.stream().filter(d -> d.host.equals(host) && d.alive()).toList();
  }

  private void startUcarp(Host h, UcarpOptions o) {
    String iface = o.interfaceName().orElse(h.nics().get(0).name());
    Nic nic = h.nic(iface).orElseThrow();
    int len = nic.addresses().stream().filter(a -> a instanceof NicAddress.Inet4).map(a -> (NicAddress.Inet4) a)
        .findFirst().map(NicAddress.Inet4::prefixLength).orElse(32);
    int k = daemons.size();
    Path state = dir.resolve(h.name() + "-" + k + "-state.log");
    // the scenario's scripts add and remove the VIP (what the simulation models them doing); ours
    // do the same, and first write the instant they ran
    Path up = script(h.name() + "-" + k + "-up.sh", "echo \"$(date +%s.%N) up\" >> " + state + "\n"
        + (o.upscript().isPresent() ? "ip addr add \"$2\"/" + len + " dev \"$1\" 2>/dev/null\n" : ""));
    Path down = script(h.name() + "-" + k + "-down.sh", "echo \"$(date +%s.%N) down\" >> " + state + "\n"
        + (o.downscript().isPresent() ? "ip addr del \"$2\"/" + len + " dev \"$1\" 2>/dev/null\n" : ""));
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", network.ns(h.name()), UCARP,
        "--interface=" + iface, "--srcip=" + o.sourceAddress(), "--vhid=" + o.vhid(),
        "--addr=" + o.virtualAddress(), "--advbase=" + o.advbase(), "--advskew=" + o.advskew(),
        "--deadratio=" + o.deadRatio(), "--upscript=" + up, "--downscript=" + down));
    o.pass().ifPresent(p -> argv.add("--pass=" + new String(p.bytes(), StandardCharsets.UTF_8)));
    if (o.preempt()) {
      argv.add("--preempt");
    }
    if (o.neutral()) {
      argv.add("--neutral");
    }
    if (o.shutdown()) {
      argv.add("--shutdown");
    }
    if (o.ignoreInterfaceState()) {
      argv.add("--ignoreifstate");
    }
    if (o.noMulticast()) {
      argv.add("--nomcast");
    }
    o.extraParameter().ifPresent(x -> argv.add("--xparam=" + x));
    Daemon d = new Daemon(h.name(), iface, o.vhid(), nic.segment(), List.of(o.virtualAddress()), state,
        dir.resolve(h.name() + "-" + k + "-ucarp.out"), false);
    d.start(argv, now() - t0);
  }

  private void startNode(Host h) {
    LiveNodePlan plan = LiveNodePlan.of(h);
    Nic nic = h.nic(plan.nic()).orElseThrow();
    int k = daemons.size();
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", network.ns(h.name())));
    argv.addAll(options.nodeLauncher());
    argv.addAll(plan.arguments(h.profile().name()));
    Daemon d = new Daemon(h.name(), plan.carpIface(), plan.vhid(), nic.segment(),
        List.of(Ipv4Address.parse(plan.vip().substring(0, plan.vip().indexOf('/')))), null,
        dir.resolve(h.name() + "-" + k + "-node.out"), true);
    d.carpdev = plan.nic();
    d.start(argv, now() - t0);
  }

  private Path script(String name, String body) {
    Path p = dir.resolve(name);
    try {
      Files.writeString(p, "#!/bin/sh\n" + body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    p.toFile().setExecutable(true);
    return p;
  }

  /** Each process's state changes (scripts' lines, the node's printed transitions) and log lines. */
  private void readProcessOutputs() {
    for (Daemon d : daemons) {
      d.readOutputs();
    }
  }

  private void stopAll() {
    for (Daemon d : daemons) {
      d.stop();
    }
  }

  /** Stops every process (by its handle), closes the captures, deletes the namespaces (unless kept); once is enough. */
  private synchronized void teardown() {
    if (tornDown) {
      return;
    }
    tornDown = true;
    for (Daemon d : daemons) {
      d.stop();
    }
    for (LiveInterface c : captures) {
      c.close();
    }
    if (!options.keepLab()) {
      deleteTree(dir);
    }
    if (network != null && !options.keepLab()) {
      network.close();
      if (network.anyLeft()) {
        notes.add("some namespaces of " + options.prefix() + " could not be deleted: " + network.namespaces());
      }
    } else if (network != null) {
      notes.add("kept the lab: namespaces " + String.join(", ", network.namespaces()) + " (delete with: "
          + String.join("; ", network.namespaces().stream().map(n -> "ip netns del " + n).toList()) + ")");
    }
  }

  private static void deleteTree(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a scratch directory left in /tmp harms nothing
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private void add(long time, HistoryEvent e) {
    synchronized (pending) {
      pending.add(new Pending(time, order++, e));
    }
  }

  private void sleepUntil(long at) {
    long wait = t0 + at - now();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LiveIoException("interrupted");
      }
    }
  }

  private static long now() {
    Instant i = Instant.now();
    return i.getEpochSecond() * S + i.getNano();
  }

  private record Pending(long time, int order, HistoryEvent event) {}

  private record ArpReply(long time, String host, Ipv4Address sender, Ipv4Address target) {}

  private record Request(long time, String segment, Ipv4Address client, Ipv4Address target) {}

  /** One process of a host: a ucarp daemon or a live node, with what it said. */
  private final class Daemon {
    final String host;
    final String iface;
    final int vhid;
    final String segment;
    final List<Ipv4Address> vips;
    final Path stateLog;
    final Path out;
    final boolean node;
    String carpdev;
    Process process;
    /** keepalived: the instance this daemon's state changes are of, and the pid file of its VRRP process. */
    String instance;
    Path childPidFile;
    /** Notes taken as actions happened: (time, to, reason). */
    final List<Note> actions = new ArrayList<>();

    Daemon(String host, String iface, int vhid, String segment, List<Ipv4Address> vips, Path stateLog, Path out,
        boolean node) {
      this.host = host;
      this.iface = iface;
      this.vhid = vhid;
      this.segment = segment;
      this.vips = vips;
      this.stateLog = stateLog;
      this.out = out;
      this.node = node;
      this.carpdev = iface;
    }

    void start(List<String> argv, long t) {
      try {
        process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      } catch (IOException e) {
        throw new LiveIoException("cannot start " + argv.get(4) + " in " + network.ns(host) + ": " + e.getMessage());
      }
      daemons.add(this);
    }

    boolean alive() {
      return process != null && process.isAlive();
    }

    /** SIGKILL by its own handle (keepalived's VRRP process first, by the id it wrote): no script, no bow-out. */
    void kill(long t, String reason) {
      actions.add(new Note(t, CarpState.INIT, reason));
      killChild();
      process.destroyForcibly();
      waitFor();
    }

    private void killChild() {
      if (childPidFile != null) {
        for (String line : lines(childPidFile)) {
          if (line.trim().matches("\\d+")) {
            ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
      }
    }

    /** A caught signal: SIGTERM by its own handle (ucarp exits, running its down-script only with --shutdown; the node bows out). */
    void signal(long t, UcarpSignal s) {
      if (!node && instance == null) {
        actions.add(new Note(t, CarpState.INIT, "killed (" + s.sigName() + ")"));
      }
      process.destroy();
      waitFor();
    }

    void stop() {
      if (process != null && process.isAlive()) {
        killChild();
        process.destroyForcibly();
        waitFor();
      }
    }

    private void waitFor() {
      try {
        process.waitFor(12, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void readOutputs() {
      List<Note> notesOf = new ArrayList<>(actions);
      List<String> lines = lines(out);
      if (node) {
        for (String line : lines) {
          NodeLine.parse(line).ifPresent(n -> notesOf.add(new Note(n.epochNanos() - t0, n.to(), n.reason())));
        }
      } else if (instance != null) {
        for (String line : lines(stateLog)) {
          String[] w = line.trim().split(" ");
          if (w.length >= 3 && w[1].equals(instance)) {
            CarpState to = switch (w[2]) {
              case "MASTER" -> CarpState.MASTER;
              case "BACKUP" -> CarpState.BACKUP;
              default -> CarpState.INIT; // FAULT, STOP
            };
            notesOf.add(new Note(epochNanos(w[0]) - t0, to, "keepalived notify " + w[2]));
          }
        }
      } else {
        for (String line : lines(stateLog)) {
          String[] w = line.trim().split(" ");
          if (w.length >= 2) {
            long at = epochNanos(w[0]) - t0;
            notesOf.add(w[1].equals("up") ? new Note(at, CarpState.MASTER, "ucarp ran its up-script")
                : new Note(at, CarpState.BACKUP, "ucarp ran its down-script"));
          }
        }
      }
      notesOf.sort(Comparator.comparingLong(Note::time));
      CarpState state = CarpState.INIT;
      for (Note n : notesOf) {
        if (n.to() != state) {
          add(n.time(), new StateChanged(host, iface, vhid, carpdev, segment, state, n.to(), n.reason(), List.<IpAddress>copyOf(vips)));
          state = n.to();
        }
      }
    }
  }

  private record Note(long time, CarpState to, String reason) {}

  private static List<String> lines(Path p) {
    try {
      return p != null && Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** {@code 1733612345.123456789} as epoch nanoseconds. */
  static long epochNanos(String text) {
    int dot = text.indexOf('.');
    long seconds = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
    String frac = dot < 0 ? "" : (text.substring(dot + 1) + "000000000").substring(0, 9);
    return seconds * S + (frac.isEmpty() ? 0 : Long.parseLong(frac));
  }
}
