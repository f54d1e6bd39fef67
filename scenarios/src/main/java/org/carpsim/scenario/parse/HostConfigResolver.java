package org.carpsim.scenario.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.carp.config.AddressChange;
import org.carpsim.carp.config.ConfigException;
import org.carpsim.carp.config.ConfigParser;
import org.carpsim.carp.config.ConfigWarning;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.config.LogicalLine;
import org.carpsim.carp.config.LogicalLines;
import org.carpsim.carp.config.ParsedLine;
import org.carpsim.carp.config.Secrets;
import org.carpsim.carp.config.SourcePosition;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.profile.ConfigStyle;
import org.carpsim.scenario.model.ConfigLine;
import org.carpsim.scenario.model.Nic;
import org.carpsim.scenario.model.NicAddress;
import org.carpsim.scenario.model.Origin;
import org.carpsim.scenario.model.TimelineEvent;

/**
 * Parses every host's configuration lines and inline files with {@link ConfigParser} for the host's
 * profile, placing its errors and warnings back in the scenario file, then checks that the interfaces
 * the commands name exist: a NIC of the host, or a carp interface.
 */
final class HostConfigResolver {

  private static final String MASK = Secrets.MASK;

  /** Where a configuration line is in the file, for later errors about it. */
  private record Place(LogicalLine line, int offset) {}

  private final FileParser f;
  private final Map<HostDraft, List<Place>> places = new HashMap<>();

  HostConfigResolver(FileParser f) {
    this.f = f;
  }

  void parseConfigurations() {
    for (HostDraft h : f.hosts.values()) {
      if (h.profile == null) {
        continue; // its profile is unknown: the lines cannot be judged
      }
      ConfigParser parser = ConfigParser.forProfile(h.profile);
      List<Place> hostPlaces = new ArrayList<>();
      places.put(h, hostPlaces);
      for (Object raw : h.raw) {
        if (raw instanceof HostDraft.ShellLine s) {
          shellLine(h, parser, s.command(), hostPlaces);
        } else {
          fileBlock(h, parser, (HostDraft.FileBlock) raw, hostPlaces);
        }
      }
    }
  }

  private void shellLine(HostDraft h, ConfigParser parser, LogicalLine cmd, List<Place> hostPlaces) {
    ParsedLine p = parseShell(parser, cmd, f.diag);
    if (p == null) {
      h.configRefused = true;
      return;
    }
    if (p.isEmpty() && p.warnings().isEmpty()) {
      return;
    }
    int at = firstNonBlank(cmd.text());
    h.config.add(new ConfigLine(origin(cmd, at, p.redactedText()), p, Optional.empty()));
    hostPlaces.add(new Place(cmd, at));
  }

  /**
   * One shell command line for a profile; errors and warnings go to {@code diag} at their physical
   * place. Null after an error.
   */
  static ParsedLine parseShell(ConfigParser parser, LogicalLine cmd, Diagnostics diag) {
    try {
      ParsedLine p = parser.parseCommandLine(cmd.text());
      for (ConfigWarning w : p.warnings()) {
        diag.warn(cmd, w.offset(), w.message());
      }
      return p;
    } catch (ConfigException e) {
      diag.error(cmd, e.offset(), e.detail());
    } catch (RuntimeException e) {
      diag.error(cmd, firstNonBlank(cmd.text()), internalError(e));
    }
    return null;
  }

  /** A defect of the configuration parser, reported without its message (which could quote a passphrase). */
  static String internalError(RuntimeException e) {
    return "cannot read this line (internal error " + e.getClass().getSimpleName() + " in the configuration parser; "
        + "please report it)";
  }

  private void fileBlock(HostDraft h, ConfigParser parser, HostDraft.FileBlock b, List<Place> hostPlaces) {
    List<ParsedLine> parsed;
    try {
      parsed = parser.parseFile(b.path(), String.join("\n", b.content()));
    } catch (ConfigException e) {
      h.configRefused = true;
      Optional<SourcePosition> p = e.position();
      String message = e.detail();
      if (p.isPresent()) {
        f.diag.error(b.firstContentLine() + p.get().line() - 1, p.get().column(), message);
      } else {
        f.diag.error(b.fileLine(), b.pathWord().start(), message);
      }
      return;
    } catch (RuntimeException e) {
      h.configRefused = true;
      f.diag.error(b.fileLine(), b.pathWord().start(), internalError(e));
      return;
    }
    // parseFile returns one result per non-empty logical line (after a synthetic create for carp
    // interfaces); match them to the logical lines to place their warnings and origins.
    List<LogicalLine> logicals = b.content().isEmpty() ? List.of()
        : LogicalLines.join(b.content(), b.firstContentLine());
    Place filePlace = new Place(b.fileLine().logical(), b.pathWord().start());
    int k = 0;
    for (ParsedLine p : parsed) {
      LogicalLine match = null;
      if (!p.redactedText().startsWith("(" + b.path() + ")")) {
        int j = k;
        while (j < logicals.size() && !sameLine(p.redactedText(), logicals.get(j).text())) {
          j++;
        }
        if (j < logicals.size()) {
          match = logicals.get(j);
          k = j + 1;
        }
      }
      Place place = match == null ? filePlace : new Place(match, firstNonBlank(match.text()));
      for (ConfigWarning w : p.warnings()) {
        f.diag.warn(place.line(), match == null ? place.offset() : w.offset(), w.message());
      }
      h.config.add(new ConfigLine(origin(place.line(), place.offset(), p.redactedText()), p, Optional.of(b.path())));
      hostPlaces.add(place);
    }
  }

  /** Whether {@code redacted} is {@code text} with its passphrases masked. */
  private static boolean sameLine(String redacted, String text) {
    if (redacted.equals(text)) {
      return true;
    }
    if (!redacted.contains(MASK)) {
      return false;
    }
    StringBuilder re = new StringBuilder();
    for (String part : redacted.split(Pattern.quote(MASK), -1)) {
      if (re.length() > 0) {
        re.append(".*?");
      }
      re.append(Pattern.quote(part));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(text).matches();
  }

  private Origin origin(LogicalLine line, int offset, String redacted) {
    SourcePosition p = line.position(offset);
    return new Origin(f.file, p.line(), p.column(), ShellText.withoutComment(redacted));
  }

  static int firstNonBlank(String s) {
    int k = 0;
    while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
      k++;
    }
    return k;
  }

  // ---------------------------------------------------------------------------------------------

  /** Collects each host's carp interfaces and vhids from its configuration and timeline commands. */
  void collectInterfaces(List<TimelineParser.Parsed> timeline) {
    for (HostDraft h : f.hosts.values()) {
      for (ConfigLine c : h.config) {
        c.commands().forEach(cmd -> collect(h, cmd));
      }
    }
    for (TimelineParser.Parsed t : timeline) {
      if (t.event() instanceof TimelineEvent.CommandAt c) {
        HostDraft h = f.hosts.get(c.host());
        c.command().commands().forEach(cmd -> collect(h, cmd));
      }
    }
  }

  private static void collect(HostDraft h, HostCommand c) {
    String ifname = ifname(c);
    if (ifname != null && Values.isCarpInterface(ifname)) {
      h.carpInterfaces.add(ifname);
    }
    if (c instanceof HostCommand.IfconfigSet s) {
      for (IfSetting setting : s.settings()) {
        if (setting instanceof IfSetting.Vhid v) {
          h.vhids.add(v.vhid());
        } else if (setting instanceof IfSetting.Carpdev) {
          h.carpdevGiven.add(s.ifname());
        } else if (setting instanceof IfSetting.CarpNodes n) {
          n.nodes().forEach(node -> h.vhids.add(node.vhid()));
        }
      }
    } else if (c instanceof HostCommand.UcarpStart u) {
      h.vhids.add(u.options().vhid());
    } else if (c instanceof HostCommand.KeepalivedConfFile k) {
      k.config().instances().forEach(in -> h.vhids.add(in.vrid())); // expectations name a VRID as 'vhid N'
    }
  }

  private static String ifname(HostCommand c) {
    if (c instanceof HostCommand.IfconfigCreate x) {
      return x.ifname();
    }
    if (c instanceof HostCommand.IfconfigDestroy x) {
      return x.ifname();
    }
    if (c instanceof HostCommand.IfconfigQuery x) {
      return x.ifname().orElse(null);
    }
    if (c instanceof HostCommand.IfconfigSet x) {
      return x.ifname();
    }
    return null;
  }

  /**
   * A carp interface given a vhid but never a {@code carpdev}, where the profile requires one
   * (OpenBSD 5.7 and later): it would stay INIT the whole run without a word, so say so once.
   */
  private void warnWithoutCarpdev(HostDraft h, HostCommand c, Place place) {
    if (h.profile == null || h.profile.config().carpdev() != ConfigStyle.CarpdevPolicy.REQUIRED
        || !(c instanceof HostCommand.IfconfigSet s) || !Values.isCarpInterface(s.ifname())
        || h.carpdevGiven.contains(s.ifname()) || s.settings().stream().noneMatch(IfSetting.Vhid.class::isInstance)
        || !h.carpdevWarned.add(s.ifname())) {
      return;
    }
    f.diag.warn(place.line(), place.offset(), s.ifname() + " has no carpdev: profile " + h.profile.name()
        + " (OpenBSD 5.7 and later) needs 'carpdev IF' to run it, so " + s.ifname() + " stays INIT"
        + (h.nicNames().isEmpty() ? "" : " (e.g. carpdev " + h.nicNames().get(0) + ")"));
  }

  /** Every interface a command names must be a NIC of the host or a carp interface. */
  void checkInterfaces(List<TimelineParser.Parsed> timeline) {
    for (HostDraft h : f.hosts.values()) {
      List<Place> hostPlaces = places.getOrDefault(h, List.of());
      for (int i = 0; i < h.config.size(); i++) {
        for (HostCommand cmd : h.config.get(i).commands()) {
          check(h, cmd, hostPlaces.get(i));
        }
      }
    }
    for (TimelineParser.Parsed t : timeline) {
      if (t.event() instanceof TimelineEvent.CommandAt c) {
        HostDraft h = f.hosts.get(c.host());
        Place place = new Place(t.commandLine(), firstNonBlank(t.commandLine().text()));
        for (HostCommand cmd : c.command().commands()) {
          check(h, cmd, place);
        }
      }
    }
  }

  private void check(HostDraft h, HostCommand c, Place place) {
    String ifname = ifname(c);
    warnWithoutCarpdev(h, c, place);
    if (ifname != null && !Values.isCarpInterface(ifname) && !ifname.equals("pfsync0") && !h.hasNicDraft(ifname)) {
      f.diag.error(place.line(), find(place, ifname, 0), "unknown interface '" + ifname + "' on host " + h.name
          + " (its NICs: " + Values.list(h.nicNames()) + "; carp interfaces are carpN, pfsync's is pfsync0)"
          + Values.didYouMean(ifname, h.nicNames()));
      return;
    }
    if (c instanceof HostCommand.IfconfigSet s) {
      for (IfSetting setting : s.settings()) {
        if (setting instanceof IfSetting.Syncdev d && !h.hasNicDraft(d.nic())) {
          int from = place.line().text().indexOf("syncdev");
          f.diag.error(place.line(), find(place, d.nic(), Math.max(0, from)), "syncdev " + d.nic() + ": host "
              + h.name + " has no NIC " + d.nic() + " (its NICs: " + Values.list(h.nicNames()) + ")"
              + Values.didYouMean(d.nic(), h.nicNames()));
        }
        if (setting instanceof IfSetting.Carpdev d && !h.hasNicDraft(d.parent())) {
          int from = place.line().text().indexOf("carpdev");
          f.diag.error(place.line(), find(place, d.parent(), Math.max(0, from)), "carpdev " + d.parent() + ": host "
              + h.name + " has no NIC " + d.parent() + " (its NICs: " + Values.list(h.nicNames()) + ")"
              + Values.didYouMean(d.parent(), h.nicNames()));
        }
      }
    } else if (c instanceof HostCommand.KeepalivedConfFile k) {
      for (var in : k.config().instances()) {
        if (!h.hasNicDraft(in.iface())) {
          f.diag.error(place.line(), find(place, in.iface(), 0), "keepalived.conf (" + in.name() + ") interface "
              + in.iface() + ": host " + h.name + " has no NIC " + in.iface() + " (its NICs: "
              + Values.list(h.nicNames()) + ")" + Values.didYouMean(in.iface(), h.nicNames()));
        }
      }
    } else if (c instanceof HostCommand.UcarpStart u && u.options().interfaceName().isPresent()) {
      String nic = u.options().interfaceName().get();
      if (!h.hasNicDraft(nic)) {
        f.diag.error(place.line(), find(place, nic, 0), "ucarp --interface " + nic + ": host " + h.name
            + " has no NIC " + nic + " (its NICs: " + Values.list(h.nicNames()) + ")"
            + Values.didYouMean(nic, h.nicNames()));
      }
    }
  }

  /** Offset of {@code word} as a whole word in the place's line (from {@code from}), else the place's own. */
  private static int find(Place place, String word, int from) {
    Matcher m = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(word) + "(?![A-Za-z0-9])")
        .matcher(place.line().text());
    return m.find(from) ? m.start() : place.offset();
  }

  // ---------------------------------------------------------------------------------------------

  /** Every IPv4 and IPv6 address a NIC line, a configuration line or a timeline command gives to some host. */
  Set<IpAddress> configuredAddresses(List<TimelineParser.Parsed> timeline) {
    Set<IpAddress> out = new LinkedHashSet<>();
    for (HostDraft h : f.hosts.values()) {
      for (Nic n : h.nics) {
        for (NicAddress a : n.addresses()) {
          out.add(a instanceof NicAddress.Inet4 a4 ? a4.address() : ((NicAddress.Inet6) a).address());
        }
      }
      for (ConfigLine c : h.config) {
        c.commands().forEach(cmd -> addresses(cmd, out));
      }
    }
    for (TimelineParser.Parsed t : timeline) {
      if (t.event() instanceof TimelineEvent.CommandAt c) {
        c.command().commands().forEach(cmd -> addresses(cmd, out));
      }
    }
    return out;
  }

  private static void addresses(HostCommand c, Set<IpAddress> out) {
    if (c instanceof HostCommand.IfconfigSet s && s.address().isPresent()
        && s.address().get() instanceof AddressChange.Inet inet && inet.op() != AddressChange.Op.DELETE) {
      out.add(inet.address());
    } else if (c instanceof HostCommand.IfconfigSet s && s.address().isPresent()
        && s.address().get() instanceof AddressChange.Inet6 inet6 && inet6.op() != AddressChange.Op.DELETE) {
      out.add(inet6.address());
    } else if (c instanceof HostCommand.UcarpStart u) {
      out.add(u.options().sourceAddress());
      out.add(u.options().virtualAddress());
    } else if (c instanceof HostCommand.KeepalivedConfFile k) {
      k.config().instances().forEach(in -> in.vips().forEach(v -> out.add(v.address())));
    }
  }
}
