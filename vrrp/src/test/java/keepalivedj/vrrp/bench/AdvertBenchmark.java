package keepalivedj.vrrp.bench;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import keepalivedj.vrrp.fsm.Action;
import keepalivedj.vrrp.fsm.Event;
import keepalivedj.vrrp.fsm.VrrpMachine;
import keepalivedj.vrrp.packet.Advertisement;
import keepalivedj.vrrp.packet.EthernetHeader;
import keepalivedj.vrrp.packet.Ipv4Header;
import keepalivedj.vrrp.packet.MacAddress;
import keepalivedj.vrrp.packet.MalformedPacketException;
import keepalivedj.vrrp.packet.VrrpCodec;
import keepalivedj.vrrp.packet.VrrpPacket;
import keepalivedj.vrrp.rx.ReceiveCheck;
import keepalivedj.vrrp.rx.Verdict;
import keepalivedj.vrrp.spec.AuthType;
import keepalivedj.vrrp.spec.InstanceSpec;
import keepalivedj.vrrp.spec.VirtualAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-advert receive path of a BACKUP: decode the Ethernet frame, run keepalived's checks, step the machine
 * (which re-arms Master_Down_Timer). The frame is the lab's VRRPv2 advert (vrrp2-master-adverts.pcap frame 1).
 * Run with {@code vrrp/bench/run-jmh.sh}; not part of {@code mvn verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AdvertBenchmark {
    private byte[] frame;
    private VrrpMachine backup;
    private ReceiveCheck check;
    private VrrpPacket decoded;
    private long now;

    @Setup
    public void setup() throws Exception {
        InetAddress vip = InetAddress.getByName("10.99.0.100");
        frame = VrrpCodec.encode(new EthernetHeader(MacAddress.VRRP_IPV4_MULTICAST, MacAddress.parse("7e:a0:11:d7:22:50"), 0x0800),
                Ipv4Header.forSending(4, 255, 112, (java.net.Inet4Address) InetAddress.getByName("10.99.0.1"),
                        VrrpCodec.VRRP_IPV4_GROUP),
                Advertisement.v2(51, 101, 1, "lab51".getBytes(), List.of(vip)));
        InstanceSpec spec = InstanceSpec.builder("VI_51", 51, InetAddress.getByName("10.99.0.2"))
                .auth(AuthType.PASS, "lab51".getBytes()).vips(List.of(VirtualAddress.of(vip))).build();
        backup = new VrrpMachine(spec);
        backup.step(Event.STARTED, 0);
        check = new ReceiveCheck(spec);
        decoded = VrrpCodec.decode(frame);
        now = 1;
    }

    /** decode + validate + step: the whole cost of one received advert. */
    @Benchmark
    public List<Action> decodeValidateStep() throws MalformedPacketException {
        now += 1_000_000;
        return backup.step(new Event.AdvertReceived(VrrpCodec.decode(frame)), now);
    }

    @Benchmark
    public VrrpPacket decodeOnly() throws MalformedPacketException {
        return VrrpCodec.decode(frame);
    }

    @Benchmark
    public Verdict validateOnly() {
        return check.check(decoded, true);
    }
}
