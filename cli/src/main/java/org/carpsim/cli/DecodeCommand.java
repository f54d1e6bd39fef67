package org.carpsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.carpsim.carp.auth.HmacScheme;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.net.Ipv6Address;
import org.carpsim.carp.net.MacAddress;
import org.carpsim.carp.profile.Profiles;
import org.carpsim.carp.wire.ArpPacket;
import org.carpsim.carp.wire.CarpAdvertisement;
import org.carpsim.carp.wire.DecodeError;
import org.carpsim.carp.wire.Decoded;
import org.carpsim.carp.wire.EthernetFrame;
import org.carpsim.carp.wire.Frames;
import org.carpsim.carp.wire.IpPayload;
import org.carpsim.carp.wire.Ipv4Packet;
import org.carpsim.carp.wire.Ipv6Packet;
import org.carpsim.carp.wire.NeighborAdvertisement;
import org.carpsim.carp.wire.NeighborSolicitation;
import org.carpsim.carp.wire.Vrrp2Advertisement;
import org.carpsim.carp.wire.Vrrp3Advertisement;
import org.carpsim.sim.pcap.CaptureFormatException;
import org.carpsim.sim.pcap.CaptureRecord;
import org.carpsim.sim.pcap.PcapFormat;
import org.carpsim.sim.pcap.PcapReader;
import org.carpsim.sim.report.OutputPaths;
import org.carpsim.sim.time.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code carpsim decode PCAP}: lists the CARP advertisements (and VRRP, ARP and neighbour discovery
 * packets) of a pcap or pcapng file, checks CARP checksums and, with {@code --pass}, HMACs. With
 * {@code --json}, one JSON object per CARP advertisement. The passphrase is never printed.
 */
@Command(
    name = "decode",
    header = "Decode the CARP, VRRP, ARP and ND frames of a capture, with their HMACs checked.",
    mixinStandardHelpOptions = true,
    description = {
      "Decode the CARP advertisements of a pcap or pcapng file (and list its VRRP, ARP and neighbour",
      "discovery packets); verify CARP checksums and, with --pass, HMACs."
    },
    exitCodeListHeading = "%nExit status:%n",
    footerHeading = "%nExamples:%n",
    footer = {"  ./carpsim decode docs/captures/ucarp-failover.pcap --pass secret", "  ./carpsim decode docs/captures/ucarp-wrongpass.pcap --pass secret --vip 10.99.0.100 --json"},
    exitCodeList = {"0:decoded", "2:bad input (missing file, not a capture, truncated, bad option)"})
public final class DecodeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PCAP", description = "Capture file (pcap or pcapng; Ethernet or Linux cooked).")
  Path file;

  @Option(names = "--pass", paramLabel = "P", description = "CARP passphrase for HMAC verification (never printed).")
  String pass;

  @Option(names = "--profile", paramLabel = "P",
      description = "HMAC rules: openbsd, openbsd-3.5, netbsd, freebsd, freebsd-6, ucarp (default: try openbsd, then ucarp).")
  String profile;

  @Option(names = "--vip", paramLabel = "A[,A…]",
      description = "Virtual addresses hashed into the HMAC (default: inferred from gratuitous ARPs).")
  List<String> vipTexts;

  @Option(names = "--quiet", description = "No progress on standard error (shown for captures of 20 MB and more).")
  boolean quiet;

  @Option(names = "--json", description = "One JSON object per CARP advertisement.")
  boolean json;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A refusal of the input, printed as one line: {@code carpsim decode: WHERE: MESSAGE}. */
  private static final class BadInput extends Exception {
    final String where;

    BadInput(String where, String message) {
      super(message);
      this.where = where;
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      HmacScheme scheme = null;
      if (profile != null) {
        // the profile says its own HMAC scheme
        // keepalived speaks VRRP: no CARP HMAC scheme to check with
        scheme = Profiles.find(profile).filter(p -> Profiles.carpNames().contains(p.name()))
            .map(p -> p.authentication().hmac()).orElseThrow(() -> new BadInput("--profile",
                (Profiles.find(profile).isPresent() ? "profile '" + profile + "' speaks VRRP, not CARP"
                    : "unknown profile '" + profile + "'") + " (expected one of "
                    + String.join(", ", Profiles.carpNames()) + ")"));
      }
      DecodeVips vips = parseVips();
      DecodeHmacChecker checker = null;
      if (pass != null) {
        try {
          checker = new DecodeHmacChecker(pass, scheme, vips);
        } catch (IllegalArgumentException e) {
          throw new BadInput("--pass", e.getMessage()); // "Password too long ...", without the passphrase
        }
      }
      long fileSize = sizeOf(file);
      long total = checker == null ? fileSize : 2 * fileSize; // a second pass when the VIPs are inferred first
      progress = new ProgressLine("decode " + file.getFileName(), "MB", err,
          fileSize < PROGRESS_FROM_BYTES ? ProgressLine.Mode.OFF : ProgressLine.mode(quiet), System::nanoTime);
      progressTotal = total;
      TreeSet<Integer> vhids = new TreeSet<>();
      if (checker != null) {
        collect(vips, vhids);
        vips.infer();
      }
      List<String> notes = checker == null ? List.of() : vips.describe(vhids);
      passBase = checker == null ? 0 : fileSize; // the second pass: progress goes on from the first's end
      if (json) {
        notes.forEach(n -> err.println("carpsim decode: note: " + n));
      }
      decodeAndPrint(out, checker, notes);
      progress.finish();
      out.flush();
      return 0;
    } catch (BadInput e) {
      out.flush();
      err.println("carpsim decode: " + e.where + ": " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private DecodeVips parseVips() throws BadInput {
    if (vipTexts == null) {
      return DecodeVips.toInfer();
    }
    List<String> texts = new ArrayList<>();
    for (String list : vipTexts) {
      for (String t : list.split(",", -1)) {
        if (t.isBlank()) {
          throw new BadInput("--vip", "'" + list + "': an empty address in the list (expected A[,A…], IPv4 or IPv6)");
        }
        texts.add(t);
      }
    }
    List<Ipv4Address> v4 = new ArrayList<>();
    List<Ipv6Address> v6 = new ArrayList<>();
    for (String t : texts) {
      try {
        if (t.indexOf(':') >= 0) {
          v6.add(Ipv6Address.parse(t.trim()));
        } else {
          v4.add(Ipv4Address.parse(t.trim()));
        }
      } catch (IllegalArgumentException e) {
        throw new BadInput("--vip", e.getMessage());
      }
    }
    return DecodeVips.given(v4, v6);
  }

  private PcapReader open() throws BadInput {
    try {
      return PcapReader.open(file);
    } catch (IOException e) {
      throw readFailure(e);
    }
  }

  private BadInput readFailure(IOException e) {
    if (e instanceof CaptureFormatException c) {
      return new BadInput(file.toString(), c.problem());
    }
    return new BadInput(file.toString(), OutputPaths.describe(e));
  }

  /** Frame bytes of a record as Ethernet, or null for link types carpsim does not decode. */
  private static byte[] ethernet(CaptureRecord r) {
    switch (r.linkType()) {
      case PcapFormat.LINKTYPE_ETHERNET:
        return r.data();
      case PcapFormat.LINKTYPE_LINUX_SLL:
      case PcapFormat.LINKTYPE_LINUX_SLL2:
        byte[] view = r.ethernetView();
        return view.length == 0 ? r.data() : view;
      default:
        return null;
    }
  }

  /** First pass: advertisements and gratuitous ARPs, to infer the VIPs. */
  private void collect(DecodeVips vips, TreeSet<Integer> vhids) throws BadInput {
    try (PcapReader reader = open()) {
      while (advanceOrStop(reader)) {
        byte[] b = reader.packetBuffer();
        int o = reader.packetOffset();
        int len = reader.packetLength();
        if (reader.packetLinkType() == PcapFormat.LINKTYPE_ETHERNET && reader.packetTimestampNanos() != CaptureRecord.NO_TIMESTAMP) {
          long t = reader.packetTimestampNanos();
          if (DecodeFastRows.carpAt(b, o, len)) {
            int vhid = DecodeFastRows.u8(b, o + DecodeFastRows.CARP + 1);
            vhids.add(vhid);
            vips.advertisement(t, vhid, new MacAddress(DecodeFastRows.mac(b, o + 6)));
            continue;
          }
          if (DecodeFastRows.isArp(b, o, len)) {
            if (DecodeFastRows.i32(b, o + 28) == DecodeFastRows.i32(b, o + 38)) {
              vips.gratuitousArp(t, new Ipv4Address(DecodeFastRows.i32(b, o + 28)), new MacAddress(DecodeFastRows.mac(b, o + 22)));
            }
            continue;
          }
        }
        CaptureRecord r = reader.record();
        byte[] bytes = ethernet(r);
        if (bytes == null || !(Frames.decode(bytes) instanceof EthernetFrame f)) {
          continue;
        }
        long t = r.hasTimestamp() ? r.timestampNanos() : Long.MIN_VALUE / 2;
        f.carpAdvertisement().ifPresent(ad -> {
          vhids.add(ad.vhid());
          vips.advertisement(t, ad.vhid(), f.header().source());
        });
        if (f.payload() instanceof ArpPacket arp && arp.isGratuitous()) {
          vips.gratuitousArp(t, arp.senderIp(), arp.senderMac());
        }
      }
    } catch (IOException e) {
      throw readFailure(e);
    }
  }

  /** Moves to the next packet; false at the end or at damage: the second pass lists what precedes it and reports it. */
  private boolean advanceOrStop(PcapReader reader) throws IOException {
    tick(reader);
    try {
      return reader.advance();
    } catch (CaptureFormatException damaged) {
      return false;
    }
  }

  /** Tells the progress line how far the reader is. */
  private void tick(PcapReader reader) {
    if (progress != null) {
      long read = passBase + reader.offset();
      long done = read / 1_000_000;
      long total = progressTotal / 1_000_000;
      // whole megabytes: the last one is reached before the last byte, and "done" is said once, at the end
      progress.update(read < progressTotal ? Math.min(done, Math.max(0, total - 1)) : done, total);
    }
  }

  /** Captures smaller than this decode in a moment: no progress. */
  private static final long PROGRESS_FROM_BYTES = 20_000_000;

  /** Progress on standard error for a large capture (off for a small one or with --quiet). */
  private ProgressLine progress;
  private long progressTotal;
  /** Bytes of the passes already done. */
  private long passBase;

  private static long sizeOf(Path file) {
    try {
      return java.nio.file.Files.size(file);
    } catch (IOException e) {
      return 0; // opening it says what is wrong
    }
  }

  /** Counts for the closing summary. */
  private static final class Tally {
    int packets;
    int carp;
    int checksumOk;
    int hmacOk;
    int hmacBad;
    int hmacUnknown;
    int vrrp;
    int arp;
    int nd;
    int malformed;
    int other;
    final Map<String, Integer> matchedAs = new TreeMap<>();
  }

  private void decodeAndPrint(PrintWriter out, DecodeHmacChecker checker, List<String> notes) throws BadInput {
    Tally tally = new Tally();
    try (PcapReader reader = open()) {
      if (!json) {
        text.append(file).append(": ").append(describeFormat(reader)).append(NL);
        notes.forEach(n -> text.append(n).append(NL));
        if (checker == null) {
          text.append("HMAC not checked (no --pass)").append(NL);
        }
        text.append(String.format(Locale.ROOT, "%6s %13s  %-40s %-5s %s%n", "#", "time", "source -> destination", "proto", "details"));
      }
      long t0 = Long.MIN_VALUE;
      try {
        while (reader.advance()) {
          tick(reader);
          long t = reader.packetTimestampNanos();
          if (t0 == Long.MIN_VALUE && t != CaptureRecord.NO_TIMESTAMP) {
            t0 = t;
          }
          tally.packets++;
          if (!fastRow(reader, t0, checker, tally)) {
            row(reader.record(), t0, checker, tally);
          }
          if (text.length() >= DRAIN_AT) {
            drain(out);
          }
        }
      } catch (IOException e) {
        if (!json) {
          text.append(summary(tally, checker)).append(NL);
        }
        drain(out);
        throw readFailure(e);
      }
      if (!json) {
        text.append(summary(tally, checker)).append(NL);
      }
      drain(out);
    } catch (IOException e) {
      drain(out);
      throw readFailure(e);
    }
  }

  private static final String NL = DecodeFastRows.NL;

  /** The rows not yet written: written in blocks, as a line at a time costs a system call each. */
  private final StringBuilder text = new StringBuilder(1 << 17);

  private static final int DRAIN_AT = 1 << 16;

  /** Where {@link #drain} copies the rows to: the writer takes characters without a string made of them. */
  private char[] chars = new char[DRAIN_AT * 2];

  private void drain(PrintWriter out) {
    int n = text.length();
    if (chars.length < n) {
      chars = new char[n];
    }
    text.getChars(0, n, chars, 0);
    out.write(chars, 0, n);
    text.setLength(0);
  }

  /** Reused for the HMAC of the advertisement being checked. */
  private final byte[] md = new byte[20];

  /**
   * Prints the row of an IPv4 CARP advertisement or an ARP packet of an Ethernet capture straight
   * from its bytes ({@link DecodeFastRows}); false for anything else, which {@link #row} prints.
   */
  private boolean fastRow(PcapReader reader, long t0, DecodeHmacChecker checker, Tally tally) {
    long t = reader.packetTimestampNanos();
    if (reader.packetLinkType() != PcapFormat.LINKTYPE_ETHERNET || t == CaptureRecord.NO_TIMESTAMP) {
      return false;
    }
    byte[] b = reader.packetBuffer();
    int o = reader.packetOffset();
    int len = reader.packetLength();
    if (DecodeFastRows.carpAt(b, o, len)) {
      int c = o + DecodeFastRows.CARP;
      tally.carp++;
      if (DecodeFastRows.carpChecksumOk(b, o)) {
        tally.checksumOk++;
      }
      DecodeHmacChecker.Verdict v = null;
      if (checker != null) {
        System.arraycopy(b, c + 16, md, 0, 20);
        v = checker.check(DecodeFastRows.u8(b, c + 1), new MacAddress(DecodeFastRows.mac(b, o + 6)),
            DecodeFastRows.i32(b, o + 26), DecodeFastRows.i64(b, c + 8), md);
      }
      String hmac = hmacText(v, tally);
      if (json) {
        DecodeFastRows.appendCarpJson(text, b, o, true, t, v != null, v == null ? null : v.ok());
        text.append(NL);
        return true;
      }
      DecodeFastRows.appendNumberAndTime(text, reader.packetNumber(), t - t0);
      int start = text.length();
      DecodeFastRows.appendIpv4(text, b, o + 26);
      text.append(" -> ");
      DecodeFastRows.appendIpv4(text, b, o + 30);
      DecodeFastRows.padTo(text, start, 40);
      text.append(" CARP  ");
      DecodeFastRows.appendCarpDetails(text, b, o, hmac);
      text.append(NL);
      return true;
    }
    if (DecodeFastRows.isArp(b, o, len)) {
      tally.arp++;
      if (!json) {
        DecodeFastRows.appendNumberAndTime(text, reader.packetNumber(), t - t0);
        int start = text.length();
        DecodeFastRows.appendMac(text, b, o + 6);
        text.append(" -> ");
        DecodeFastRows.appendMac(text, b, o);
        DecodeFastRows.padTo(text, start, 40);
        text.append(" ARP   ");
        DecodeFastRows.appendArpDetails(text, b, o);
        text.append(NL);
      }
      return true;
    }
    return false;
  }

  /** The HMAC column of a CARP row, counted in the tally. */
  private static String hmacText(DecodeHmacChecker.Verdict v, Tally tally) {
    if (v == null) {
      return "-";
    } else if (v.ok() == null) {
      tally.hmacUnknown++;
      return "? (no VIP)";
    } else if (v.ok()) {
      tally.hmacOk++;
      tally.matchedAs.merge(v.matchedAs(), 1, Integer::sum);
      return v.okText();
    } else {
      tally.hmacBad++;
      return "BAD";
    }
  }

  private static String describeFormat(PcapReader reader) {
    String format;
    switch (reader.format()) {
      case PCAP_MICROSECONDS:
        format = "pcap, microsecond timestamps";
        break;
      case PCAP_NANOSECONDS:
        format = "pcap, nanosecond timestamps";
        break;
      default:
        format = "pcapng";
    }
    int lt = reader.linkType();
    String link = lt == PcapFormat.LINKTYPE_ETHERNET ? "Ethernet"
        : lt == PcapFormat.LINKTYPE_LINUX_SLL ? "Linux cooked (SLL)"
        : lt == PcapFormat.LINKTYPE_LINUX_SLL2 ? "Linux cooked v2 (SLL2)"
        : lt < 0 ? "link type per interface" : "link type " + lt;
    return format + ", " + link;
  }

  private void row(CaptureRecord r, long t0, DecodeHmacChecker checker, Tally tally) {
    byte[] bytes = ethernet(r);
    String time = r.hasTimestamp() && t0 != Long.MIN_VALUE ? Durations.formatSeconds(r.timestampNanos() - t0, 6) : "-";
    if (bytes == null) {
      tally.other++;
      print(r, time, "-", "?", "link type " + r.linkType() + " is not decoded");
      return;
    }
    Decoded d = Frames.decode(bytes);
    if (d instanceof DecodeError e) {
      tally.malformed++;
      print(r, time, "-", "BAD", "malformed: " + e.kind() + " at byte " + e.offset() + ": " + e.detail()
          + e.carpCounter().map(c -> " (a CARP node counts " + c.counterName() + ")").orElse(""));
      return;
    }
    EthernetFrame f = (EthernetFrame) d;
    String macs = f.header().source() + " -> " + f.header().destination();
    if (f.payload() instanceof ArpPacket arp) {
      tally.arp++;
      print(r, time, macs, "ARP", arp(arp));
    } else if (f.payload() instanceof Ipv4Packet ip) {
      ipRow(r, time, f, ip.header().source().toString(), ip.header().destination().toString(), ip.header().ttl(), ip.payload(), ip.payloadChecksumOk(), checker, tally,
          "IPv4 protocol " + ip.header().protocol() + (ip.header().isFragment() ? " (fragment)" : ""));
    } else if (f.payload() instanceof Ipv6Packet ip) {
      ipRow(r, time, f, ip.header().source().toString(), ip.header().destination().toString(), ip.header().hopLimit(), ip.payload(), ip.payloadChecksumOk(), checker, tally,
          "IPv6 next header " + ip.upperLayerProtocol());
    } else {
      tally.other++;
      print(r, time, macs, "-", String.format("EtherType 0x%04x", f.header().etherType()));
    }
  }

  private void ipRow(CaptureRecord r, String time, EthernetFrame f, String src, String dst, int ttl,
      IpPayload payload, boolean checksumOk, DecodeHmacChecker checker, Tally tally, String otherwise) {
    String addrs = src + " -> " + dst;
    String ok = checksumOk ? "ok" : "BAD";
    if (payload instanceof CarpAdvertisement ad) {
      tally.carp++;
      if (ad.checksumOk()) {
        tally.checksumOk++;
      }
      int sourceIp = f.payload() instanceof Ipv4Packet ip ? ip.header().source().value() : -1;
      DecodeHmacChecker.Verdict v = checker == null ? null : checker.check(ad, f.header().source(), sourceIp);
      String hmac = hmacText(v, tally);
      if (json) {
        text.append(carpJson(r, f, src, dst, ttl, ad, v)).append(NL);
        return;
      }
      StringBuilder details = new StringBuilder(String.format(Locale.ROOT,
          "vhid %3d  advbase/skew %3d/%-3d  demote %3d  counter %016x  cksum %-3s  hmac %s",
          ad.vhid(), ad.advbase(), ad.advskew(), ad.demote(), ad.counter(), ad.checksumOk() ? "ok" : "BAD", hmac));
      if (ttl != 255) {
        details.append("  ttl ").append(ttl).append(" (receivers count badttl)");
      }
      if (f.payload() instanceof Ipv4Packet ip && !ip.header().checksumOk()) {
        details.append("  IPv4 header cksum BAD (the IP layer drops it)");
      }
      if (ad.version() != CarpAdvertisement.VERSION || ad.type() != CarpAdvertisement.TYPE_ADVERTISEMENT) {
        details.append("  version ").append(ad.version()).append(" type ").append(ad.type());
      }
      if (ad.authLength() != CarpAdvertisement.AUTH_LENGTH) {
        details.append("  authlen ").append(ad.authLength());
      }
      print(r, time, addrs, "CARP", details.toString());
    } else if (payload instanceof Vrrp2Advertisement v) {
      tally.vrrp++;
      List<String> a = new ArrayList<>();
      v.addresses().forEach(x -> a.add(x.toString()));
      print(r, time, addrs, "VRRP", String.format(Locale.ROOT,
          "v2 vrid %d priority %d interval %ds auth %s addresses %s cksum %s (VRRP, not CARP)",
          v.vrid(), v.priority(), v.advertInterval(), authName(v.authType()), String.join(",", a), ok));
    } else if (payload instanceof Vrrp3Advertisement v) {
      tally.vrrp++;
      List<String> a = new ArrayList<>();
      v.ipv4Addresses().forEach(x -> a.add(x.toString()));
      v.ipv6Addresses().forEach(x -> a.add(x.toString()));
      print(r, time, addrs, "VRRP", String.format(Locale.ROOT,
          "v3 vrid %d priority %d interval %d.%02ds addresses %s cksum %s (VRRP, not CARP)",
          v.vrid(), v.priority(), v.maxAdvertInterval() / 100, v.maxAdvertInterval() % 100, String.join(",", a), ok));
    } else if (payload instanceof NeighborSolicitation ns) {
      tally.nd++;
      print(r, time, addrs, "ND", "neighbour solicitation: who has " + ns.target()
          + ns.sourceLinkLayerAddress().map(m -> " (from " + m + ")").orElse("") + "  cksum " + ok);
    } else if (payload instanceof NeighborAdvertisement na) {
      tally.nd++;
      String flags = (na.router() ? "R" : "") + (na.solicited() ? "S" : "") + (na.override() ? "O" : "");
      print(r, time, addrs, "ND", "neighbour advertisement: " + na.target()
          + na.targetLinkLayerAddress().map(m -> " is at " + m).orElse("") + (flags.isEmpty() ? "" : " [" + flags + "]")
          + "  cksum " + ok);
    } else {
      tally.other++;
      print(r, time, addrs, "-", otherwise);
    }
  }

  private static String authName(int authType) {
    switch (authType) {
      case 0:
        return "none";
      case 1:
        return "simple-text (password not shown)";
      case 2:
        return "ip-ah";
      default:
        return "type " + authType;
    }
  }

  private static String arp(ArpPacket arp) {
    if (arp.operation() == ArpPacket.REQUEST && arp.isGratuitous()) {
      return "gratuitous request: " + arp.senderIp() + " is at " + arp.senderMac();
    }
    if (arp.operation() == ArpPacket.REQUEST) {
      return "who has " + arp.targetIp() + "? tell " + arp.senderIp() + " (" + arp.senderMac() + ")";
    }
    if (arp.operation() == ArpPacket.REPLY) {
      return "reply: " + arp.senderIp() + " is at " + arp.senderMac() + (arp.isGratuitous() ? " (gratuitous)" : "");
    }
    return "operation " + arp.operation() + ": " + arp.senderIp() + " / " + arp.senderMac();
  }

  private void print(CaptureRecord r, String time, String addrs, String proto, String details) {
    if (!json) {
      text.append(String.format(Locale.ROOT, "%6d %13s  %-40s %-5s %s%n", r.number(), time, addrs, proto, details));
    }
  }

  private String carpJson(CaptureRecord r, EthernetFrame f, String src, String dst, int ttl, CarpAdvertisement ad,
      DecodeHmacChecker.Verdict v) {
    ObjectNode o = JSON.createObjectNode();
    if (r.hasTimestamp()) {
      o.put("t_ns", r.timestampNanos());
    } else {
      o.putNull("t_ns");
    }
    o.put("src", src);
    o.put("dst", dst);
    o.put("src_mac", f.header().source().toString());
    o.put("ttl", ttl);
    o.put("version", ad.version());
    o.put("type", ad.type());
    o.put("vhid", ad.vhid());
    o.put("advskew", ad.advskew());
    o.put("authlen", ad.authLength());
    o.put("demote", ad.demote());
    o.put("advbase", ad.advbase());
    o.put("checksum_ok", ad.checksumOk());
    o.put("counter", String.format("%016x", ad.counter()));
    o.put("hmac", ad.hmac().hex());
    if (v != null) {
      if (v.ok() == null) {
        o.putNull("hmac_ok");
      } else {
        o.put("hmac_ok", v.ok());
      }
    }
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of numbers and strings always serialises", e);
    }
  }

  private static String summary(Tally t, DecodeHmacChecker checker) {
    StringBuilder s = new StringBuilder();
    s.append(t.packets).append(" packet(s): ").append(t.carp).append(" CARP (").append(t.checksumOk).append(" checksum ok");
    if (checker != null) {
      s.append("; HMAC ").append(t.hmacOk).append(" ok");
      if (!t.matchedAs.isEmpty()) {
        List<String> as = new ArrayList<>();
        t.matchedAs.forEach((k, n) -> as.add(k + " " + n));
        s.append(" [").append(String.join(", ", as)).append("]");
      }
      s.append(", ").append(t.hmacBad).append(" bad, ").append(t.hmacUnknown).append(" unchecked");
    }
    s.append("), ").append(t.vrrp).append(" VRRP, ").append(t.arp).append(" ARP, ").append(t.nd).append(" ND, ")
        .append(t.other).append(" other, ").append(t.malformed).append(" malformed");
    return s.toString();
  }
}
