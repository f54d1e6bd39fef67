// carpsim's campus in steady state, as ns-3 models it: the peer measured beside `carpsim run`
// (benchmarks/peers/ns3/run.sh, docs/performance.md "ns-3 beside carpsim").
//
// S CSMA segments of 30 hosts; on each, 10 groups of 3 hosts: one master sending a 70-byte frame
// (Ethernet 14 + IPv4 20 + CARP 36) to 224.0.0.18 every second, two backups. Every other host's
// receive callback reads the vhid; a backup of that vhid re-arms its 3 s master-down timer. Nothing
// else happens, so a master-down timer never fires (the program says so if one does).
//
//   --mode=l2  bare packet sockets on the CSMA devices (the lightest ns-3 path): the sender hands the
//              IPv4 packet's 56 bytes to the device, every other host's packet socket receives them.
//   --mode=ip  ns-3's IPv4 stack (no IPv6): a raw IPv4 socket of protocol 112 sends the 36-byte CARP
//              body to 224.0.0.18, every other host's raw socket receives it with its IPv4 header.
//
// Prints one line of figures: simulated seconds, wall seconds of the simulation alone, advertisements
// sent, deliveries (receive callbacks run), master-down timers fired.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

using namespace ns3;

namespace {

constexpr uint32_t kHostsPerSegment = 30;
constexpr uint32_t kGroupsPerSegment = 10;
constexpr uint32_t kCarpBytes = 36;
constexpr uint32_t kIpBytes = 20;
constexpr uint8_t kCarpProtocol = 112;

uint64_t g_adverts = 0;
uint64_t g_deliveries = 0;
uint64_t g_masterDowns = 0;

// One host: the group it belongs to and whether it is that group's master.
struct Host {
  uint8_t vhid = 0;
  bool master = false;
  Ptr<Socket> socket;
  EventId masterDown;
  uint32_t vhidOffset = 0;  // where the vhid sits in what this host's socket receives
  Address destination;

  void MasterDown() { ++g_masterDowns; }

  void ArmMasterDown() {
    masterDown.Cancel();
    masterDown = Simulator::Schedule(Seconds(3), &Host::MasterDown, this);
  }

  void Receive(Ptr<Socket> s) {
    Ptr<Packet> p;
    while ((p = s->Recv())) {
      ++g_deliveries;
      uint8_t head[kIpBytes + 2];
      if (p->CopyData(head, vhidOffset + 1) < vhidOffset + 1) {
        continue;
      }
      if (!master && head[vhidOffset] == vhid) {
        ArmMasterDown();
      }
    }
  }

  // The advertisement's bytes: IPv4 header (l2 mode only) then CARP version/type, vhid, ...
  void Advertise(bool withIpHeader) {
    uint8_t bytes[kIpBytes + kCarpBytes] = {};
    uint32_t at = 0;
    if (withIpHeader) {
      bytes[0] = 0x45;
      bytes[3] = kIpBytes + kCarpBytes;
      bytes[8] = 255;
      bytes[9] = kCarpProtocol;
      bytes[16] = 224;
      bytes[19] = 18;
      at = kIpBytes;
    }
    bytes[at] = 0x21;  // version 2, type 1 (advertisement)
    bytes[at + 1] = vhid;
    bytes[at + 3] = 7;  // authlen
    bytes[at + 5] = 1;  // advbase
    Ptr<Packet> p = Create<Packet>(bytes, at + kCarpBytes);
    socket->SendTo(p, 0, destination);
    ++g_adverts;
    Simulator::Schedule(Seconds(1), &Host::Advertise, this, withIpHeader);
  }
};

}  // namespace

int main(int argc, char* argv[]) {
  uint32_t segments = 100;
  double duration = 300;
  std::string mode = "l2";
  uint32_t seed = 7;
  CommandLine cmd(__FILE__);
  cmd.AddValue("segments", "CSMA segments of 30 hosts", segments);
  cmd.AddValue("duration", "simulated seconds", duration);
  cmd.AddValue("mode", "l2 (packet sockets) or ip (IPv4 raw sockets)", mode);
  cmd.AddValue("seed", "seed of the masters' start offsets", seed);
  cmd.Parse(argc, argv);
  if (mode != "l2" && mode != "ip") {
    std::fprintf(stderr, "carp-steady: --mode=%s: expected l2 or ip\n", mode.c_str());
    return 2;
  }
  if (segments < 1 || segments > 65535) {
    std::fprintf(stderr, "carp-steady: --segments=%u: expected 1 to 65535\n", segments);
    return 2;
  }
  bool ip = mode == "ip";
  RngSeedManager::SetSeed(seed);
  Ptr<UniformRandomVariable> start = CreateObject<UniformRandomVariable>();

  CsmaHelper csma;
  csma.SetChannelAttribute("DataRate", DataRateValue(DataRate("1Gbps")));
  csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
  InternetStackHelper internet;
  internet.SetIpv6StackInstall(false);
  PacketSocketHelper packetSockets;

  std::vector<Host> hosts(segments * kHostsPerSegment);
  for (uint32_t s = 0; s < segments; ++s) {
    NodeContainer nodes;
    nodes.Create(kHostsPerSegment);
    NetDeviceContainer devices = csma.Install(nodes);
    if (ip) {
      internet.Install(nodes);
      Ipv4AddressHelper addresses;
      char net[32];
      std::snprintf(net, sizeof net, "10.%u.%u.0", s / 256, s % 256);
      addresses.SetBase(net, "255.255.255.0");
      addresses.Assign(devices);
    } else {
      packetSockets.Install(nodes);
    }
    for (uint32_t i = 0; i < kHostsPerSegment; ++i) {
      Host& h = hosts[s * kHostsPerSegment + i];
      h.vhid = static_cast<uint8_t>(i / 3 + 1);  // hosts 3g, 3g+1, 3g+2 are group g
      h.master = i % 3 == 0;
      Ptr<Node> node = nodes.Get(i);
      Ptr<NetDevice> dev = devices.Get(i);
      if (ip) {
        h.socket = Socket::CreateSocket(node, Ipv4RawSocketFactory::GetTypeId());
        h.socket->SetAttribute("Protocol", UintegerValue(kCarpProtocol));
        h.socket->BindToNetDevice(dev);  // 224.0.0.x leaves by the bound device, no route needed
        h.socket->SetIpTtl(255);
        h.destination = InetSocketAddress(Ipv4Address("224.0.0.18"), 0);
        h.vhidOffset = kIpBytes + 1;  // a raw socket receives the IPv4 header too
      } else {
        h.socket = Socket::CreateSocket(node, PacketSocketFactory::GetTypeId());
        PacketSocketAddress any;
        any.SetSingleDevice(dev->GetIfIndex());
        any.SetProtocol(0x0800);
        h.socket->Bind(any);
        PacketSocketAddress to = any;
        to.SetPhysicalAddress(Mac48Address("01:00:5e:00:00:12"));
        h.destination = to;
        h.vhidOffset = kIpBytes + 1;
      }
      h.socket->SetRecvCallback(MakeCallback(&Host::Receive, &h));
      if (h.master) {
        // spread the masters over the first second, as real ones drift apart: no CSMA collisions
        Simulator::Schedule(Seconds(start->GetValue(0, 1)), &Host::Advertise, &h, !ip);
      } else {
        h.ArmMasterDown();
      }
    }
  }

  Simulator::Stop(Seconds(duration));
  auto t0 = std::chrono::steady_clock::now();
  Simulator::Run();
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  Simulator::Destroy();
  std::printf("ns3 mode=%s hosts=%u simulated_s=%.0f run_wall_s=%.3f adverts=%llu deliveries=%llu master_downs=%llu\n",
              mode.c_str(), segments * kHostsPerSegment, duration, wall, (unsigned long long)g_adverts,
              (unsigned long long)g_deliveries, (unsigned long long)g_masterDowns);
  return 0;
}
