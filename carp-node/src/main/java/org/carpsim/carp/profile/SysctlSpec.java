package org.carpsim.carp.profile;

/**
 * One sysctl of a profile (§8.1).
 *
 * @param name full name, e.g. {@code net.inet.carp.preempt}
 * @param defaultValue value at boot
 * @param range values the kernel accepts (most CARP ints are not range-checked: {@link Range#ANY_INT})
 * @param access read-write or read-only
 * @param write how a written value is applied
 * @param meaning one line for listings and error hints
 */
public record SysctlSpec(
    String name, long defaultValue, Range range, Access access, Write write, String meaning) {

  /** Whether the sysctl can be written. */
  public enum Access {
    READ_WRITE,
    READ_ONLY
  }

  /** How a write changes the value. */
  public enum Write {
    /** The written value replaces the old one. */
    ASSIGN,
    /** FreeBSD {@code net.inet.carp.demotion}: the written value is added to the current one. */
    ADD
  }

  /** A read-write sysctl whose writes replace the value. */
  public static SysctlSpec rw(String name, long def, Range range, String meaning) {
    return new SysctlSpec(name, def, range, Access.READ_WRITE, Write.ASSIGN, meaning);
  }

  /** A read-only sysctl. */
  public static SysctlSpec ro(String name, long def, String meaning) {
    return new SysctlSpec(name, def, Range.ANY_INT, Access.READ_ONLY, Write.ASSIGN, meaning);
  }
}
