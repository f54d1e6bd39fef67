package org.carpsim.conformance.lab;

import java.util.Locale;
import java.util.Optional;
import org.carpsim.carp.vrrp.KeepalivedConfig;

/**
 * A scenario's keepalived.conf written back as keepalived reads it, for the real keepalived in the
 * lab: every setting the scenario's parser knows, and a {@code notify} script per instance that logs
 * each state change with its instant (the live run's state changes).
 */
final class KeepalivedConf {

  private KeepalivedConf() {}

  /** Why the lab cannot run {@code config}, if it cannot. */
  static Optional<String> refusal(KeepalivedConfig config) {
    for (KeepalivedConfig.Instance i : config.instances()) {
      if (i.useVmac()) {
        return Optional.of("vrrp_instance " + i.name() + " uses use_vmac, which the lab does not build (a macvlan)");
      }
    }
    return Optional.empty();
  }

  /** The file's text, {@code notify} running {@code notifyScript} in every instance. */
  static String text(KeepalivedConfig config, String notifyScript) {
    StringBuilder s = new StringBuilder();
    if (config.disableLocalIgmp()) {
      s.append("global_defs {\n    disable_local_igmp\n}\n");
    }
    for (KeepalivedConfig.Instance i : config.instances()) {
      s.append("vrrp_instance ").append(i.name()).append(" {\n");
      line(s, "state " + (i.wantMaster() ? "MASTER" : "BACKUP"));
      line(s, "interface " + i.iface());
      line(s, "virtual_router_id " + i.vrid());
      line(s, "priority " + i.priority());
      line(s, "version " + i.version());
      line(s, "advert_int " + String.format(Locale.ROOT, "%.2f", i.advertIntCentis() / 100.0));
      if (!i.preempt()) {
        line(s, "nopreempt");
      }
      if (i.preemptDelayCentis() > 0) {
        line(s, "preempt_delay " + String.format(Locale.ROOT, "%.2f", i.preemptDelayCentis() / 100.0));
      }
      line(s, "garp_master_delay " + i.garpMasterDelaySeconds());
      line(s, "garp_master_repeat " + i.garpMasterRepeat());
      if (i.garpLowerPrioRepeat() > 0) {
        line(s, "garp_lower_prio_repeat " + i.garpLowerPrioRepeat());
      }
      if (i.higherPrioSendAdvert()) {
        line(s, "higher_prio_send_advert true");
      }
      if (i.garpMasterRefreshSeconds() > 0) {
        line(s, "garp_master_refresh " + i.garpMasterRefreshSeconds());
        line(s, "garp_master_refresh_repeat " + i.garpMasterRefreshRepeat());
      }
      i.authPass().ifPresent(p -> s.append("    authentication {\n        auth_type PASS\n        auth_pass ").append(p)
          .append("\n    }\n"));
      s.append("    virtual_ipaddress {\n");
      for (KeepalivedConfig.Vip v : i.vips()) {
        s.append("        ").append(v.address()).append('/').append(v.prefixLength()).append('\n');
      }
      s.append("    }\n");
      line(s, "notify " + notifyScript);
      s.append("}\n");
    }
    return s.toString();
  }

  private static void line(StringBuilder s, String text) {
    s.append("    ").append(text).append('\n');
  }
}
