package org.carpsim.conformance.lab;

import org.carpsim.carp.profile.ConfigStyle;
import org.carpsim.scenario.model.Host;

/** What a scenario host becomes in the lab: the real ucarp, carpsim's live node, or the real keepalived. */
public enum LiveHostKind {
  /** Profile {@code ucarp}: {@code /usr/sbin/ucarp}, started by the host's {@code ucarp …} lines. */
  UCARP,
  /** A kernel profile: carpsim's live node with that profile stands in (no BSD kernel runs here). */
  NODE,
  /** Profile {@code keepalived}: the real keepalived. */
  KEEPALIVED;

  public static LiveHostKind of(Host h) {
    ConfigStyle.InterfaceModel model = h.profile().config().interfaces();
    if (model == ConfigStyle.InterfaceModel.KEEPALIVED_DAEMON) {
      return KEEPALIVED;
    }
    return model == ConfigStyle.InterfaceModel.UCARP_DAEMON ? UCARP : NODE;
  }
}
