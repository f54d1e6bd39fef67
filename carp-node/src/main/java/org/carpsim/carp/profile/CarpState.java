package org.carpsim.carp.profile;

import java.util.Locale;

/** The state of one virtual host, numbered as the kernels number them (§5: INIT=0, BACKUP=1, MASTER=2). */
public enum CarpState {
  INIT,
  BACKUP,
  MASTER;

  /** The word ifconfig uses: {@code init}, {@code backup}, {@code master}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
