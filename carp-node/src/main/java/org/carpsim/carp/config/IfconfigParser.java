package org.carpsim.carp.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.carpsim.carp.profile.CarpState;
import org.carpsim.carp.profile.ConfigStyle.InterfaceModel;
import org.carpsim.carp.profile.ConfigStyle.SecondAddress;
import org.carpsim.carp.profile.Knobs;
import org.carpsim.carp.profile.Knobs.CarpOption;
import org.carpsim.carp.profile.NearestWord;
import org.carpsim.carp.profile.Profile;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.profile.Range;

/**
 * Parses the arguments of {@code ifconfig} (also as rc.conf {@code ifconfig_IF} values and
 * {@code /etc/hostname.IF} lines) into commands, validated against the profile. Errors are worded
 * like ifconfig's own ({@code ifconfig: vhid 256: too large (range 1..255)}).
 */
final class IfconfigParser {

  /** How bare addresses after the first are read. */
  enum Positional {
    /** A command line: the second bare address is the netmask (see {@code SecondAddress}); no third. */
    SHELL,
    /** {@code hostname.if}: {@code inet ADDR MASK BROADCAST …} / {@code inet6 ADDR PREFIXLEN …}; NONE skips. */
    HOSTNAME_IF
  }

  static final Pattern CARP_IF = Pattern.compile("carp[0-9]+");
  static final Pattern PFSYNC_IF = Pattern.compile("pfsync[0-9]+");
  private static final List<String> PFSYNC_WORDS = List.of("syncdev", "-syncdev", "syncpeer", "-syncpeer", "up", "down");
  private static final Pattern IFNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,14}");
  private static final String P = "ifconfig";

  /** Every CARP keyword and the option it belongs to ({@code -x} forms included). */
  private static final Map<String, CarpOption> CARP_WORDS = Map.ofEntries(
      Map.entry("vhid", CarpOption.VHID),
      Map.entry("advbase", CarpOption.ADVBASE),
      Map.entry("advskew", CarpOption.ADVSKEW),
      Map.entry("pass", CarpOption.PASS),
      Map.entry("carpdev", CarpOption.CARPDEV),
      Map.entry("-carpdev", CarpOption.CARPDEV),
      Map.entry("carppeer", CarpOption.CARPPEER),
      Map.entry("-carppeer", CarpOption.CARPPEER),
      Map.entry("state", CarpOption.STATE),
      Map.entry("balancing", CarpOption.BALANCING),
      Map.entry("carpnodes", CarpOption.CARPNODES),
      Map.entry("peer", CarpOption.PEER),
      Map.entry("peer6", CarpOption.PEER6),
      Map.entry("mcast", CarpOption.MCAST),
      Map.entry("mcast6", CarpOption.MCAST6));

  private static final List<String> GENERIC_WORDS = List.of("create", "destroy", "up", "down", "alias", "-alias",
      "delete", "remove", "netmask", "broadcast", "prefixlen", "mtu", "description", "descr", "lladdr", "ether",
      "link", "group", "-group", "inet", "inet6", "addm", "deletem");
  /** Words of one system's ifconfig only, suggested only under its profiles. */
  private static final List<String> FREEBSD_WORDS = List.of("add", "no_dad");
  private static final List<String> OPENBSD_WORDS = List.of("rdomain", "patch");

  private final ParseContext ctx;
  private final Profile profile;

  IfconfigParser(ParseContext ctx) {
    this.ctx = ctx;
    this.profile = ctx.profile;
  }

  /** {@code ifconfig ARGS}: {@code tool} is the word {@code ifconfig} itself. */
  List<HostCommand> parseCommand(Token tool, List<Token> args) {
    if (args.isEmpty()) {
      return List.of(new HostCommand.IfconfigQuery(Optional.empty()));
    }
    Token first = args.get(0);
    if (first.text().startsWith("-") && !first.text().equals("-")) {
      return parseFlags(first, args.subList(1, args.size()));
    }
    if (first.is("create") && args.size() == 2 && IFNAME.matcher(args.get(1).text()).matches()) {
      Token name = args.get(1);
      ctx.warn(first.start(), "'ifconfig create " + name.text() + "': the interface name must come first ('ifconfig "
          + name.text() + " create'; real ifconfig would look for an interface called 'create'); "
          + "taken as a create of " + name.text());
      checkInterfaceModel(name, true);
      return List.of(new HostCommand.IfconfigCreate(name.text()));
    }
    return parseInterface(first, args.subList(1, args.size()), Positional.SHELL, Optional.empty(), false);
  }

  private List<HostCommand> parseFlags(Token flag, List<Token> rest) {
    switch (flag.text()) {
      case "-a":
        if (!rest.isEmpty()) {
          throw new ConfigException(rest.get(0).start(), P + ": -a takes no further arguments here");
        }
        return List.of(new HostCommand.IfconfigQuery(Optional.empty()));
      case "-g":
        return parseGroup(flag, rest);
      case "-w":
        // NetBSD ifconfig -w SECS: wait up to SECS for tentative (DAD) addresses; a simulated host runs no
        // duplicate address detection, so there is nothing to wait for (t_basic.sh types it after setup)
        if (!profile.name().startsWith("netbsd")) {
          throw new ConfigException(flag.start(), P + ": -w: NetBSD's ifconfig only (wait for DAD)");
        }
        if (rest.size() != 1) {
          throw new ConfigException(flag.start(), P + ": -w takes the seconds to wait (ifconfig -w 10)");
        }
        ParseContext.number(rest.get(0), P, "-w", Range.of(0, Integer.MAX_VALUE));
        return List.of();
      default:
        throw new ConfigException(flag.start(), P + ": " + flag.text() + ": unsupported flag (accepted: -a, -g GROUP"
            + (profile.name().startsWith("netbsd") ? ", -w SECS" : "") + ")",
            NearestWord.among(flag.text(), List.of("-a", "-g")));
    }
  }

  /** {@code ifconfig -g GROUP [carpdemote [N] | -carpdemote [N]]} (OpenBSD). */
  private List<HostCommand> parseGroup(Token flag, List<Token> rest) {
    if (rest.isEmpty()) {
      throw new ConfigException(flag.start(), P + ": '-g' requires argument");
    }
    Token group = rest.get(0);
    checkGroupName(group);
    if (rest.size() == 1) {
      return List.of(new HostCommand.GroupQuery(group.text()));
    }
    Token attr = rest.get(1);
    boolean negate = attr.is("-carpdemote");
    if (!attr.is("carpdemote") && !negate) {
      throw new ConfigException(attr.start(), P + ": " + attr.text() + ": bad group attribute (carpdemote or -carpdemote)",
          NearestWord.among(attr.text(), List.of("carpdemote", "-carpdemote")));
    }
    requireOption(attr, CarpOption.CARPDEMOTE);
    int n = 1;
    if (rest.size() > 2) {
      Token v = rest.get(2);
      Range r = profile.knobs().carpdemote();
      try {
        n = (int) ParseContext.number(v, P, "carpdemote", r);
      } catch (ConfigException e) {
        String why = e.detail().replaceFirst("^.*: (too large|too small|invalid) .*$", "$1");
        throw new ConfigException(v.start(), P + ": " + group.text() + ": invalid carp demotion: " + why
            + " (range " + r + ")");
      }
      if (rest.size() > 3) {
        throw new ConfigException(rest.get(3).start(), P + ": " + rest.get(3).text() + ": unexpected after carpdemote N");
      }
    }
    return List.of(new HostCommand.GroupDemote(group.text(), negate ? -n : n));
  }

  /**
   * The arguments after the interface name.
   *
   * @param forcedOp rc.conf {@code ifconfig_IF_aliasN} adds its address as an alias
   * @param ifnameFromContext the name comes from a file or variable name (no name syntax error column)
   */
  List<HostCommand> parseInterface(Token ifTok, List<Token> rest, Positional mode, Optional<AddressChange.Op> forcedOp,
      boolean ifnameFromContext) {
    String ifname = ifTok.text();
    if (!IFNAME.matcher(ifname).matches()) {
      throw new ConfigException(ifTok.start(), P + ": " + ifname + ": bad interface name");
    }
    if (PFSYNC_IF.matcher(ifname).matches()) {
      return parsePfsync(ifTok, rest);
    }
    boolean carp = CARP_IF.matcher(ifname).matches();
    int i = 0;
    Family family = null;
    if (i < rest.size() && (rest.get(i).is("inet") || rest.get(i).is("inet6"))) {
      family = rest.get(i).is("inet") ? Family.INET : Family.INET6;
      i++;
    }
    if (i == rest.size()) {
      if (carp) {
        checkInterfaceModel(ifTok, true);
      }
      return List.of(new HostCommand.IfconfigQuery(Optional.of(ifname)));
    }
    if (carp) {
      checkInterfaceModel(ifTok, false);
    }

    List<IfSetting> settings = new ArrayList<>();
    boolean create = false;
    Token destroy = null;
    boolean vhidSeen = false;
    List<Token> positional = new ArrayList<>();
    Token netmaskTok = null;
    Token broadcastTok = null;
    Token prefixlenTok = null;
    Token opTok = null;
    Token maskKeyword = null;
    AddressChange.Op op = null;
    Set<String> seenOptionWords = new HashSet<>();

    for (; i < rest.size(); i++) {
      Token t = rest.get(i);
      String w = t.text();
      CarpOption option = CARP_WORDS.get(w);
      if (option != null) {
        checkCarpOption(t, option, carp, vhidSeen);
        if (option == CarpOption.VHID) {
          vhidSeen = true;
        }
        seenOptionWords.add(w);
        i = carpOption(t, w, option, rest, i, settings);
        continue;
      }
      switch (w) {
        case "create":
          if (!carp) {
            throw new ConfigException(t.start(), P + ": " + ifname + " create: only carpN interfaces are created here ("
                + ifname + " is a physical interface; declare it with a nic line)");
          }
          create = true;
          break;
        case "destroy":
          if (!carp) {
            throw new ConfigException(t.start(), P + ": " + ifname + " destroy: only carpN interfaces can be destroyed "
                + "(a scenario's NICs are its cabling: 'at T link HOST." + ifname + " down' or 'ifconfig " + ifname
                + " down')");
          }
          destroy = t;
          break;
        case "up":
          settings.add(new IfSetting.Up());
          break;
        case "down":
          settings.add(new IfSetting.Down());
          break;
        case "alias":
          op = AddressChange.Op.ADD_ALIAS;
          opTok = t;
          break;
        case "add":
          // FreeBSD sbin/ifconfig/ifconfig.c: DEF_CMD("add", IFF_UP, notealias), the same entry as "alias"
          if (!profile.name().startsWith("freebsd")) {
            throw new ConfigException(t.start(), P + ": add: FreeBSD's ifconfig only (use alias)",
                Optional.of("alias"));
          }
          op = AddressChange.Op.ADD_ALIAS;
          opTok = t;
          break;
        case "no_dad":
        case "-no_dad":
          // FreeBSD sbin/ifconfig/af_inet6.c: an ND6 flag; a simulated host never runs DAD, so the address is
          // usable at once either way
          if (!profile.name().startsWith("freebsd") || family != Family.INET6) {
            throw new ConfigException(t.start(), P + ": " + w + ": an inet6 flag of FreeBSD's ifconfig (ifconfig IF inet6 "
                + "ADDR/len " + w + ")");
          }
          break;
        case "addm":
        case "deletem": {
          // if_bridge(4) members: the segment the bridge's NIC sits on is the bridge, its members are its ports
          Token m = value(rest, i++, t);
          if (!IFNAME.matcher(m.text()).matches()) {
            throw new ConfigException(m.start(), P + ": " + w + " " + m.text() + ": bad interface name");
          }
          break;
        }
        case "rdomain": {
          // OpenBSD: a host is one routing domain; its number is checked, the stack is the host's
          if (!profile.name().startsWith("openbsd")) {
            throw new ConfigException(t.start(), P + ": rdomain: OpenBSD only (rdomain(4))");
          }
          ParseContext.number(value(rest, i++, t), P, "rdomain", Range.of(0, 255));
          break;
        }
        case "patch":
        case "-patch": {
          // OpenBSD pair(4): the patched pair is the segment both NICs sit on
          if (!profile.name().startsWith("openbsd") || !ifname.startsWith("pair")) {
            throw new ConfigException(t.start(), P + ": " + w + ": a pair(4) option of OpenBSD (ifconfig pairN patch pairM)");
          }
          if (w.equals("patch")) {
            Token m = value(rest, i++, t);
            if (!m.text().matches("pair[0-9]+") || m.text().equals(ifname)) {
              throw new ConfigException(m.start(), P + ": patch " + m.text() + ": another pair(4) interface is needed");
            }
          }
          break;
        }
        case "-alias":
        case "delete":
        case "remove":
          op = AddressChange.Op.DELETE;
          opTok = t;
          break;
        case "netmask":
          netmaskTok = value(rest, i++, t);
          maskKeyword = t;
          break;
        case "broadcast":
          broadcastTok = value(rest, i++, t);
          maskKeyword = maskKeyword == null ? t : maskKeyword;
          break;
        case "prefixlen":
          prefixlenTok = value(rest, i++, t);
          maskKeyword = maskKeyword == null ? t : maskKeyword;
          break;
        case "mtu":
          settings.add(new IfSetting.Mtu((int) ParseContext.number(value(rest, i++, t), P, "mtu", Range.of(68, 65535))));
          break;
        case "description":
        case "descr":
          settings.add(new IfSetting.Description(value(rest, i++, t).text()));
          break;
        case "lladdr":
        case "ether":
        case "link":
          if (carp) {
            requireOption(t, CarpOption.LLADDR);
          }
          settings.add(lladdr(value(rest, i++, t)));
          break;
        case "group":
        case "-group": {
          requireOption(t, CarpOption.GROUP);
          Token g = value(rest, i++, t);
          checkGroupName(g);
          settings.add(w.equals("group") ? new IfSetting.JoinGroup(g.text()) : new IfSetting.LeaveGroup(g.text()));
          break;
        }
        case "inet":
        case "inet6":
          throw new ConfigException(t.start(), P + ": " + w + ": the address family must come right after the "
              + "interface name (ifconfig " + ifname + " " + w + " …)");
        case "carpver":
        case "vrrpprio":
        case "vrrpinterval":
          throw new ConfigException(t.start(), P + ": " + w + ": the VRRPv3 mode of FreeBSD 15's carp(4) is not "
              + "modelled (its election and receive rules were not in the sources read; a VRRP router on the segment: "
              + "profile keepalived)");
        default:
          if (isPositional(t, mode, family, positional.size())) {
            positional.add(t);
          } else {
            throw unknownWord(t, carp);
          }
      }
    }

    if (destroy != null) {
      if (!settings.isEmpty() || !positional.isEmpty() || create) {
        throw new ConfigException(destroy.start(), P + ": destroy takes no other options");
      }
      return List.of(new HostCommand.IfconfigDestroy(ifname));
    }

    Optional<AddressChange> address = address(ifname, family, positional, netmaskTok, broadcastTok, prefixlenTok,
        forcedOp.orElse(op == null ? AddressChange.Op.REPLACE_PRIMARY : op), mode);
    if (address.isEmpty()) {
      Token orphan = maskKeyword;
      if (orphan != null) {
        throw new ConfigException(orphan.start(), P + ": " + orphan.text() + ": needs an address in the same command "
            + "(changing only the mask or broadcast is not modelled)");
      }
      if (opTok != null) {
        throw new ConfigException(opTok.start(), P + ": " + opTok.text() + ": needs an address");
      }
    }

    List<HostCommand> out = new ArrayList<>(2);
    if (create) {
      out.add(new HostCommand.IfconfigCreate(ifname));
    }
    if (!settings.isEmpty() || address.isPresent()) {
      out.add(new HostCommand.IfconfigSet(ifname, settings, address));
    }
    return out;
  }

  /**
   * {@code ifconfig pfsync0 [syncdev IF | -syncdev] [syncpeer A | -syncpeer] [up | down]}: only what
   * pfsync's demotion of carp depends on. pfsync0 is the one pfsync interface (OpenBSD refuses
   * other units, FreeBSD's module creates only pfsync0) and needs no {@code create}.
   */
  private List<HostCommand> parsePfsync(Token ifTok, List<Token> rest) {
    String ifname = ifTok.text();
    if (profile.demotion().pfsyncBulk() == org.carpsim.carp.profile.Demotion.PfsyncBulk.NOT_MODELLED) {
      throw new ConfigException(ifTok.start(), P + ": " + ifname + ": pfsync is modelled under the profiles openbsd "
          + "and freebsd (its demotion of carp), not under " + profile.name());
    }
    if (!ifname.equals("pfsync0")) {
      throw new ConfigException(ifTok.start(), P + ": " + ifname + ": no such interface (pfsync0 is the only pfsync "
          + "interface)");
    }
    if (rest.isEmpty()) {
      return List.of(new HostCommand.IfconfigQuery(Optional.of(ifname)));
    }
    List<IfSetting> settings = new ArrayList<>();
    for (int i = 0; i < rest.size(); i++) {
      Token t = rest.get(i);
      switch (t.text()) {
        case "syncdev": {
          Token v = value(rest, i++, t);
          if (!IFNAME.matcher(v.text()).matches() || CARP_IF.matcher(v.text()).matches()
              || PFSYNC_IF.matcher(v.text()).matches()) {
            throw new ConfigException(v.start(), P + ": syncdev " + v.text() + ": not a physical interface (the NIC "
                + "pfsync sends on, e.g. syncdev em1)");
          }
          settings.add(new IfSetting.Syncdev(v.text()));
          break;
        }
        case "-syncdev":
          settings.add(new IfSetting.NoSyncdev());
          break;
        case "syncpeer": {
          Token v = value(rest, i++, t);
          settings.add(new IfSetting.Syncpeer(ipv4(v, "syncpeer " + v.text(), v.text().contains(":") ? "IPv4 only" : null)));
          break;
        }
        case "-syncpeer":
          settings.add(new IfSetting.NoSyncpeer());
          break;
        case "up":
          settings.add(new IfSetting.Up());
          break;
        case "down":
          settings.add(new IfSetting.Down());
          break;
        default: {
          Optional<String> near = NearestWord.among(t.text(), PFSYNC_WORDS);
          throw new ConfigException(t.start(), P + ": " + t.text() + ": not a pfsync option modelled here (one of "
              + String.join(", ", PFSYNC_WORDS) + ")" + near.map(n -> "; did you mean " + n + "?").orElse(""), near);
        }
      }
    }
    return List.of(new HostCommand.IfconfigSet(ifname, settings, Optional.empty()));
  }

  private enum Family {
    INET,
    INET6
  }

  // ---- CARP options -----------------------------------------------------------------------------

  /** Parses one CARP option at {@code rest[i]}; returns the index of its last word. */
  private int carpOption(Token t, String w, CarpOption option, List<Token> rest, int i, List<IfSetting> settings) {
    Knobs k = profile.knobs();
    switch (w) {
      case "vhid":
        settings.add(new IfSetting.Vhid((int) ParseContext.number(value(rest, i, t), P, "vhid", k.vhid())));
        return i + 1;
      case "advbase":
        settings.add(new IfSetting.Advbase((int) ParseContext.number(value(rest, i, t), P, "advbase", k.advbase())));
        return i + 1;
      case "advskew":
        settings.add(new IfSetting.Advskew((int) ParseContext.number(value(rest, i, t), P, "advskew", k.advskew())));
        return i + 1;
      case "pass": {
        Token v = value(rest, i, t);
        settings.add(new IfSetting.Pass(passphrase(v)));
        return i + 1;
      }
      case "carpdev": {
        Token v = value(rest, i, t);
        if (!IFNAME.matcher(v.text()).matches()) {
          throw new ConfigException(v.start(), P + ": carpdev " + v.text() + ": bad interface name");
        }
        if (CARP_IF.matcher(v.text()).matches()) {
          throw new ConfigException(v.start(), P + ": carpdev " + v.text() + ": a carp interface cannot be a parent "
              + "(the parent must be an Ethernet interface)");
        }
        settings.add(new IfSetting.Carpdev(v.text()));
        return i + 1;
      }
      case "-carpdev":
        settings.add(new IfSetting.NoCarpdev());
        return i;
      case "carppeer":
      case "peer": {
        Token v = value(rest, i, t);
        settings.add(new IfSetting.UnicastPeer(ipv4(v, w + " " + v.text(),
            v.text().contains(":") ? "IPv4 only" + (w.equals("peer") ? "; use peer6" : "") : null)));
        return i + 1;
      }
      case "-carppeer":
      case "mcast":
        settings.add(new IfSetting.MulticastPeer());
        return i;
      case "peer6": {
        Token v = value(rest, i, t);
        try {
          settings.add(new IfSetting.UnicastPeer6(Ipv6Address.parse(v.text())));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(v.start(), P + ": peer6 " + v.text() + ": bad value (an IPv6 address)");
        }
        return i + 1;
      }
      case "mcast6":
        settings.add(new IfSetting.MulticastPeer6());
        return i;
      case "state": {
        Token v = value(rest, i, t);
        Set<CarpState> allowed = k.settableStates();
        Optional<CarpState> s = allowed.stream().filter(x -> x.keyword().equals(v.text())).findFirst();
        if (s.isEmpty()) {
          List<String> names = allowed.stream().sorted().map(CarpState::keyword).toList();
          throw new ConfigException(v.start(), P + ": invalid carp state " + v.text() + " (one of "
              + String.join(", ", names) + ")", NearestWord.among(v.text(), names));
        }
        settings.add(new IfSetting.ForceState(s.get()));
        return i + 1;
      }
      case "balancing": {
        Token v = value(rest, i, t);
        Set<BalancingMode> modes = profile.balancing().modes();
        Optional<BalancingMode> m = modes.stream().filter(x -> x.keyword().equals(v.text())).findFirst();
        List<String> names = modes.stream().filter(x -> x != BalancingMode.ARP).sorted().map(BalancingMode::keyword)
            .toList();
        if (m.isEmpty()) {
          throw new ConfigException(v.start(), P + ": invalid carp balancing mode " + v.text() + " (one of "
              + String.join(", ", names) + ")", NearestWord.among(v.text(), names));
        }
        if (m.get() == BalancingMode.ARP) {
          ctx.warn(v.start(), "balancing arp: removed from OpenBSD after 2015 (current modes: " + String.join(", ", names)
              + "); modelled as the 2010-2015 arp mode");
        }
        settings.add(new IfSetting.Balancing(m.get()));
        return i + 1;
      }
      case "carpnodes": {
        Token v = value(rest, i, t);
        settings.add(carpNodes(v));
        return i + 1;
      }
      default:
        throw new AssertionError(option);
    }
  }

  private IfSetting.CarpNodes carpNodes(Token v) {
    Knobs k = profile.knobs();
    String[] parts = v.text().split(",", -1);
    List<IfSetting.CarpNode> nodes = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    int at = v.start();
    for (String part : parts) {
      String[] vs = part.split(":", -1);
      if (vs.length != 2 || vs[0].isEmpty() || vs[1].isEmpty()) {
        throw new ConfigException(at, P + ": carpnodes " + v.text() + ": expected vhid:advskew[,vhid:advskew…]");
      }
      Token vt = Token.word(vs[0], at, at + vs[0].length());
      Token st = Token.word(vs[1], at + vs[0].length() + 1, at + part.length());
      int vhid = (int) ParseContext.number(vt, P, "carpnodes: vhid", k.carpnodeVhid());
      int skew = (int) ParseContext.number(st, P, "carpnodes: advskew", k.carpnodeAdvskew());
      if (!seen.add(vhid)) {
        throw new ConfigException(at, P + ": carpnodes: vhid " + vhid + " given twice");
      }
      nodes.add(new IfSetting.CarpNode(vhid, skew));
      at += part.length() + 1;
    }
    int max = profile.balancing().maxNodesPerInterface();
    if (nodes.size() > max) {
      throw new ConfigException(v.start(), P + ": carpnodes: " + nodes.size() + " nodes, at most " + max);
    }
    return new IfSetting.CarpNodes(nodes);
  }

  private Passphrase passphrase(Token v) {
    ctx.secret(v.start(), v.end(), v.text());
    int max = profile.knobs().passMaxBytes();
    Passphrase p = Passphrase.truncated(v.text(), max);
    if (p.length() < v.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length) {
      ctx.warn(v.start(), "pass: longer than " + max + " bytes; the kernel keeps only the first " + max
          + " (strlcpy into a " + (max + 1) + "-byte key)");
    }
    return p;
  }

  private IfSetting lladdr(Token v) {
    if (v.is("random")) {
      if (!profile.name().startsWith("openbsd")) {
        throw new ConfigException(v.start(), P + ": lladdr random: OpenBSD only");
      }
      return new IfSetting.LladdrRandom();
    }
    try {
      return new IfSetting.Lladdr(MacAddress.parse(v.text()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(v.start(), P + ": lladdr " + v.text() + ": bad value (six hex bytes like 02:00:00:00:00:01)");
    }
  }

  // ---- checks ------------------------------------------------------------------------------------

  /** carp interfaces exist only where the profile has them. */
  private void checkInterfaceModel(Token ifTok, boolean createOrQuery) {
    InterfaceModel m = profile.config().interfaces();
    if (m == InterfaceModel.CARP_INTERFACES) {
      return;
    }
    String name = ifTok.text();
    if (m == InterfaceModel.VHID_ON_PARENT) {
      throw new ConfigException(ifTok.start(), P + ": " + name + ": profile " + profile.name() + " has no carp "
          + "interfaces (FreeBSD 10 and later put the vhid on the parent: ifconfig em0 vhid 1 pass … 192.0.2.1/24); "
          + "use profile freebsd-6 for carpN interfaces");
    }
    if (m == InterfaceModel.KEEPALIVED_DAEMON) {
      throw new ConfigException(ifTok.start(), P + ": " + name + ": profile " + profile.name() + " speaks VRRP, not "
          + "CARP: give a 'file /etc/keepalived/keepalived.conf … end' block and start keepalived "
          + "(keepalived -f /etc/keepalived/keepalived.conf, or systemctl start keepalived)");
    }
    throw new ConfigException(ifTok.start(), P + ": " + name + ": profile " + profile.name() + " has no carp interfaces "
        + "(start the daemon instead: ucarp --interface=… --srcip=… --vhid=… --pass=… --addr=…)");
  }

  private void checkCarpOption(Token t, CarpOption option, boolean carpIface, boolean vhidSeen) {
    requireOption(t, option);
    if (!carpIface && profile.config().interfaces() != InterfaceModel.VHID_ON_PARENT) {
      throw new ConfigException(t.start(), P + ": " + t.text() + ": not a carp interface (create one with ifconfig "
          + "carpN create; the vhid-on-parent form is FreeBSD 10 and later, profile freebsd)");
    }
    if (profile.config().carpOptionsNeedVhid() && option != CarpOption.VHID && !vhidSeen) {
      throw new ConfigException(t.start(), P + ": " + t.text().replaceFirst("^-", "") + " requires vhid");
    }
  }

  /** The option must exist in this profile (warn for anachronisms). */
  private void requireOption(Token t, CarpOption option) {
    Knobs k = profile.knobs();
    if (k.options().contains(option)) {
      return;
    }
    if (k.anachronisms().contains(option)) {
      ctx.warn(t.start(), t.text() + ": not in the ifconfig of profile " + profile.name() + " ("
          + profile.codeReference() + "); accepted, as the seeds' carp(4) page documents it");
      return;
    }
    List<String> where = Profiles.all().stream().filter(p -> p.knobs().accepts(option)).map(Profile::name).toList();
    throw new ConfigException(t.start(), P + ": " + t.text() + ": not available in profile " + profile.name()
        + (where.isEmpty() ? "" : " (available in: " + String.join(", ", where) + ")"));
  }

  private static void checkGroupName(Token g) {
    String s = g.text();
    if (s.isEmpty() || s.length() >= 16) {
      throw new ConfigException(g.start(), P + ": setifgroup: group name too long");
    }
    if (Character.isDigit(s.charAt(s.length() - 1))) {
      throw new ConfigException(g.start(), P + ": setifgroup: group names may not end in a digit");
    }
  }

  private ConfigException unknownWord(Token t, boolean carp) {
    Set<String> words = new LinkedHashSet<>(GENERIC_WORDS);
    if (profile.name().startsWith("freebsd")) {
      words.addAll(FREEBSD_WORDS);
    }
    if (profile.name().startsWith("openbsd")) {
      words.addAll(OPENBSD_WORDS);
    }
    CARP_WORDS.forEach((w, o) -> {
      if (profile.knobs().accepts(o)) {
        words.add(w);
      }
    });
    Optional<String> near = NearestWord.among(t.text(), words);
    return new ConfigException(t.start(), P + ": " + t.text() + ": bad value (not an option or an address"
        + near.map(n -> "; did you mean " + n + "?").orElse(")").replaceFirst("\\?$", "?)"), near);
  }

  // ---- values ------------------------------------------------------------------------------------

  private static Token value(List<Token> rest, int i, Token keyword) {
    if (i + 1 >= rest.size()) {
      throw new ConfigException(keyword.start(), P + ": '" + keyword.text() + "' requires argument");
    }
    return rest.get(i + 1);
  }

  /** Words that are meant as addresses (and get an address error, not an unknown-option one). */
  private static final Pattern ADDRESS_LIKE = Pattern.compile("0[xX][0-9A-Fa-f]+|[0-9][0-9.]*\\.[0-9./]*|.*:.*");

  private static boolean isPositional(Token t, Positional mode, Family family, int seen) {
    String w = t.text();
    if (ADDRESS_LIKE.matcher(w).matches() && w.chars().anyMatch(Character::isDigit)) {
      return true;
    }
    if (mode == Positional.HOSTNAME_IF && seen >= 1) {
      return w.equals("NONE") || (family == Family.INET6 && seen == 1 && w.matches("[0-9]+"));
    }
    return false;
  }

  private Optional<AddressChange> address(String ifname, Family family, List<Token> positional, Token netmaskTok,
      Token broadcastTok, Token prefixlenTok, AddressChange.Op op, Positional mode) {
    if (positional.isEmpty()) {
      return Optional.empty();
    }
    Token addrTok = positional.get(0);
    Family fam = family != null ? family : addrTok.text().contains(":") ? Family.INET6 : Family.INET;
    if (fam == Family.INET6) {
      return Optional.of(inet6(addrTok, positional, netmaskTok, broadcastTok, prefixlenTok, op, mode));
    }
    if (addrTok.text().contains(":")) {
      throw new ConfigException(addrTok.start(), P + ": " + addrTok.text() + ": bad value (an IPv6 address after inet)");
    }
    // address [/len]
    String text = addrTok.text();
    int slash = text.indexOf('/');
    Ipv4Address addr = ipv4(Token.word(slash < 0 ? text : text.substring(0, slash), addrTok.start(),
        addrTok.start() + (slash < 0 ? text.length() : slash)), text, null);
    int prefix = -1;
    int prefixAt = -1;
    String prefixWhy = null;
    if (slash >= 0) {
      String len = text.substring(slash + 1);
      if (!len.matches("[0-9]{1,2}") || Integer.parseInt(len) > 32) {
        throw new ConfigException(addrTok.start() + slash + 1, P + ": " + text + ": bad value (prefix length 0..32)");
      }
      prefix = Integer.parseInt(len);
      prefixAt = addrTok.start();
      prefixWhy = "/" + prefix;
    }
    Token maskTok = netmaskTok;
    if (positional.size() >= 2) {
      Token second = positional.get(1);
      if (mode == Positional.SHELL && profile.config().secondAddress() == SecondAddress.DESTINATION) {
        ctx.warn(second.start(), "second address " + second.text() + " taken as the netmask (as NetBSD's ifconfig "
            + "does); the ifconfig of profile " + profile.name() + " would take it as a destination address");
      }
      if (!(mode == Positional.HOSTNAME_IF && second.is("NONE"))) {
        if (maskTok == null || second.start() > maskTok.start()) {
          maskTok = second;
        }
      }
    }
    if (positional.size() >= 3) {
      Token third = positional.get(2);
      if (mode == Positional.SHELL) {
        throw new ConfigException(third.start(), P + ": " + third.text() + ": bad value (a third address)");
      }
      if (!third.is("NONE") && (broadcastTok == null || third.start() > broadcastTok.start())) {
        broadcastTok = third;
      }
    }
    if (positional.size() >= 4) {
      Token extra = positional.get(3);
      throw new ConfigException(extra.start(), P + ": " + extra.text() + ": bad value (unexpected address)");
    }
    if (prefixlenTok != null) {
      int p = (int) ParseContext.number(prefixlenTok, P, "prefixlen", Range.of(0, 32));
      if (prefixAt < 0 || prefixlenTok.start() > prefixAt) {
        prefix = p;
        prefixAt = prefixlenTok.start();
        prefixWhy = "prefixlen " + p;
      }
    }
    if (maskTok != null) {
      int fromMask = netmask(maskTok);
      if (prefix >= 0 && fromMask != prefix) {
        String winner = maskTok.start() > prefixAt ? "netmask " + maskTok.text() : prefixWhy;
        ctx.warn(maskTok.start(), "netmask " + maskTok.text() + " and " + prefixWhy + " disagree; ifconfig applies the "
            + "later one (" + winner + ")");
      }
      if (prefix < 0 || maskTok.start() > prefixAt) {
        prefix = fromMask;
      }
    }
    boolean given = prefix >= 0;
    if (!given) {
      prefix = classfulPrefix(addr);
      if (op != AddressChange.Op.DELETE) {
        ctx.warn(addrTok.start(), "no netmask for " + addr + ": the kernel uses the classful default /" + prefix);
      }
    }
    Optional<Ipv4Address> broadcast = Optional.empty();
    if (broadcastTok != null) {
      broadcast = Optional.of(ipv4(broadcastTok, "broadcast " + broadcastTok.text(), null));
    }
    return Optional.of(new AddressChange.Inet(addr, prefix, given, broadcast, op));
  }

  private AddressChange.Inet6 inet6(Token addrTok, List<Token> positional, Token netmaskTok, Token broadcastTok,
      Token prefixlenTok, AddressChange.Op op, Positional mode) {
    if (netmaskTok != null) {
      throw new ConfigException(netmaskTok.start(), P + ": netmask: not for inet6 (use prefixlen or /len)");
    }
    if (broadcastTok != null) {
      throw new ConfigException(broadcastTok.start(), P + ": broadcast: not for inet6");
    }
    String text = addrTok.text();
    int slash = text.indexOf('/');
    String a = slash < 0 ? text : text.substring(0, slash);
    int pct = a.indexOf('%');
    if (pct >= 0) {
      a = a.substring(0, pct);
    }
    Ipv6Address addr;
    try {
      addr = Ipv6Address.parse(a);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(addrTok.start(), P + ": " + text + ": bad value (an IPv6 address)");
    }
    int prefix = 64;
    int prefixAt = -1;
    if (slash >= 0) {
      String len = text.substring(slash + 1);
      if (!len.matches("[0-9]{1,3}") || Integer.parseInt(len) > 128) {
        throw new ConfigException(addrTok.start() + slash + 1, P + ": " + text + ": bad value (prefix length 0..128)");
      }
      prefix = Integer.parseInt(len);
      prefixAt = addrTok.start();
    }
    Token plen = prefixlenTok;
    if (positional.size() >= 2) {
      Token second = positional.get(1);
      if (mode == Positional.SHELL) {
        throw new ConfigException(second.start(), P + ": " + second.text() + ": bad value (a second address)");
      }
      if (plen == null || second.start() > plen.start()) {
        plen = second;
      }
    }
    if (positional.size() >= 3) {
      Token extra = positional.get(2);
      throw new ConfigException(extra.start(), P + ": " + extra.text() + ": bad value (unexpected word)");
    }
    if (plen != null && plen.start() > prefixAt) {
      prefix = (int) ParseContext.number(plen, P, "prefixlen", Range.of(0, 128));
    }
    return new AddressChange.Inet6(addr, prefix, op);
  }

  /** An IPv4 address token; {@code label} names it in the error, {@code why} overrides the reason. */
  private static Ipv4Address ipv4(Token t, String label, String why) {
    if (why != null) {
      throw new ConfigException(t.start(), P + ": " + label + ": " + why);
    }
    try {
      return Ipv4Address.parse(t.text());
    } catch (IllegalArgumentException e) {
      String detail = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^bad IPv4 address '[^']*': ", "");
      throw new ConfigException(t.start(), P + ": " + label + ": bad value (" + detail + ")");
    }
  }

  /** A netmask as ifconfig takes it (dotted quad or 0x hex, via inet_aton) → prefix length. */
  private static int netmask(Token t) {
    String s = t.text();
    long mask;
    if (s.startsWith("0x") || s.startsWith("0X")) {
      if (!s.substring(2).matches("[0-9A-Fa-f]{1,8}")) {
        throw new ConfigException(t.start(), P + ": netmask " + s + ": bad value");
      }
      mask = Long.parseLong(s.substring(2), 16);
    } else {
      try {
        mask = Integer.toUnsignedLong(Ipv4Address.parse(s).value());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(t.start(), P + ": netmask " + s + ": bad value (a dotted quad like 255.255.255.0 "
            + "or hex like 0xffffff00)");
      }
    }
    int ones = Long.bitCount(mask);
    long expected = ones == 0 ? 0 : (0xffffffffL << (32 - ones)) & 0xffffffffL;
    if (mask != expected) {
      throw new ConfigException(t.start(), P + ": netmask " + s + ": not contiguous");
    }
    return ones;
  }

  /** The classful default mask the BSD kernels give an address added without one. */
  static int classfulPrefix(Ipv4Address a) {
    int first = a.value() >>> 24;
    if (first < 128) {
      return 8;
    }
    if (first < 192) {
      return 16;
    }
    if (first < 224) {
      return 24;
    }
    return 32;
  }
}
