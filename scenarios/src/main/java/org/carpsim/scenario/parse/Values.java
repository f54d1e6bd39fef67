package org.carpsim.scenario.parse;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carpsim.carp.net.IpAddress;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.NearestWord;
import org.carpsim.scenario.model.IpPrefix;
import org.carpsim.scenario.model.Ipv4Prefix;
import org.carpsim.scenario.model.Ipv6Prefix;
import org.carpsim.scenario.model.NicAddress;
import org.carpsim.sim.time.DurationFormatException;
import org.carpsim.sim.time.Durations;

/** Reads the values of scenario lines, refusing bad ones with a {@link LineError} at the word. */
final class Values {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Pattern NIC_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,14}");
  private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)%");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Values() {}

  /** A duration such as {@code 1.5s} (see {@link Durations#parse}); the error points at the bad character. */
  static long duration(Word w) {
    try {
      return Durations.parse(w.text());
    } catch (DurationFormatException e) {
      throw new LineError(w.start() + e.column() - 1, "bad duration '" + w.text() + "': " + e.reason());
    }
  }

  /** A percentage {@code 0.1%}, 0..100, for option {@code what}. */
  static BigDecimal percent(Word w, String what) {
    Matcher m = PERCENT.matcher(w.text());
    if (!m.matches()) {
      throw new LineError(w.start(), "bad percentage '" + w.text() + "' for " + what
          + ": expected a number from 0 to 100 followed by %, e.g. 0.1%");
    }
    BigDecimal v = new BigDecimal(m.group(1));
    if (v.compareTo(HUNDRED) > 0) {
      throw new LineError(w.start(), what + " " + w.text() + ": out of range (0%..100%)");
    }
    return v;
  }

  /** A percentage as a probability in [0, 1]. */
  static double probability(BigDecimal percent) {
    return percent.divide(HUNDRED).doubleValue();
  }

  /** A whole number in {@code [min, max]}, for {@code what}. */
  static long integer(Word w, String what, long min, long max) {
    String t = w.text();
    String range = " (range " + min + ".." + max + ")";
    if (!DECIMAL.matcher(t).matches()) {
      throw new LineError(w.start(), "bad " + what + " '" + t + "': expected a whole number" + range);
    }
    long v;
    try {
      v = Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new LineError(w.start(), what + " " + t + ": too large" + range);
    }
    if (v < min) {
      throw new LineError(w.start(), what + " " + t + ": too small" + range);
    }
    if (v > max) {
      throw new LineError(w.start(), what + " " + t + ": too large" + range);
    }
    return v;
  }

  /** A vhid, 1..255. */
  static int vhid(Word w) {
    return (int) integer(w, "vhid", 1, 255);
  }

  /** An IPv4 address. */
  static Ipv4Address ipv4(Word w) {
    try {
      return Ipv4Address.parse(w.text());
    } catch (IllegalArgumentException e) {
      throw new LineError(w.start(), e.getMessage());
    }
  }

  /** An IPv4 or IPv6 address (IPv6 when it has a ':'). */
  static IpAddress ipAddress(Word w) {
    try {
      return IpAddress.parse(w.text());
    } catch (IllegalArgumentException e) {
      throw new LineError(w.start(), e.getMessage());
    }
  }

  /** A subnet {@code A.B.C.D/len} or {@code X::/len}, host bits zero. */
  static IpPrefix prefix(Word w) {
    String t = w.text();
    int slash = t.indexOf('/');
    if (slash < 0) {
      throw new LineError(w.start(), "bad subnet '" + t + "': write it with its prefix length, e.g. 172.16.0.0/24");
    }
    String addr = t.substring(0, slash);
    int len = prefixLength(w, slash, addr.indexOf(':') >= 0 ? 128 : 32);
    try {
      if (addr.indexOf(':') >= 0) {
        return new Ipv6Prefix(Ipv6Address.parse(addr), len);
      }
      return new Ipv4Prefix(Ipv4Address.parse(addr), len);
    } catch (IllegalArgumentException e) {
      throw new LineError(w.start(), e.getMessage());
    }
  }

  /** An IPv4 subnet {@code A.B.C.D/len}, host bits zero. */
  static Ipv4Prefix ipv4Prefix(Word w) {
    if (w.text().indexOf(':') >= 0) {
      throw new LineError(w.start(), "bad subnet '" + w.text() + "': expected an IPv4 subnet such as 172.16.0.0/24");
    }
    return (Ipv4Prefix) prefix(w);
  }

  /**
   * A NIC address {@code A.B.C.D[/len]} or {@code X:…[/len]}; without a length, {@code defaultLength}
   * (the segment's) if present.
   */
  static NicAddress nicAddress(Word w, Optional<Integer> default4, Optional<Integer> default6) {
    String t = w.text();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    boolean v6 = addr.indexOf(':') >= 0;
    int len;
    if (slash >= 0) {
      len = prefixLength(w, slash, v6 ? 128 : 32);
    } else {
      Optional<Integer> d = v6 ? default6 : default4;
      if (d.isEmpty()) {
        throw new LineError(w.start(), "address " + t + " needs a prefix length (e.g. " + t + (v6 ? "/64" : "/24")
            + "), as the segment has no " + (v6 ? "IPv6 prefix" : "IPv4 subnet") + " to take it from");
      }
      len = d.get();
    }
    try {
      return v6 ? new NicAddress.Inet6(Ipv6Address.parse(addr), len) : new NicAddress.Inet4(Ipv4Address.parse(addr), len);
    } catch (IllegalArgumentException e) {
      throw new LineError(w.start(), e.getMessage());
    }
  }

  private static int prefixLength(Word w, int slash, int max) {
    String t = w.text();
    String len = t.substring(slash + 1);
    if (!DECIMAL.matcher(len).matches() || len.length() > 3 || Integer.parseInt(len) > max) {
      throw new LineError(w.start() + slash + 1, "bad prefix length '/" + len + "' in " + t + " (range 0.." + max + ")");
    }
    return Integer.parseInt(len);
  }

  /** A MAC address {@code 02:00:00:00:01:01}. */
  static MacAddress mac(Word w) {
    try {
      return MacAddress.parse(w.text());
    } catch (IllegalArgumentException e) {
      throw new LineError(w.start(), e.getMessage());
    }
  }

  /** A host or segment name: a letter, then letters, digits, '-' and '_'. */
  static String name(Word w, String what) {
    if (w.quoted() || !NAME.matcher(w.text()).matches()) {
      String hint = w.text().indexOf('.') >= 0 && what.equals("host") ? " ('.' separates a host from its interface)" : "";
      throw new LineError(w.start(), "bad " + what + " name '" + w.text() + "': a name starts with a letter and has "
          + "only letters, digits, '-' and '_'" + hint);
    }
    return w.text();
  }

  /** A NIC name such as {@code em0}: a letter, then letters, digits and '_', at most 15 characters; not carpN. */
  static String nicName(Word w) {
    if (w.quoted() || !NIC_NAME.matcher(w.text()).matches()) {
      throw new LineError(w.start(), "bad NIC name '" + w.text() + "': an interface name such as em0 (a letter, then "
          + "letters, digits and '_', at most 15 characters)");
    }
    if (isCarpInterface(w.text())) {
      throw new LineError(w.start(), "NIC name '" + w.text() + "' is a carp interface name; carp interfaces are "
          + "created by the configuration (ifconfig " + w.text() + " create), NICs are physical (em0, fxp0, …)");
    }
    return w.text();
  }

  /** True for {@code carp0}, {@code carp12}. */
  static boolean isCarpInterface(String name) {
    // carp[0-9]+, asked for every command of every host: no matcher per call
    if (name.length() < 5 || !name.startsWith("carp")) {
      return false;
    }
    for (int i = 4; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code ; did you mean X?} when a candidate is close to {@code word}, else "". */
  static String didYouMean(String word, Collection<String> candidates) {
    return NearestWord.among(word, candidates).map(n -> "; did you mean " + n + "?").orElse("");
  }

  /** {@code a, b, c}, or {@code none} for an empty list. */
  static String list(Collection<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
