package org.carpsim.reports.balance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.scenario.model.ClientPopulation;
import org.carpsim.scenario.model.Ipv4Prefix;
import org.carpsim.scenario.model.Origin;

/**
 * Client populations given on the command line or in a file.
 *
 * <ul>
 *   <li>{@code [N@]CIDR[,mac=FIRST]}: N clients (default: every free host address) numbered exactly
 *       as a scenario's {@code clients SEG N from CIDR arp VIP … [mac FIRST]} line numbers them
 *       ({@link ClientPopulation}): the i-th free host address (network, broadcast and the shared
 *       address skipped, wrapping around) and the MAC {@code FIRST + i}; FIRST defaults to
 *       {@code 0a:00:KK:00:00:01} for the K-th spec.
 *   <li>a file: one client per line, an IPv4 address, a MAC, or both separated by blanks; {@code #}
 *       starts a comment; blank lines are skipped.
 * </ul>
 */
public final class ClientSpecs {

  private ClientSpecs() {}

  /** Most clients one spec may produce. */
  public static final int MAX_CLIENTS = 1_000_000;

  /**
   * The clients of one {@code [N@]CIDR[,mac=FIRST]} spec.
   *
   * @param spec the text
   * @param ordinal 1-based position among the specs (picks the default MACs)
   * @param target the shared address (never a client's)
   * @throws IllegalArgumentException naming the spec and what is wrong
   */
  public static List<BalanceClient> parse(String spec, int ordinal, Ipv4Address target) {
    String rest = spec.strip();
    Optional<MacAddress> firstMac = Optional.empty();
    int comma = rest.indexOf(',');
    if (comma >= 0) {
      String opt = rest.substring(comma + 1);
      rest = rest.substring(0, comma);
      if (!opt.startsWith("mac=")) {
        throw bad(spec, "after ',' only mac=FIRST is allowed, not '" + opt + "'");
      }
      try {
        firstMac = Optional.of(MacAddress.parse(opt.substring(4)));
      } catch (IllegalArgumentException e) {
        throw bad(spec, e.getMessage());
      }
    }
    Integer count = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      String n = rest.substring(0, at);
      rest = rest.substring(at + 1);
      if (n.isEmpty() || n.length() > 7 || !n.chars().allMatch(Character::isDigit)) {
        throw bad(spec, "'" + n + "' is not a client count (1.." + MAX_CLIENTS + ")");
      }
      count = Integer.parseInt(n);
      if (count < 1 || count > MAX_CLIENTS) {
        throw bad(spec, "client count " + count + " is out of range 1.." + MAX_CLIENTS);
      }
    }
    Ipv4Prefix prefix = prefix(spec, rest);
    ClientPopulation p;
    try {
      ClientPopulation probe = population(prefix, 1, target, firstMac.orElse(ClientPopulation.defaultFirstMac(ordinal)),
          spec);
      long free = probe.freeAddresses();
      int n = count != null ? count : (int) Math.min(free, MAX_CLIENTS);
      p = population(prefix, n, target, probe.firstMac(), spec);
    } catch (IllegalArgumentException e) {
      throw bad(spec, e.getMessage());
    }
    if (p.firstMac().value() + p.count() - 1 > 0xffff_ffff_ffffL) {
      throw bad(spec, "the MACs from " + p.firstMac() + " run past ff:ff:ff:ff:ff:ff");
    }
    return ScenarioBalance.clients(p);
  }

  private static ClientPopulation population(Ipv4Prefix prefix, int n, Ipv4Address target, MacAddress first, String spec) {
    return new ClientPopulation("", n, prefix, target, 1, 0, first, java.util.Optional.empty(), List.of(target),
        new Origin("--clients", 1, 1, spec));
  }

  private static Ipv4Prefix prefix(String spec, String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw bad(spec, "'" + cidr + "' is not a CIDR range like 192.168.1.0/24");
    }
    String len = cidr.substring(slash + 1);
    if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(Character::isDigit)) {
      throw bad(spec, "'" + len + "' is not a prefix length 0..32");
    }
    try {
      return new Ipv4Prefix(Ipv4Address.parse(cidr.substring(0, slash)), Integer.parseInt(len));
    } catch (IllegalArgumentException e) {
      throw bad(spec, e.getMessage());
    }
  }

  private static IllegalArgumentException bad(String spec, String why) {
    return new IllegalArgumentException("--clients " + spec + ": " + why);
  }

  /**
   * The clients listed in a file.
   *
   * @param file the file
   * @param name how the file is named in errors
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException {@code name:line: what is wrong} for the first bad line
   */
  public static List<BalanceClient> readFile(Path file, String name) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<BalanceClient> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (text.isEmpty()) {
        continue;
      }
      String where = name + ":" + (i + 1) + ": ";
      Optional<Ipv4Address> address = Optional.empty();
      Optional<MacAddress> mac = Optional.empty();
      String[] words = text.split("\\s+");
      if (words.length > 2) {
        throw new IllegalArgumentException(where + "expected an IPv4 address, a MAC, or both; found " + words.length
            + " words");
      }
      for (String w : words) {
        if (w.indexOf(':') >= 0 || w.indexOf('-') >= 0) {
          if (mac.isPresent()) {
            throw new IllegalArgumentException(where + "two MACs on one line");
          }
          try {
            mac = Optional.of(MacAddress.parse(w));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
          }
          if (mac.get().isGroup()) {
            throw new IllegalArgumentException(where + mac.get() + " is a group address, not a station MAC");
          }
        } else {
          if (address.isPresent()) {
            throw new IllegalArgumentException(where + "two IPv4 addresses on one line");
          }
          try {
            address = Optional.of(Ipv4Address.parse(w));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
          }
        }
      }
      out.add(new BalanceClient(address, mac));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(name + ": no client in the file (one IPv4 address or MAC per line)");
    }
    return out;
  }
}
