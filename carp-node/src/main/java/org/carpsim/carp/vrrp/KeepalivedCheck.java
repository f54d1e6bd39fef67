package org.carpsim.carp.vrrp;

import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.wire.Bytes;

/**
 * keepalived's {@code vrrp_check_packet} (vrrp.c) for an IPv4 instance, in its order: header length,
 * TTL, then for VRRPv2 the auth type, the password and the advertisement interval, then version,
 * type, address count, lengths, checksum, and the addresses. Each failure has the counter and log
 * line keepalived gives it. A CARP advertisement for the same VRID reaches this code as a
 * version-2 type-1 packet: CARP's demote byte is read as the auth type (0, none), its advbase as
 * the interval and its authlen (7) as the address count, so a PASS instance rejects it as
 * {@code authtype_mismatch} ("received a 0 auth, expecting 1!"), an instance without
 * authentication as {@code addr_list_err} ("received an invalid ip number count 7, expected 1!")
 * and a VRRPv3 instance as {@code vers_err} ("invalid version. 2 and expect 3").
 */
public final class KeepalivedCheck {

  private KeepalivedCheck() {}

  /** keepalived's per-instance statistics this check counts (names of {@code vrrp_stats}). */
  public enum Counter {
    ADVERT_RCVD, PACKET_LEN_ERR, IP_TTL_ERR, INVALID_AUTHTYPE, AUTHTYPE_MISMATCH, AUTH_FAILURE, VERS_ERR,
    INVALID_TYPE_RCVD, ADDR_LIST_ERR, CHK_ERR, PRI_ZERO_RCVD, INTERVAL_MISMATCH;

    public String statName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What the check made of a packet.
   *
   * @param ok true: a valid advertisement (counted advert_rcvd)
   * @param counter the error counter when not ok (INTERVAL_MISMATCH is keepalived's DROP: logged, not counted)
   * @param log the line keepalived logs, or empty
   * @param priority the advertised priority (when ok)
   * @param adverIntCentis the advertised interval in centiseconds (when ok)
   * @param source the IP source address
   */
  public record Verdict(boolean ok, Counter counter, String log, int priority, int adverIntCentis,
      Ipv4Address source) {}

  /**
   * Checks an IPv4 packet (from its IP header, {@code length} bytes as received) for an instance.
   * The caller has matched the VRID (keepalived's dispatcher looks the instance up by VRID).
   */
  public static Verdict check(KeepalivedConfig.Instance in, byte[] b, int ip, int length) {
    String n = "(" + in.name() + ") ";
    int ihl = (Bytes.u8(b, ip) & 0xf) * 4;
    int headers = 20 + 8;
    Ipv4Address src = Ipv4Address.read(b, ip + 12);
    if (length < headers) {
      return ko(Counter.PACKET_LEN_ERR, n + "ip/vrrp header too short. " + length + " and expect at least " + headers,
          src);
    }
    int hd = ip + ihl;
    int naddrOwn = in.vips().size();
    int expected = 20 + 8 + 4 * naddrOwn + (in.version() == 2 ? 8 : 0);
    int ttl = Bytes.u8(b, ip + 8);
    if (ttl != 255) {
      return ko(Counter.IP_TTL_ERR, n + "invalid ttl. " + ttl + " and expect 255", src);
    }
    int authOwn = in.authPass().isPresent() ? 1 : 0;
    if (in.version() == 2) {
      int auth = Bytes.u8(b, hd + 4);
      if (auth > 2) {
        return ko(Counter.INVALID_AUTHTYPE, n + "Invalid auth type: " + auth, src);
      }
      if (auth != authOwn) {
        return ko(Counter.AUTHTYPE_MISMATCH, n + "received a " + auth + " auth, expecting " + authOwn + "!", src);
      }
      if (authOwn == 1) {
        int totLen = Bytes.u16(b, ip + 2);
        int pw = ip + totLen - 8;
        byte[] own = in.authData();
        boolean same = pw >= hd && pw + 8 <= ip + length;
        for (int k = 0; same && k < 8; k++) {
          same = b[pw + k] == own[k];
        }
        if (!same) {
          return ko(Counter.AUTH_FAILURE, n + "received an invalid passwd!", src);
        }
      }
      int adv = Bytes.u8(b, hd + 5);
      if (adv * 100 != in.advertIntCentis()) {
        return ko(Counter.INTERVAL_MISMATCH, n + "advertisement interval mismatch mine=" + in.advertIntCentis() / 100
            + " sec rcved=" + adv + " sec", src);
      }
    }
    int version = Bytes.u8(b, hd) >>> 4;
    if (version != in.version()) {
      return ko(Counter.VERS_ERR, n + "invalid version. " + version + " and expect " + in.version(), src);
    }
    int type = Bytes.u8(b, hd) & 0xf;
    if (type != 1) {
      return ko(Counter.INVALID_TYPE_RCVD, n + "Invalid packet type. " + type + " and expect 1", src);
    }
    int naddr = Bytes.u8(b, hd + 3);
    if (naddr != naddrOwn) {
      return ko(Counter.ADDR_LIST_ERR, n + "received an invalid ip number count " + naddr + ", expected " + naddrOwn
          + "!", src);
    }
    int totLen = Bytes.u16(b, ip + 2);
    if (totLen != length) {
      return ko(Counter.PACKET_LEN_ERR, n + "ip_tot_len mismatch against received length. " + totLen
          + " and received " + length, src);
    }
    if (expected != length) {
      return ko(Counter.PACKET_LEN_ERR, n + "Received packet length mismatch against expected. " + length
          + " and expect " + expected, src);
    }
    int vrrpLen = 8 + 4 * naddr;
    if (in.version() == 3) {
      long pseudo = pseudoSum(src.value(), Bytes.i32(b, ip + 16), vrrpLen);
      if (InternetChecksum.fold(InternetChecksum.add(pseudo, b, hd, vrrpLen)) != 0xffff) {
        return ko(Counter.CHK_ERR, n + "Invalid VRRPv3 checksum", src);
      }
    } else if (!InternetChecksum.verifies(b, hd, vrrpLen + 8)) {
      return ko(Counter.CHK_ERR, n + "Invalid VRRPv2 checksum", src);
    }
    for (KeepalivedConfig.Vip v : in.vips()) {
      boolean found = false;
      for (int k = 0; k < naddr && !found; k++) {
        found = Bytes.i32(b, hd + 8 + 4 * k) == v.address().value();
      }
      if (!found) {
        return new Verdict(false, Counter.ADDR_LIST_ERR, n + "ip address associated with VRID " + in.vrid()
            + " not present in MASTER advert : " + v.address(), 0, 0, src);
      }
    }
    int adverInt = in.version() == 2 ? Bytes.u8(b, hd + 5) * 100 : Bytes.u16(b, hd + 4) & 0xfff;
    return new Verdict(true, null, "", Bytes.u8(b, hd + 2), adverInt, src);
  }

  /** The IPv4 pseudo-header's sum (RFC 5798 §5.2.8: source, destination, zero, protocol 112, length). */
  static long pseudoSum(int src, int dst, int length) {
    return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 112 + length;
  }

  private static Verdict ko(Counter c, String log, Ipv4Address src) {
    return new Verdict(false, c, log, 0, 0, src);
  }
}
