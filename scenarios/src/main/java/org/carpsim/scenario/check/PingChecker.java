package org.carpsim.scenario.check;

import java.util.List;
import org.carpsim.scenario.history.EchoProbed;
import org.carpsim.scenario.model.Expectation;
import org.carpsim.sim.history.Timed;
import org.carpsim.sim.time.Durations;

/** {@code expect ping HOST ADDRESS answered|unanswered …}: over the pings the run recorded for the line. */
public final class PingChecker implements Checker {

  private final Expectation.Ping e;

  public PingChecker(Expectation.Ping e) {
    this.e = e;
  }

  @Override
  public Judgement check(RunView run) {
    long from = e.probes().get(0);
    long to = e.probes().get(e.probes().size() - 1);
    // this line's own echoes: one recorded per instant it names (another line may ping at the same instant)
    List<Timed<EchoProbed>> all = run.pings(e.host(), e.address(), e.source().orElse(""), from, to);
    List<Timed<EchoProbed>> sent = new java.util.ArrayList<>();
    for (long at : e.probes()) {
      all.stream().filter(p -> p.time() == at).findFirst().ifPresent(sent::add);
    }
    if (sent.isEmpty()) {
      return new Judgement(false, "no ping from " + e.host() + " to " + e.address() + " was sent (the run ended at "
          + Durations.format(run.end()) + ")");
    }
    Timed<EchoProbed> firstAnswered = sent.stream().filter(p -> !p.event().answeredBy().isEmpty()).findFirst()
        .orElse(null);
    String what = sent.size() == 1 ? "the ping at " + Durations.format(from)
        : sent.size() + " pings from " + Durations.format(from) + " to " + Durations.format(to);
    if (firstAnswered == null) {
      return new Judgement(!e.answered(), e.address() + " did not answer " + e.host() + ": " + what + " got no reply");
    }
    return new Judgement(e.answered(), e.address() + " answered " + e.host() + " at "
        + Durations.format(firstAnswered.time()) + " (from " + String.join(", ", firstAnswered.event().answeredBy())
        + ") of " + what);
  }
}
