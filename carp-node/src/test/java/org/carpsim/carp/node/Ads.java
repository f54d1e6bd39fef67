package org.carpsim.carp.node;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.carpsim.carp.auth.CarpHmac;
import org.carpsim.carp.auth.CarpKey;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;

/** Hand-made advertisements from a third party, authenticated with the test's own HMAC preparation. */
final class Ads {

  private Ads() {}

  /** A builder for one IPv4 advertisement frame. */
  static final class Builder {
    HmacScheme scheme = HmacScheme.OPENBSD;
    String pass = "secret";
    int vhid = 1;
    List<Ipv4Address> v4 = List.of(Ipv4Address.parse("10.0.0.1"));
    List<Ipv6Address> v6 = List.of();
    int advbase = 1;
    int advskew = 0;
    int demote = 0;
    long counter = 0x0123456789abcdefL;
    int ttl = 255;
    int tos = 0x10;
    Ipv4Address src = Ipv4Address.parse("10.0.0.99");
    Ipv4Address dst = Ipv4Address.CARP_GROUP;
    MacAddress srcMac = MacAddress.parse("00:00:5e:00:01:01");

    Builder scheme(HmacScheme s) {
      scheme = s;
      return this;
    }

    Builder pass(String p) {
      pass = p;
      return this;
    }

    Builder vhid(int v) {
      vhid = v;
      return this;
    }

    Builder v6(Ipv6Address... a) {
      v6 = List.of(a);
      return this;
    }

    Builder advskew(int s) {
      advskew = s;
      return this;
    }

    Builder advbase(int b) {
      advbase = b;
      return this;
    }

    Builder demote(int d) {
      demote = d;
      return this;
    }

    Builder counter(long c) {
      counter = c;
      return this;
    }

    Builder ttl(int t) {
      ttl = t;
      return this;
    }

    Builder src(String s) {
      src = Ipv4Address.parse(s);
      return this;
    }

    byte[] md() {
      CarpKey key = CarpKey.fromPassphraseBytes(pass.getBytes(StandardCharsets.UTF_8));
      return CarpHmac.prepare(scheme, key, vhid, v4, v6, null).compute(counter);
    }

    byte[] frame() {
      return Emitter.ad4(0x01005e000012L, srcMac.value(), tos, 0x1234, ttl, src.value(), dst.value(), vhid, advskew,
          demote, advbase, counter, md());
    }
  }

  static Builder ad() {
    return new Builder();
  }
}
