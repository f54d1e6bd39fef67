package org.carpsim.carp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.ReceiveRules.Advert;
import org.carpsim.carp.profile.ReceiveRules.BackupReaction;
import org.carpsim.carp.profile.ReceiveRules.Local;
import org.carpsim.carp.profile.ReceiveRules.MasterReaction;
import org.junit.jupiter.api.Test;

/** §5.3 decisions per profile. */
class ReceiveRulesTest {

  private static int ip(String s) {
    return Ipv4Address.parse(s).value();
  }

  private static Local local(int base, int skew, int demote, boolean preempt) {
    return new Local(base, skew, demote, preempt, 3, ip("192.0.2.2"));
  }

  private static Advert ad(int base, int skew, int demote) {
    return new Advert(base, skew, demote, ip("192.0.2.1"));
  }

  @Test
  void openbsdMasterYieldsOnATieAndToTheLessDemoted() {
    Profile o = Profiles.OPENBSD;
    assertEquals(MasterReaction.YIELD, o.onAdvertisementAsMaster(local(1, 0, 0, false), ad(1, 0, 0)),
        "tie: the receiving master always yields, no address tie-break");
    assertEquals(MasterReaction.STAY, o.onAdvertisementAsMaster(local(1, 0, 0, false), ad(1, 100, 0)));
    assertEquals(MasterReaction.YIELD, o.onAdvertisementAsMaster(local(1, 100, 0, false), ad(1, 0, 0)));
    assertEquals(MasterReaction.STAY, o.onAdvertisementAsMaster(local(1, 100, 0, false), ad(1, 0, 1)),
        "a faster but more demoted master does not make us yield");
    assertEquals(MasterReaction.YIELD, o.onAdvertisementAsMaster(local(1, 0, 1, false), ad(1, 100, 0)),
        "dR < dL: yield to a slower but less demoted master");
  }

  @Test
  void openbsdBackupRules() {
    Profile o = Profiles.OPENBSD;
    assertEquals(BackupReaction.TAKE_OVER_PREEMPTING, o.onAdvertisementAsBackup(local(1, 0, 0, true), ad(1, 100, 0)));
    assertEquals(BackupReaction.RESTART_MASTER_DOWN, o.onAdvertisementAsBackup(local(1, 0, 0, false), ad(1, 100, 0)));
    assertEquals(BackupReaction.TAKE_OVER_MORE_DEMOTED, o.onAdvertisementAsBackup(local(1, 100, 0, false), ad(1, 0, 1)),
        "B2 without preempt (regress carp_1..4: carpdemote moves the master within 0.1 s)");
    assertEquals(BackupReaction.RESTART_MASTER_DOWN, o.onAdvertisementAsBackup(local(1, 0, 1, true), ad(1, 100, 0)),
        "B1 needs dR >= dL");
    assertEquals(BackupReaction.TAKE_OVER_WILL_TIME_OUT, o.onAdvertisementAsBackup(local(1, 100, 0, false), ad(255, 255, 0)),
        "bow-out 255/255 is taken over at once by B3");
    assertEquals(BackupReaction.RESTART_MASTER_DOWN, o.onAdvertisementAsBackup(local(0, 100, 0, false), ad(255, 255, 0)),
        "B3 is off when the local advbase is 0");
  }

  @Test
  void legacyProfilesIgnoreTheDemoteByteAndYieldOnEqual() {
    for (Profile p : new Profile[] {Profiles.OPENBSD_3_5, Profiles.NETBSD, Profiles.FREEBSD, Profiles.FREEBSD_6}) {
      assertEquals(BackupReaction.RESTART_MASTER_DOWN, p.onAdvertisementAsBackup(local(1, 100, 0, false), ad(1, 0, 9)),
          p.name() + ": no B2");
      assertEquals(MasterReaction.YIELD, p.onAdvertisementAsMaster(local(1, 0, 0, false), ad(1, 0, 0)), p.name());
      assertEquals(MasterReaction.STAY, p.onAdvertisementAsMaster(local(1, 0, 5, false), ad(1, 100, 0)), p.name());
      assertEquals(BackupReaction.TAKE_OVER_PREEMPTING, p.onAdvertisementAsBackup(local(1, 0, 5, true), ad(1, 100, 0)),
          p.name() + ": B1 without a demote term");
      // B3 without the advbase≠0 guard (only reachable through the decision function: knobs refuse 0)
      assertEquals(BackupReaction.TAKE_OVER_WILL_TIME_OUT, p.onAdvertisementAsBackup(local(0, 0, 0, false), ad(1, 0, 0)));
    }
  }

  @Test
  void suppressedHostComparesWith240() {
    Profile p = Profiles.OPENBSD_3_5;
    int skew = p.effectiveAdvskew(0, 1);
    assertEquals(MasterReaction.YIELD, p.onAdvertisementAsMaster(local(1, skew, 0, false), ad(1, 100, 0)),
        "a suppressed master (240) yields to an advskew-100 ad");
    assertEquals(BackupReaction.TAKE_OVER_PREEMPTING, p.onAdvertisementAsBackup(local(1, 100, 0, true), ad(1, skew, 0)),
        "the peer with preempt takes over from the 240-advertising master");
    assertEquals(BackupReaction.RESTART_MASTER_DOWN, p.onAdvertisementAsBackup(local(1, 100, 0, false), ad(1, skew, 0)),
        "without preempt nothing happens: the man page's 'preempt' condition");
  }

  @Test
  void ucarpBreaksTiesByTheRawLittleEndianSource() {
    Profile u = Profiles.UCARP;
    Local ours = new Local(1, 0, 0, false, 3, ip("10.0.0.2"));
    assertEquals(MasterReaction.YIELD_AFTER_ONE_MORE_AD,
        u.onAdvertisementAsMaster(ours, new Advert(1, 0, 0, ip("10.0.0.1"))), "lower source wins the tie");
    Local low = new Local(1, 0, 0, false, 3, ip("10.0.0.1"));
    assertEquals(MasterReaction.STAY_AND_REASSERT,
        u.onAdvertisementAsMaster(low, new Advert(1, 0, 0, ip("10.0.0.2"))));
    // byte order quirk: 10.0.0.2 < 10.0.1.1 in network order, but as raw LE s_addr 0x0200000a > 0x0101000a
    Local quirk = new Local(1, 0, 0, false, 3, ip("10.0.1.1"));
    assertEquals(MasterReaction.STAY_AND_REASSERT,
        u.onAdvertisementAsMaster(quirk, new Advert(1, 0, 0, ip("10.0.0.2"))));
    assertEquals(MasterReaction.STAY_AND_REASSERT,
        u.onAdvertisementAsMaster(ours, new Advert(1, 100, 0, ip("10.0.0.1"))), "slower master heard: reassert");
    assertEquals(MasterReaction.YIELD_AFTER_ONE_MORE_AD,
        u.onAdvertisementAsMaster(new Local(1, 100, 0, false, 3, ip("10.0.0.1")), new Advert(1, 0, 0, ip("10.0.0.2"))),
        "a better master: one last ad, then BACKUP, with or without --preempt");
  }

  @Test
  void ucarpBackup() {
    Profile u = Profiles.UCARP;
    Local l = new Local(1, 0, 0, false, 3, ip("10.0.0.1"));
    assertEquals(BackupReaction.RESTART_MASTER_DOWN, u.onAdvertisementAsBackup(l, new Advert(1, 100, 0, ip("10.0.0.2"))),
        "without --preempt it stays BACKUP indefinitely");
    Local pre = new Local(1, 0, 0, true, 3, ip("10.0.0.1"));
    assertEquals(BackupReaction.TAKE_OVER_PREEMPTING, u.onAdvertisementAsBackup(pre, new Advert(1, 100, 0, ip("10.0.0.2"))));
    assertEquals(BackupReaction.TAKE_OVER_WILL_TIME_OUT,
        u.onAdvertisementAsBackup(new Local(1, 0, 0, false, 2, ip("10.0.0.1")), new Advert(2, 10, 0, ip("10.0.0.2"))),
        "dead ratio 2: 2 × 1 s < 2.04 s");
    assertEquals(BackupReaction.RESTART_MASTER_DOWN,
        u.onAdvertisementAsBackup(l, new Advert(2, 10, 0, ip("10.0.0.2"))), "dead ratio 3: 3 s > 2.04 s");
  }
}
