package org.carpsim.carp.vrrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.config.ConfigException;
import org.carpsim.carp.config.LogicalLine;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.NearestWord;

/**
 * Reads the subset of keepalived.conf (keepalived 2.2, {@code vrrp_parser.c}) that carpsim runs:
 * {@code global_defs} ({@code router_id}, {@code vrrp_version}, {@code vrrp_garp_master_delay},
 * {@code vrrp_garp_master_repeat}) and {@code vrrp_instance} blocks ({@code state}, {@code interface},
 * {@code virtual_router_id}, {@code priority}, {@code advert_int}, {@code nopreempt},
 * {@code preempt_delay}, {@code authentication { auth_type PASS; auth_pass X }},
 * {@code virtual_ipaddress { A/len … }}, {@code version}, {@code garp_master_delay},
 * {@code garp_master_repeat}, {@code use_vmac [NAME]}, {@code garp_lower_prio_repeat},
 * {@code higher_prio_send_advert}, {@code garp_master_refresh}, {@code garp_master_refresh_repeat},
 * {@code vmac_xmit_base}, and the {@code vrrp_}-prefixed global defaults of the GARP options, and
 * {@code disable_local_igmp} in {@code global_defs}). Comments start with {@code #} or {@code !}. Any other keyword is
 * refused at its line and column, so that a run never silently ignores what the file asks for.
 * Defaults are keepalived's: priority 100, advert_int 1 s, version 2, preempt on, 5 gratuitous ARPs
 * now and 5 more after 5 s, state BACKUP.
 */
public final class KeepalivedConfParser {

  private static final List<String> TOP = List.of("global_defs", "vrrp_instance");
  private static final List<String> GLOBAL = List.of("router_id", "vrrp_version", "vrrp_garp_master_delay",
      "vrrp_garp_master_repeat", "vrrp_garp_lower_prio_repeat", "vrrp_higher_prio_send_advert",
      "vrrp_garp_master_refresh", "vrrp_garp_master_refresh_repeat", "disable_local_igmp");
  private static final List<String> INSTANCE = List.of("state", "interface", "virtual_router_id", "priority",
      "advert_int", "nopreempt", "preempt_delay", "authentication", "virtual_ipaddress", "version", "vrrp_version",
      "garp_master_delay", "garp_master_repeat", "use_vmac", "garp_lower_prio_repeat", "higher_prio_send_advert",
      "garp_master_refresh", "garp_master_refresh_repeat", "vmac_xmit_base");

  /** A word of the file with its physical place. */
  private record Tok(String text, int line, int column) {}

  private final String path;
  private final List<Tok> toks = new ArrayList<>();
  private final String[] lines;
  private int i;

  private KeepalivedConfParser(String path, String text) {
    this.path = path;
    this.lines = text.split("\n", -1);
    for (int ln = 0; ln < lines.length; ln++) {
      String s = lines[ln];
      int k = 0;
      while (k < s.length()) {
        char c = s.charAt(k);
        if (c == '#' || c == '!') {
          break;
        }
        if (Character.isWhitespace(c)) {
          k++;
          continue;
        }
        if (c == '{' || c == '}') {
          toks.add(new Tok(String.valueOf(c), ln + 1, k + 1));
          k++;
          continue;
        }
        int start = k;
        while (k < s.length() && !Character.isWhitespace(s.charAt(k)) && s.charAt(k) != '{' && s.charAt(k) != '}') {
          k++;
        }
        toks.add(new Tok(s.substring(start, k), ln + 1, start + 1));
      }
    }
  }

  /**
   * Parses a whole keepalived.conf.
   *
   * @throws ConfigException placed at {@code path:line:col}, naming the keyword
   */
  public static KeepalivedConfig parse(String path, String text) {
    return new KeepalivedConfParser(path, text).file();
  }

  private ConfigException error(Tok at, String message, Optional<String> nearest) {
    Tok t = at != null ? at : (toks.isEmpty() ? new Tok("", 1, 1) : toks.get(toks.size() - 1));
    return new ConfigException(t.column() - 1, message, nearest).at(path, LogicalLine.of(t.line() <= lines.length ? lines[t.line() - 1] : "", t.line()));
  }

  private ConfigException error(Tok at, String message) {
    return error(at, message, Optional.empty());
  }

  private Tok next(Tok after, String what) {
    if (i >= toks.size()) {
      throw error(after, "keepalived.conf: " + what + " expected after '" + after.text() + "', the file ends");
    }
    return toks.get(i++);
  }

  private void open(Tok after) {
    Tok t = next(after, "'{'");
    if (!t.text().equals("{")) {
      throw error(t, "keepalived.conf: '{' expected after '" + after.text() + "', found '" + t.text() + "'");
    }
  }

  private boolean close() {
    if (i < toks.size() && toks.get(i).text().equals("}")) {
      i++;
      return true;
    }
    return false;
  }

  private KeepalivedConfig file() {
    int version = 2;
    int garpDelay = 5;
    int garpRepeat = 5;
    Globals g = new Globals();
    List<Draft> drafts = new ArrayList<>();
    while (i < toks.size()) {
      Tok t = toks.get(i++);
      if (t.text().equals("global_defs")) {
        open(t);
        while (!close()) {
          Tok k = next(t, "a global_defs keyword or '}'");
          switch (k.text()) {
            case "router_id" -> next(k, "a router id");
            case "vrrp_version" -> version = number(k, 2, 3);
            case "vrrp_garp_master_delay" -> garpDelay = number(k, 0, 1000);
            case "vrrp_garp_master_repeat" -> garpRepeat = number(k, 1, 255);
            case "vrrp_garp_lower_prio_repeat" -> g.lowerPrioRepeat = number(k, 0, 255);
            case "vrrp_higher_prio_send_advert" -> g.higherPrioSendAdvert = flag(k);
            case "vrrp_garp_master_refresh" -> g.refresh = number(k, 0, 86400);
            case "vrrp_garp_master_refresh_repeat" -> g.refreshRepeat = number(k, 1, 255);
            case "disable_local_igmp" -> g.disableLocalIgmp = true;
            default -> throw unknown(k, "global_defs", GLOBAL);
          }
        }
      } else if (t.text().equals("vrrp_instance")) {
        Tok name = next(t, "an instance name");
        if (name.text().equals("{")) {
          throw error(name, "keepalived.conf: vrrp_instance needs a name (vrrp_instance VI_1 { … })");
        }
        drafts.add(instance(name));
      } else {
        throw unknown(t, "the top level", TOP);
      }
    }
    List<KeepalivedConfig.Instance> out = new ArrayList<>();
    for (Draft d : drafts) {
      out.add(d.build(version, garpDelay, garpRepeat, g));
    }
    return new KeepalivedConfig(out, g.disableLocalIgmp);
  }

  /** The global defaults of the GARP options (keepalived's global_defs). */
  private static final class Globals {
    int lowerPrioRepeat;
    boolean higherPrioSendAdvert;
    int refresh;
    int refreshRepeat = 1;
    boolean disableLocalIgmp;
  }

  /** An optional true/false after a flag keyword (keepalived accepts both forms). */
  private boolean flag(Tok key) {
    if (i < toks.size() && (toks.get(i).text().equals("true") || toks.get(i).text().equals("false"))) {
      return toks.get(i++).text().equals("true");
    }
    return true;
  }

  private ConfigException unknown(Tok k, String where, List<String> known) {
    Optional<String> near = NearestWord.among(k.text(), known);
    return error(k, "keepalived.conf: '" + k.text() + "' in " + where + " is not modelled by carpsim (modelled: "
        + String.join(", ", known) + ")" + near.map(x -> "; did you mean " + x + "?").orElse(""), near);
  }

  private int number(Tok key, int min, int max) {
    Tok v = next(key, "a number");
    try {
      int n = Integer.parseInt(v.text());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(v, "keepalived.conf: " + key.text() + " '" + v.text() + "': an integer " + min + ".." + max
        + " expected");
  }

  /** The fields of an instance as read; checked once the whole file is known (vrrp_version is global). */
  private final class Draft {
    Tok name;
    Tok intervalTok;
    Tok vridTok;
    Tok ifaceTok;
    boolean wantMaster;
    String iface;
    int vrid;
    int priority = 100;
    String interval = "1";
    boolean preempt = true;
    int preemptDelay;
    Optional<String> pass = Optional.empty();
    List<KeepalivedConfig.Vip> vips = new ArrayList<>();
    Integer version;
    Integer garpDelay;
    Integer garpRepeat;
    boolean useVmac;
    boolean vmacXmitBase;
    Integer lowerPrioRepeat;
    Boolean higherPrioSendAdvert;
    Integer refresh;
    Integer refreshRepeat;

    KeepalivedConfig.Instance build(int globalVersion, int globalGarpDelay, int globalGarpRepeat, Globals g) {
      if (vridTok == null) {
        throw error(name, "keepalived.conf: (" + name.text() + ") the virtual router id must be set "
            + "(virtual_router_id 1..255)");
      }
      if (ifaceTok == null) {
        throw error(name, "keepalived.conf: (" + name.text() + ") Unknown interface! (interface IF is required)");
      }
      int v = version != null ? version : globalVersion;
      int centis;
      try {
        java.math.BigDecimal d = new java.math.BigDecimal(interval);
        if (v == 2) {
          centis = d.intValueExact() * 100;
          if (centis < 100 || centis > 25500) {
            throw new ArithmeticException();
          }
        } else {
          centis = d.movePointRight(2).intValueExact();
          if (centis < 1 || centis > 4095) {
            throw new ArithmeticException();
          }
        }
      } catch (ArithmeticException | NumberFormatException e) {
        throw error(intervalTok, "keepalived.conf: advert_int '" + interval + "': " + (v == 2
            ? "VRRPv2 sends whole seconds, 1..255" : "VRRPv3 allows 0.01..40.95 s in centiseconds"));
      }
      return new KeepalivedConfig.Instance(name.text(), wantMaster || priority == 255, iface, vrid, priority, centis,
          preempt, preemptDelay * 100, pass, vips, v, garpDelay != null ? garpDelay : globalGarpDelay,
          garpRepeat != null ? garpRepeat : globalGarpRepeat, useVmac,
          lowerPrioRepeat != null ? lowerPrioRepeat : g.lowerPrioRepeat,
          higherPrioSendAdvert != null ? higherPrioSendAdvert : g.higherPrioSendAdvert,
          refresh != null ? refresh : g.refresh, refreshRepeat != null ? refreshRepeat : g.refreshRepeat, vmacXmitBase);
    }
  }

  private Draft instance(Tok name) {
    Draft d = new Draft();
    d.name = name;
    open(name);
    while (!close()) {
      Tok k = next(name, "a vrrp_instance keyword or '}'");
      switch (k.text()) {
        case "state" -> {
          Tok s = next(k, "MASTER or BACKUP");
          if (s.text().equals("MASTER")) {
            d.wantMaster = true;
          } else if (s.text().equals("BACKUP")) {
            d.wantMaster = false;
          } else {
            throw error(s, "keepalived.conf: state '" + s.text() + "': MASTER or BACKUP expected");
          }
        }
        case "interface" -> {
          d.ifaceTok = next(k, "an interface name");
          d.iface = d.ifaceTok.text();
        }
        case "virtual_router_id" -> {
          d.vridTok = k;
          d.vrid = number(k, 1, 255);
        }
        case "priority" -> d.priority = number(k, 1, 255);
        case "advert_int" -> {
          d.intervalTok = next(k, "an interval in seconds");
          d.interval = d.intervalTok.text();
        }
        case "nopreempt" -> d.preempt = false;
        case "preempt_delay" -> d.preemptDelay = number(k, 0, 1000);
        case "version", "vrrp_version" -> d.version = number(k, 2, 3);
        case "garp_master_delay" -> d.garpDelay = number(k, 0, 1000);
        case "garp_master_repeat" -> d.garpRepeat = number(k, 1, 255);
        case "authentication" -> authentication(k, d);
        case "garp_lower_prio_repeat" -> d.lowerPrioRepeat = number(k, 0, 255);
        case "higher_prio_send_advert" -> d.higherPrioSendAdvert = flag(k);
        case "garp_master_refresh" -> d.refresh = number(k, 0, 86400);
        case "garp_master_refresh_repeat" -> d.refreshRepeat = number(k, 1, 255);
        case "vmac_xmit_base" -> d.vmacXmitBase = true; // ignored without use_vmac, as keepalived does
        case "use_vmac" -> {
          d.useVmac = true;
          // an optional interface name (vrrp.51 by default) follows unless a keyword or '}' does
          if (i < toks.size() && !INSTANCE.contains(toks.get(i).text()) && !toks.get(i).text().equals("}")) {
            i++;
          }
        }
        case "virtual_ipaddress" -> {
          open(k);
          while (!close()) {
            d.vips.add(vip(next(k, "an address A/len or '}'")));
          }
          if (d.vips.size() > 20) {
            throw error(k, "keepalived.conf: at most 20 virtual addresses per instance are modelled");
          }
        }
        default -> throw unknown(k, "vrrp_instance " + name.text(), INSTANCE);
      }
    }
    return d;
  }

  private void authentication(Tok k, Draft d) {
    open(k);
    boolean pass = false;
    String password = null;
    Tok typeTok = k;
    while (!close()) {
      Tok a = next(k, "auth_type, auth_pass or '}'");
      if (a.text().equals("auth_type")) {
        typeTok = next(a, "PASS");
        if (typeTok.text().equals("AH")) {
          throw error(typeTok, "keepalived.conf: auth_type AH (IPsec AH, removed from RFC 3768) is not modelled; "
              + "use PASS or no authentication block");
        }
        if (!typeTok.text().equals("PASS")) {
          throw error(typeTok, "keepalived.conf: auth_type '" + typeTok.text() + "': PASS expected");
        }
        pass = true;
      } else if (a.text().equals("auth_pass")) {
        password = next(a, "a password").text();
      } else {
        throw unknown(a, "authentication", List.of("auth_type", "auth_pass"));
      }
    }
    if (pass && password == null) {
      throw error(typeTok, "keepalived.conf: auth_type PASS needs auth_pass");
    }
    // keepalived keeps the first 8 bytes of a longer password (with a warning)
    d.pass = pass ? Optional.of(password.length() > 8 ? password.substring(0, 8) : password) : Optional.empty();
  }

  private KeepalivedConfig.Vip vip(Tok t) {
    String s = t.text();
    int slash = s.indexOf('/');
    try {
      Ipv4Address a = Ipv4Address.parse(slash < 0 ? s : s.substring(0, slash));
      int len = slash < 0 ? 32 : Integer.parseInt(s.substring(slash + 1));
      if (len < 1 || len > 32) {
        throw new IllegalArgumentException();
      }
      return new KeepalivedConfig.Vip(a, len);
    } catch (RuntimeException e) {
      throw error(t, "keepalived.conf: virtual_ipaddress '" + s + "': an IPv4 address A or A/len (len 1..32) "
          + "expected (IPv6 and the dev/label/scope options are not modelled)");
    }
  }
}
