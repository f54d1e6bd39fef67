package org.carpsim.carp.node;

import java.util.ArrayList;
import java.util.List;
import org.carpsim.carp.auth.InternetChecksum;
import org.carpsim.carp.config.HostCommand;
import org.carpsim.carp.config.IfSetting;
import org.carpsim.carp.net.Ipv4Address;
import org.carpsim.carp.profile.Demotion.PfsyncBulk;
import org.carpsim.carp.wire.Bytes;
import org.carpsim.carp.wire.Frames;

/**
 * pfsync0, for what it does to carp: the bulk update a host requests when pfsync starts, and the
 * demotion it holds until the update ends or the requests time out (if_pfsync.c of current OpenBSD
 * and FreeBSD, {@link PfsyncBulk}). pf states themselves are not modelled: a peer answers a request
 * as if its state table fits one packet — OpenBSD sends bulk start and end in one packet, FreeBSD the
 * start at once and the end one tick (1 ms) later ({@code pfsync_bulk_update} on a callout of 1 tick).
 *
 * <p>The messages are real frames on the syncdev: IPv4 protocol 240, TTL 255, to 224.0.0.240 or the
 * syncpeer, a pfsync header (version 6 OpenBSD, 5 FreeBSD; checksum field zero) and one subheader
 * per message: an update request for everything (id 0, creator 0) or a bulk status (start/end).
 */
final class Pfsync {

  static final String NAME = "pfsync0";
  static final int PROTO_PFSYNC = 240;
  /** INADDR_PFSYNC_GROUP, 224.0.0.240. */
  static final int GROUP = 0xe00000f0;
  static final int ACT_UPD_REQ = 5;
  static final int ACT_BUS = 10;
  static final int BUS_START = 1;
  static final int BUS_END = 2;
  /** PFSYNC_MAX_BULKTRIES, both systems. */
  static final int MAX_BULKTRIES = 12;
  /** PFSTATE_HIWAT, the default pf state limit of both systems ({@code set limit states}). */
  static final long STATE_LIMIT = 100_000;
  /**
   * States per bulk packet on a 1500-byte pfsync0: (1500 − PFSYNC_MINPKT 40) / sizeof(struct
   * pfsync_state): 264 bytes on OpenBSD, ≈ 278 for FreeBSD's pfsync_state_1400 (any size from 244 to
   * 292 gives 5).
   */
  static final long STATES_PER_PACKET = 5;
  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;

  /** OpenBSD 1.332's bulk request states. */
  enum Request {
    NONE,
    START,
    SENT,
    BULK,
    DONE
  }

  private final CarpHost h;
  private final PfsyncBulk rules;
  private final NodeTimer timer;

  Nic syncdev;
  int syncpeer = GROUP;
  boolean up;

  // OpenBSD requester (sc_bulk_req, sc_sync_if_down)
  Request request = Request.NONE;
  int tries;
  boolean requestDemoted;
  boolean syncIfDown;

  // FreeBSD requester (PFSYNCF_OK, sc_ureq_sent in seconds of uptime)
  boolean syncOk = true;
  long ureqSent;

  // FreeBSD responder
  private long ureqReceived;
  private NodeTimer bulkEnd;
  private final int hostId;

  Pfsync(CarpHost h) {
    this.h = h;
    this.rules = h.profile().demotion().pfsyncBulk();
    this.timer = h.env().newTimer(this::timeout);
    this.hostId = (int) h.random().nextLong();
  }

  // ---- configuration ----------------------------------------------------------------------------

  /** {@code ifconfig pfsync0 …}: checked whole first (nothing half-applied), then each option in order. */
  CommandResult set(HostCommand.IfconfigSet cmd) {
    Nic dev = syncdev;
    int peer = syncpeer;
    boolean running = up;
    for (IfSetting s : cmd.settings()) {
      if (s instanceof IfSetting.Syncdev x) {
        Nic n = h.nics.get(x.nic());
        if (n == null) {
          return CommandResult.failed("ifconfig: SIOCSETPFSYNC: " + (rules == PfsyncBulk.OPENBSD_BULK_REQUEST
              ? "Device not configured" : "Invalid argument"));
        }
        if (rules == PfsyncBulk.OPENBSD_BULK_REQUEST && running && n != dev) {
          return CommandResult.failed("ifconfig: SIOCSETPFSYNC: Device busy");
        }
        dev = n;
      } else if (s instanceof IfSetting.NoSyncdev) {
        if (rules == PfsyncBulk.OPENBSD_BULK_REQUEST && running && dev != null) {
          return CommandResult.failed("ifconfig: SIOCSETPFSYNC: Device busy");
        }
        dev = null;
      } else if (s instanceof IfSetting.Syncpeer || s instanceof IfSetting.NoSyncpeer) {
        int next = s instanceof IfSetting.Syncpeer x && x.peer().value() != 0 ? x.peer().value() : GROUP;
        if (rules == PfsyncBulk.OPENBSD_BULK_REQUEST && running && next != peer) {
          return CommandResult.failed("ifconfig: SIOCSETPFSYNC: Device busy");
        }
        peer = next;
      } else if (s instanceof IfSetting.Up) {
        if (rules == PfsyncBulk.OPENBSD_BULK_REQUEST && !running && dev == null) {
          return CommandResult.failed("ifconfig: SIOCSIFFLAGS: Device not configured");
        }
        running = true;
      } else if (s instanceof IfSetting.Down) {
        running = false;
      }
    }
    for (IfSetting s : cmd.settings()) {
      apply(s);
    }
    return CommandResult.OK;
  }

  private void apply(IfSetting s) {
    if (s instanceof IfSetting.Syncdev x) {
      syncdev = h.nics.get(x.nic());
      setPfsync();
    } else if (s instanceof IfSetting.NoSyncdev) {
      syncdev = null;
      setPfsync();
    } else if (s instanceof IfSetting.Syncpeer x) {
      syncpeer = x.peer().value() == 0 ? GROUP : x.peer().value();
      setPfsync();
    } else if (s instanceof IfSetting.NoSyncpeer) {
      syncpeer = GROUP;
      setPfsync();
    } else if (s instanceof IfSetting.Up) {
      if (!up) {
        up = true;
        if (rules == PfsyncBulk.OPENBSD_BULK_REQUEST) {
          openbsdUp();
        }
      }
    } else if (s instanceof IfSetting.Down) {
      if (up) {
        up = false;
        if (rules == PfsyncBulk.OPENBSD_BULK_REQUEST) {
          openbsdDown();
        }
      }
    }
  }

  /**
   * One SIOCSETPFSYNC: ifconfig sends one per option. FreeBSD then, with a syncdev, demotes unless a
   * bulk update is already pending, requests a full update and arms the 5 s bulk-fail callout; the
   * try counter is not reset, so requests restarted before it fires never time out.
   */
  private void setPfsync() {
    if (rules != PfsyncBulk.FREEBSD_SETPFSYNC || syncdev == null) {
      return;
    }
    if (syncOk) {
      h.engine().pfsyncDemote((int) h.sysctlValue("net.pfsync.carp_demotion_factor", 240), "pfsync bulk start");
    }
    syncOk = false;
    sendRequest();
    ureqSent = uptime();
    timer.armAfter(5 * S);
  }

  // ---- OpenBSD: pfsync_up / pfsync_down / link hook / pfsync_bulk_req_evt ----------------------

  private void openbsdUp() {
    syncIfDown = true;
    h.engine().pfsyncDemote(1, "pfsync up");
    requestDemoted = true;
    h.engine().pfsyncDemote(32, "pfsync start");
    request = Request.START;
    timer.armAfter(30 * S);
    syncdevLink();
  }

  private void openbsdDown() {
    if (syncIfDown) {
      h.engine().pfsyncDemote(-1, "pfsync down");
    }
    tries = 0;
    request = Request.NONE;
    timer.cancel();
    if (requestDemoted) {
      requestDemoted = false;
      h.engine().pfsyncDemote(-32, "pfsync down");
    }
  }

  /** The syncdev's link changed (OpenBSD's link-state hook; FreeBSD's pfsync has none). */
  void syncdevStateChanged(Nic nic) {
    if (rules == PfsyncBulk.OPENBSD_BULK_REQUEST && up && nic == syncdev) {
      syncdevLink();
    }
  }

  /** {@code pfsync_syncif_link}: link up pushes the request on and lifts the "pfsync link" demotion. */
  private void syncdevLink() {
    boolean down = true;
    if (syncdev != null && syncdev.running()) {
      if (request == Request.START) {
        sendRequest();
        request = Request.SENT;
        timer.armAfter(2 * S);
      }
      down = false;
    }
    if (syncIfDown != down) {
      h.engine().pfsyncDemote(down ? 1 : -1, "pfsync link");
    }
    syncIfDown = down;
  }

  private void openbsdDone() {
    request = Request.DONE;
    timer.cancel();
    requestDemoted = false;
    h.engine().pfsyncDemote(-32, "pfsync done");
  }

  /** 4 × (state limit / states per packet / (1000 / PFSYNC_BULK_SND_IVAL_MS 20)) seconds, at least 4. */
  static long openbsdBulkWaitNs() {
    long t = STATE_LIMIT / STATES_PER_PACKET / 50;
    return Math.max(1, t) * 4 * S;
  }

  /** FreeBSD: 4 × hz + state limit / states per packet ticks at hz = 1000. */
  static long freebsdBulkWaitNs() {
    return 4 * S + STATE_LIMIT / STATES_PER_PACKET * MS;
  }

  private void timeout() {
    if (rules == PfsyncBulk.OPENBSD_BULK_REQUEST) {
      switch (request) {
        case START: // "timeout waiting for link"
          openbsdDone();
          break;
        case SENT:
          if (++tries < MAX_BULKTRIES) {
            sendRequest();
            timer.armAfter(2 * S);
          } else { // "timeout waiting for bulk transfer start"
            openbsdDone();
          }
          break;
        case BULK:
          if (++tries < MAX_BULKTRIES) {
            sendRequest(); // 1.332 sends one more request, then gives up all the same (no break)
          }
          openbsdDone(); // "timeout waiting for bulk transfer end"
          break;
        default:
          break;
      }
      return;
    }
    // FreeBSD pfsync_bulk_fail
    if (tries++ < MAX_BULKTRIES) {
      timer.armAfter(5 * S);
      sendRequest();
    } else {
      ureqSent = 0;
      tries = 0;
      if (!syncOk) {
        h.engine().pfsyncDemote(-(int) h.sysctlValue("net.pfsync.carp_demotion_factor", 240), "pfsync bulk fail");
      }
      syncOk = true;
    }
  }

  // ---- input ------------------------------------------------------------------------------------

  /** Whether frames to {@code group} on {@code nic} reach pfsync (it joined 224.0.0.240 there). */
  boolean joined(Nic nic, int group) {
    return group == GROUP && syncpeer == GROUP && nic == syncdev && accepting();
  }

  private boolean accepting() {
    return up && syncdev != null;
  }

  /** A pfsync packet (IPv4 payload at {@code off}) that reached {@code nic}. */
  void input(Nic nic, byte[] f, int off, int len, int ttl) {
    if (!accepting() || nic != syncdev || ttl != 255 || len < 20) {
      return;
    }
    if (Bytes.u8(f, off) != version() || Bytes.u16(f, off + 2) > len) {
      return;
    }
    int end = off + Bytes.u16(f, off + 2);
    int p = off + 20;
    while (p + 4 <= end) {
      int action = Bytes.u8(f, p);
      int count = Bytes.u16(f, p + 2);
      p += 4;
      for (int i = 0; i < count && p + 12 <= end; i++, p += 12) {
        if (action == ACT_UPD_REQ && Bytes.i32(f, p) == 0 && Bytes.i32(f, p + 4) == 0 && Bytes.i32(f, p + 8) == 0) {
          bulkRequested();
        } else if (action == ACT_BUS) {
          bus(Bytes.u8(f, p + 8), Bytes.i32(f, p + 4) & 0xffffffffL);
        }
      }
    }
  }

  /** A bulk status from the peer answering our request. */
  private void bus(int status, long endtime) {
    if (rules == PfsyncBulk.OPENBSD_BULK_REQUEST) {
      if (status == BUS_START && (request == Request.START || request == Request.SENT)) {
        request = Request.BULK;
        timer.armAfter(openbsdBulkWaitNs());
      } else if (status == BUS_END && request == Request.BULK) {
        openbsdDone();
      }
      return;
    }
    if (status == BUS_START) {
      timer.armAfter(freebsdBulkWaitNs());
    } else if (status == BUS_END) {
      if (uptime() - endtime >= ureqSent) {
        ureqSent = 0;
        tries = 0;
        timer.cancel();
        if (!syncOk) {
          h.engine().pfsyncDemote(-(int) h.sysctlValue("net.pfsync.carp_demotion_factor", 240), "pfsync bulk done");
        }
        syncOk = true;
      }
      // else "received invalid bulk update end: bad timestamp": ignored
    }
  }

  /** The peer asked for everything: a bulk update, as if our state table fit one packet. */
  private void bulkRequested() {
    if (rules == PfsyncBulk.OPENBSD_BULK_REQUEST) {
      send(List.of(busMessage(BUS_START, 0), busMessage(BUS_END, 0)));
      return;
    }
    ureqReceived = uptime();
    send(List.of(busMessage(BUS_START, 0)));
    if (bulkEnd == null) {
      bulkEnd = h.env().newTimer(() -> send(List.of(busMessage(BUS_END, uptime() - ureqReceived))));
    }
    bulkEnd.armAfter(MS);
  }

  // ---- output -----------------------------------------------------------------------------------

  private void sendRequest() {
    byte[] req = new byte[16];
    req[0] = (byte) ACT_UPD_REQ;
    req[1] = (byte) (rules == PfsyncBulk.OPENBSD_BULK_REQUEST ? 3 : 0); // OpenBSD: length in 32-bit words
    Bytes.put16(req, 2, 1);
    send(List.of(req));
  }

  private byte[] busMessage(int status, long endtime) {
    byte[] m = new byte[16];
    m[0] = (byte) ACT_BUS;
    m[1] = (byte) (rules == PfsyncBulk.OPENBSD_BULK_REQUEST ? 3 : 0);
    Bytes.put16(m, 2, 1);
    Bytes.put32(m, 4, hostId);
    Bytes.put32(m, 8, (int) endtime);
    m[12] = (byte) status;
    return m;
  }

  private int version() {
    return rules == PfsyncBulk.OPENBSD_BULK_REQUEST ? 6 : 5;
  }

  /** One pfsync packet with these subheader+message blocks, out of the syncdev (dropped without one). */
  private void send(List<byte[]> messages) {
    Nic dev = syncdev;
    if (dev == null) {
      return;
    }
    int payload = 20;
    for (byte[] m : messages) {
      payload += m.length;
    }
    byte[] b = new byte[14 + 20 + payload];
    long dstMac = (syncpeer >>> 28) == 0xe ? Frames.multicastMac(new Ipv4Address(syncpeer)).value() : 0;
    Bytes.putMac(b, 0, dstMac);
    Bytes.putMac(b, 6, dev.macValue);
    Bytes.put16(b, 12, Wire.ETHERTYPE_IPV4);
    int ip = 14;
    b[ip] = 0x45;
    b[ip + 1] = 0x10; // IPTOS_LOWDELAY
    Bytes.put16(b, ip + 2, 20 + payload);
    Bytes.put16(b, ip + 4, (int) (h.random().nextLong() & 0xffff));
    Bytes.put16(b, ip + 6, 0x4000);
    b[ip + 8] = (byte) 255;
    b[ip + 9] = (byte) PROTO_PFSYNC;
    Ipv4Address src = dev.firstOwnV4();
    Bytes.put32(b, ip + 12, src == null ? 0 : src.value());
    Bytes.put32(b, ip + 16, syncpeer);
    Bytes.put16(b, ip + 10, InternetChecksum.compute(b, ip, 20));
    int p = ip + 20;
    b[p] = (byte) version();
    Bytes.put16(b, p + 2, payload);
    p += 20;
    for (byte[] m : messages) {
      System.arraycopy(m, 0, b, p, m.length);
      p += m.length;
    }
    h.transmitIpv4(dev, b, syncpeer);
  }

  /** {@code time_uptime}: whole seconds since the host booted. */
  private long uptime() {
    return h.uptimeSeconds();
  }

  // ---- status -----------------------------------------------------------------------------------

  /** What {@code ifconfig pfsync0} prints. */
  String status() {
    List<String> lines = new ArrayList<>();
    lines.add(NAME + ": flags=" + (up ? "41<UP,RUNNING>" : "0<>") + " mtu 1500");
    String dev = syncdev == null ? "" : "syncdev: " + syncdev.name + " ";
    String peer = syncpeer == GROUP ? "" : "syncpeer: " + new Ipv4Address(syncpeer) + " ";
    lines.add("\tpfsync: " + dev + peer + "maxupd: 128 defer: off");
    if (rules == PfsyncBulk.FREEBSD_SETPFSYNC) {
      lines.add("\tsyncok: " + (syncOk ? 1 : 0));
    } else {
      lines.add("\tgroups: carp pfsync");
    }
    return String.join("\n", lines);
  }
}
