package org.carpsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.conformance.live.CaptureOptions;
import org.carpsim.conformance.live.LiveInterface;
import org.carpsim.conformance.live.LiveIoException;
import org.carpsim.conformance.replay.FrameSummary;
import org.carpsim.conformance.replay.ReplayFilter;
import org.carpsim.conformance.replay.ReplayFrame;
import org.carpsim.conformance.replay.ReplayPlan;
import org.carpsim.conformance.replay.ReplayResult;
import org.carpsim.conformance.replay.ReplaySchedule;
import org.carpsim.conformance.replay.Replayer;
import org.carpsim.sim.pcap.CaptureFormatException;
import org.carpsim.sim.time.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carpsim replay PCAP --iface IF [--speed X]}: re-injects a capture with its timing. */
@Command(
    name = "replay",
    header = "Send a capture's frames again on an interface, with the capture's timing.",
    mixinStandardHelpOptions = true,
    description = {
      "Send the frames of a pcap/pcapng capture again on IF, with the capture's",
      "timing: each frame goes out at its offset from the first frame sent,",
      "divided by --speed (sleeping, then busy-waiting the last 200 µs). At the",
      "end it prints how far from that schedule the sends were (median, p99, max).",
      "",
      "Frames are sent byte for byte as captured, with their original MAC and IP",
      "addresses. Linux cooked captures (tcpdump -i any) lack the destination",
      "MAC: broadcast, ARP-request and multicast frames get it back from the",
      "packet; unicast ones are skipped with a message, as are frames cut by the",
      "snap length and link types other than Ethernet/SLL/SLL2.",
      "",
      "Safety: it sends only on IF (never 'any') and captures nothing. A replayed",
      "CARP advertisement can take a VIP away from the hosts on that link: replay",
      "only on an isolated lab link. --dry-run prints what would be sent and opens",
      "nothing. --fast sends as fast as allowed, at most --pps (default 10000/s).",
      "",
      "Needs root, or: setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))"
    },
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  sudo ./carpsim replay docs/captures/ucarp-failover.pcap --iface veth0 --dry-run", "  sudo ./carpsim replay docs/captures/ucarp-failover.pcap --iface veth0 --speed 10"},
    exitCodeList = {"0:every planned frame was sent", "1:sending failed (libpcap, permission, interface)",
        "2:bad option, unreadable capture, or nothing to send",
        "130, 143:stopped by SIGINT (Ctrl-C), SIGTERM (after printing the summary)"})
public final class ReplayCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PCAP", description = "The capture to replay (pcap or pcapng).")
  Path file;

  @Option(names = "--iface", required = true, paramLabel = "IF",
      description = "The Ethernet interface to send on ('any' is refused).")
  String iface;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
      description = "Time scale: 2 plays twice as fast, 0.5 half as fast, 0 as fast as possible (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--fast", description = "As fast as possible (same as --speed 0), still at most --pps frames/s.")
  boolean fast;

  @Option(names = "--pps", paramLabel = "N",
      description = "At most N frames per second (default: the capture's own pace; 10000 with --fast).")
  Long pps;

  @Option(names = "--vhid", paramLabel = "N", description = "Send only CARP advertisements of vhid N (no ARP, nothing else).")
  Integer vhid;

  @Option(names = "--src", paramLabel = "A", description = "Send only frames from IPv4 address A (IP source or ARP sender).")
  String source;

  @Option(names = "--frames", paramLabel = "A-B", description = "Send only records A to B (numbered from 1 as carpsim decode shows them; A-, N).")
  String frames;

  @Option(names = "--dry-run", description = "Print what would be sent, decoded, with its due time; open nothing.")
  boolean dryRun;

  @Option(names = {"-v", "--verbose"}, description = "Print each frame as it is sent, with how late it went.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReplayFilter filter;
    ReplaySchedule schedule;
    try {
      LiveInterface.requireNamed(iface);
      filter = filter();
      schedule = schedule();
    } catch (IllegalArgumentException e) {
      return fail(err, 2, e.getMessage());
    }
    ReplayPlan plan;
    try {
      plan = ReplayPlan.load(file, filter);
    } catch (CaptureFormatException e) {
      return fail(err, 2, file + ": " + e.problem() + " (at byte " + e.offset() + ")");
    } catch (NoSuchFileException e) {
      return fail(err, 2, file + ": no such file");
    } catch (AccessDeniedException e) {
      return fail(err, 2, file + ": permission denied");
    } catch (IOException e) {
      return fail(err, 2, file + ": " + e.getMessage());
    }
    int shown = 0;
    for (ReplayPlan.Refusal r : plan.refused()) {
      if (shown++ < 10) {
        err.println("carpsim replay: skipping " + r);
      }
    }
    if (plan.refused().size() > 10) {
      err.println("carpsim replay: skipping " + (plan.refused().size() - 10) + " more records that cannot be injected");
    }
    err.flush();
    if (plan.frames().isEmpty()) {
      return fail(err, 2, "nothing to send: " + plan.records() + " records in " + file + ", none "
          + (plan.refused().isEmpty() ? "passes the filter" : "passes the filter and can be injected"));
    }
    long[] due = schedule.dueTimes(plan.frames());
    out.printf(Locale.ROOT, "carpsim replay: %d of %d records from %s on %s, %s, %s%n", plan.frames().size(),
        plan.records(), file, iface, pace(schedule), "lasting " + seconds(due[due.length - 1]));
    out.flush();
    if (dryRun) {
      for (int i = 0; i < due.length; i++) {
        ReplayFrame f = plan.frames().get(i);
        out.printf(Locale.ROOT, "%6d  +%s  %s%n", f.number(), seconds(due[i]), FrameSummary.of(f.frame()));
      }
      out.println("carpsim replay: dry run, nothing sent");
      out.flush();
      return 0;
    }
    LiveInterface nic;
    try {
      // "less 1" matches no frame: this handle only sends.
      nic = LiveInterface.open(iface, CaptureOptions.DEFAULT.withFilter("less 1"));
    } catch (LiveIoException e) {
      return fail(err, 1, e.getMessage());
    }
    return replay(plan, schedule, nic, out, err);
  }

  private int replay(ReplayPlan plan, ReplaySchedule schedule, LiveInterface nic, PrintWriter out, PrintWriter err) {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        done.await(2, TimeUnit.SECONDS); // let the summary print
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "carpsim-replay-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ReplayResult result;
      try {
        result = new Replayer().run(plan, schedule, nic::send, stop::get, (f, dueNanos, lateNanos) -> {
          if (verbose) {
            out.printf(Locale.ROOT, "%6d  +%s  late %6.1f µs  %s%n", f.number(), seconds(dueNanos), lateNanos / 1e3,
                FrameSummary.of(f.frame()));
            out.flush();
          }
        });
      } catch (LiveIoException e) {
        return fail(err, 1, e.getMessage());
      } finally {
        nic.close();
      }
      out.printf(Locale.ROOT, "carpsim replay: %s %d of %d frames in %s%n", result.cancelled() ? "stopped after" : "sent",
          result.sent(), result.planned(), seconds(result.elapsedNanos()));
      out.println("carpsim replay: " + result.timingLine());
      out.flush();
      return result.cancelled() ? 130 : 0;
    } finally {
      done.countDown(); // a signal's hook waits for the summary above
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook is running
      }
    }
  }

  private ReplayFilter filter() {
    ReplayFilter f = ReplayFilter.ALL;
    if (vhid != null) {
      f = f.withVhid(vhid);
    }
    if (source != null) {
      try {
        f = f.withSource(Ipv4Address.parse(source.trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--src '" + source + "': " + e.getMessage());
      }
    }
    if (frames != null) {
      long[] range = ReplayFilter.parseRange(frames);
      f = f.withFrames(range[0], range[1]);
    }
    return f;
  }

  private ReplaySchedule schedule() {
    if (fast && speed != 1 && speed != 0) {
      throw new IllegalArgumentException("--fast and --speed " + fmt(speed) + " contradict each other; give one");
    }
    ReplaySchedule s = fast || speed == 0 ? new ReplaySchedule(0, ReplaySchedule.FAST_DEFAULT_MIN_GAP_NANOS)
        : ReplaySchedule.timed(speed);
    if (pps != null) {
      s = s.withRateLimit(pps);
    }
    return s;
  }

  private static String pace(ReplaySchedule s) {
    String rate = s.minGapNanos() == 0 ? "" : String.format(Locale.ROOT, ", at most %d frames/s", 1_000_000_000L / s.minGapNanos());
    return (s.asFastAsPossible() ? "as fast as possible" : "speed " + fmt(s.speed())) + rate;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** Microsecond resolution is what a replay's pacing can keep; the unit is spaced ({@code 1.500000 s}). */
  private static String seconds(long nanos) {
    return Durations.formatSeconds(nanos, 6) + " s";
  }

  private static int fail(PrintWriter err, int code, String message) {
    err.println("carpsim replay: " + message);
    err.flush();
    return code;
  }
}
