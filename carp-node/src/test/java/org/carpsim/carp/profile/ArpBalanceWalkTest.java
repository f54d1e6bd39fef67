package org.carpsim.carp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.carpsim.carp.profile.ArpBalanceWalk.Answer;
import org.carpsim.carp.profile.ArpBalanceWalk.Why;
import org.carpsim.carp.profile.Balancing.BalancingMode;
import org.junit.jupiter.api.Test;

class ArpBalanceWalkTest {

  /** A holder with one state per vhost. */
  private record Fake(String name, List<Boolean> masters, BalancingMode mode, long addressOrder, boolean ucarp,
      boolean ucarpVipHeld) implements ArpBalanceWalk.Holder {
    static Fake kernel(String name, boolean master, long order) {
      return new Fake(name, List.of(master), BalancingMode.NONE, order, false, false);
    }

    @Override
    public int vhostCount() {
      return masters.size();
    }

    @Override
    public boolean master(int index) {
      return masters.get(index);
    }

    @Override
    public int[] hashKey() {
      return new int[] {0x01234567, 0x89abcdef};
    }

    @Override
    public byte[] key() {
      return new byte[20];
    }
  }

  private static Optional<Answer<Fake>> answer(Profile p, boolean arpbalance, List<Fake> holders, int ip, long mac) {
    return ArpBalanceWalk.answer(p.balancing(), arpbalance, holders, () -> ip, () -> mac);
  }

  @Test
  void withoutBalancingTheFirstMasterAnswersOrAnyHolderWhereMasterIsNotRequired() {
    List<Fake> holders = List.of(Fake.kernel("carp0", false, 0), Fake.kernel("carp1", true, 1));
    assertEquals("carp1", answer(Profiles.NETBSD, false, holders, 0, 0).orElseThrow().holder().name());
    Answer<Fake> any = answer(Profiles.OPENBSD_3_5, false, holders, 0, 0).orElseThrow();
    assertEquals("carp0", any.holder().name());
    assertEquals(Why.FIRST_HOLDER, any.why());
  }

  @Test
  void senderIpRuleAnswersOnlyFromTheIndexedHolderIfMaster() {
    List<Fake> holders = List.of(Fake.kernel("carp0", true, 0), Fake.kernel("carp1", true, 1));
    int sender = 0xc0a80105; // 192.168.1.5: raw little-endian 0x0501a8c0 is even, host order odd
    assertEquals("carp0", answer(Profiles.OPENBSD_3_5, true, holders, sender, 0).orElseThrow().holder().name());
    assertEquals("carp1", answer(Profiles.FREEBSD_6, true, holders, sender, 0).orElseThrow().holder().name());
    List<Fake> backup = List.of(Fake.kernel("carp0", false, 0), Fake.kernel("carp1", true, 1));
    assertTrue(answer(Profiles.OPENBSD_3_5, true, backup, sender, 0).isEmpty());
  }

  @Test
  void macHashRuleWalksTheHoldersInAddressOrder() {
    long mac = 0x0a0000000005L;
    int index = Balancing.senderMacIndex(new int[] {0x01234567, 0x89abcdef}, new byte[20], mac, 2);
    List<Fake> holders = List.of(Fake.kernel("carp0", true, 7), Fake.kernel("carp1", true, 3));
    String expected = index == 0 ? "carp1" : "carp0"; // carp1's address came first
    assertEquals(expected, answer(Profiles.NETBSD, true, holders, 0, mac).orElseThrow().holder().name());
  }

  @Test
  void aUcarpDaemonHoldingTheAddressAnswersBeforeAnyKernelHolder() {
    Fake daemon = new Fake("ucarp", List.of(false), BalancingMode.NONE, 0, true, true);
    Answer<Fake> a = answer(Profiles.UCARP, false, List.of(Fake.kernel("carp0", true, 0), daemon), 0, 0).orElseThrow();
    assertEquals(Why.UCARP_DAEMON, a.why());
    Fake idle = new Fake("ucarp", List.of(true), BalancingMode.NONE, 0, true, false);
    assertTrue(answer(Profiles.UCARP, false, List.of(idle), 0, 0).isEmpty());
  }

  @Test
  void openbsdBalancingArpPicksAVhostByTheHash() {
    long mac = 0x0a0000000005L;
    int index = Balancing.senderMacIndex(new int[] {0x01234567, 0x89abcdef}, new byte[20], mac, 2);
    Fake carp0 = new Fake("carp0", List.of(true, true), BalancingMode.ARP, 0, false, false);
    Answer<Fake> a = answer(Profiles.OPENBSD, false, List.of(carp0), 0, mac).orElseThrow();
    assertEquals(index, a.vhost());
    assertEquals(Why.BALANCING_ARP, a.why());
  }
}
