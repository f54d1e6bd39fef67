package org.carpsim.carp.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sysctls a profile knows (§8.1), and for names it does not know but other systems do, a hint
 * that says where they went ("removed after OpenBSD 4.x; …").
 *
 * @param known by full name, in listing order
 * @param absentHints for names other profiles know, why this one lacks them and what to use instead
 */
public record Sysctls(
    @Source("carp-protocol.md §8.1") Map<String, SysctlSpec> known,
    @Source("carp-protocol.md §8.1, §7.3") Map<String, String> absentHints) {

  public Sysctls {
    known = Collections.unmodifiableMap(new LinkedHashMap<>(known));
    absentHints = Collections.unmodifiableMap(new LinkedHashMap<>(absentHints));
  }

  /** Builds from specs in listing order. */
  public static Sysctls of(List<SysctlSpec> specs, Map<String, String> absentHints) {
    Map<String, SysctlSpec> m = new LinkedHashMap<>();
    for (SysctlSpec s : specs) {
      m.put(s.name(), s);
    }
    return new Sysctls(m, absentHints);
  }

  /** The sysctl called {@code name}, if this profile has it. */
  public Optional<SysctlSpec> find(String name) {
    return Optional.ofNullable(known.get(name));
  }

  /** True if {@code name} is a node above known sysctls, such as {@code net.inet.carp}. */
  public boolean isNode(String name) {
    String prefix = name.endsWith(".") ? name : name + ".";
    return known.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  /** Why this profile lacks {@code name}, if another system has it. */
  public Optional<String> absentHint(String name) {
    return Optional.ofNullable(absentHints.get(name));
  }

  /** The default value of a known sysctl. */
  public long defaultValue(String name) {
    SysctlSpec s = known.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown sysctl " + name);
    }
    return s.defaultValue();
  }
}
