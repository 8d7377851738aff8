package keepalivedj.healthcheck;

import static keepalivedj.healthcheck.Fixtures.rs;
import static keepalivedj.healthcheck.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.VirtualServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VirtualServerStateTest {

    /** Changes as short strings; log lines left out unless asked for. */
    static List<String> show(List<RsChange> changes, boolean withLogs) {
        List<String> out = new ArrayList<>();
        for (RsChange c : changes) {
            if (c instanceof RsChange.AddDest) {
                RsChange.AddDest a = (RsChange.AddDest) c;
                out.add("add " + dest(a.dest()) + " w" + a.weight());
            } else if (c instanceof RsChange.SetWeight) {
                RsChange.SetWeight s = (RsChange.SetWeight) c;
                out.add("set " + dest(s.dest()) + " w" + s.weight());
            } else if (c instanceof RsChange.RemoveDest) {
                out.add("del " + dest(((RsChange.RemoveDest) c).dest()));
            } else if (c instanceof RsChange.RunScript) {
                RsChange.RunScript r = (RsChange.RunScript) c;
                out.add("run " + r.event() + " " + r.command().text());
            } else if (c instanceof RsChange.FifoLine) {
                out.add("fifo " + ((RsChange.FifoLine) c).line().replace("\n", "\\n"));
            } else if (c instanceof RsChange.SmtpAlert) {
                out.add("mail " + ((RsChange.SmtpAlert) c).subject());
            } else if (withLogs) {
                out.add("log " + ((RsChange.Log) c).message());
            }
        }
        return out;
    }

    static List<String> show(List<RsChange> changes) {
        return show(changes, false);
    }

    private static String dest(Destination d) {
        return (d.sorry() ? "sorry " : "") + Names.address(d.address()) + ":" + d.port();
    }

    private static CheckerVerdict up() {
        return new CheckerVerdict(true, null, Probe.success());
    }

    private static CheckerVerdict up(int weight) {
        return new CheckerVerdict(true, weight, Probe.successWithWeight(weight, "exit " + (weight + 2)));
    }

    private static CheckerVerdict down() {
        return new CheckerVerdict(false, null, Probe.failed(Failure.CONNECT_FAILED, "Connection refused"));
    }

    private static final String RS1 = "[10.0.0.2]:tcp:80 [10.0.0.1]:tcp:80";

    @Test
    @DisplayName("without alpha every real server is added at start with its weight; the quorum gained at init writes"
            + " VS UP, no RS line")
    void startWithoutAlpha() {
        VirtualServer vs = new Fixtures.Vs().rs(rs("10.0.0.2", 80, 3, List.of(tcp(false)), "notify"))
                .rs(rs("10.0.0.3", 80, 1, List.of(tcp(false)))).build();
        VirtualServerState st = new VirtualServerState(vs);
        assertEquals(List.of("add 10.0.0.2:80 w3", "add 10.0.0.3:80 w1", "fifo VS [10.0.0.1]:tcp:80 UP\\n"), show(st.start(false)));
        assertTrue(st.quorumUp());
    }

    @Test
    @DisplayName("rs_init_notifies sends notify_up and the FIFO line for real servers added at start")
    void startWithInitNotifies() {
        VirtualServer vs = new Fixtures.Vs().rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)), "notify")).build();
        // the RS lines come first, then the quorum's (seen in the IPVS VM against keepalived 2.2.7)
        assertEquals(List.of("add 10.0.0.2:80 w1", "run notify_up /bin/up 10.0.0.2", "fifo RS " + RS1 + " UP\\n",
                "fifo VS [10.0.0.1]:tcp:80 UP\\n"), show(new VirtualServerState(vs).start(true)));
    }

    @Test
    @DisplayName("with alpha nothing is added until the first success, which also gains the quorum")
    void alphaWaitsForFirstSuccess() {
        VirtualServer vs = new Fixtures.Vs().rs(rs("10.0.0.2", 80, 1, List.of(tcp(true)), "notify")).build();
        VirtualServerState st = new VirtualServerState(vs);
        assertEquals(List.of(), show(st.start(false)));
        assertFalse(st.quorumUp());
        assertEquals(List.of("log Adding service [10.0.0.2]:tcp:80 to VS [10.0.0.1]:tcp:80", "add 10.0.0.2:80 w1",
                "run notify_up /bin/up 10.0.0.2", "fifo RS " + RS1 + " UP\\n",
                "log Gained quorum 1+0=1 <= 1 for VS [10.0.0.1]:tcp:80", "fifo VS [10.0.0.1]:tcp:80 UP\\n"),
                show(st.checkerChanged(0, 0, up()), true));
    }

    @Test
    @DisplayName("alpha with inhibit_on_failure adds the real server at weight 0, then enables it")
    void alphaInhibit() {
        VirtualServer vs = new Fixtures.Vs().rs(rs("10.0.0.2", 80, 5, List.of(tcp(true)), "inhibit")).build();
        VirtualServerState st = new VirtualServerState(vs);
        assertEquals(List.of("add 10.0.0.2:80 w0"), show(st.start(false)));
        List<String> upChanges = show(st.checkerChanged(0, 0, up()), true);
        assertEquals("log Enabling service [10.0.0.2]:tcp:80 to VS [10.0.0.1]:tcp:80", upChanges.get(0));
        assertEquals("set 10.0.0.2:80 w5", upChanges.get(1));
    }

    @Test
    @DisplayName("the real server goes down on its first failing checker and up only when all pass again")
    void multipleCheckers() {
        VirtualServer vs = new Fixtures.Vs().rs(rs("10.0.0.2", 80, 1, List.of(tcp(false), tcp(false)), "notify"))
                .rs(rs("10.0.0.3", 80, 1, List.of(tcp(false)))).build();
        VirtualServerState st = new VirtualServerState(vs);
        st.start(false);
        assertEquals(List.of("log Removing service [10.0.0.2]:tcp:80 from VS [10.0.0.1]:tcp:80",
                "del 10.0.0.2:80", "run notify_down /bin/down 10.0.0.2", "fifo RS " + RS1 + " DOWN\\n"),
                show(st.checkerChanged(0, 1, down()), true));
        assertEquals(List.of(), show(st.checkerChanged(0, 0, down())));
        assertEquals(List.of(), show(st.checkerChanged(0, 1, up())));
        assertFalse(st.alive(0));
        assertEquals(List.of("add 10.0.0.2:80 w1", "run notify_up /bin/up 10.0.0.2", "fifo RS " + RS1 + " UP\\n"),
                show(st.checkerChanged(0, 0, up())));
        assertTrue(st.alive(0));
    }

    @Test
    @DisplayName("inhibit_on_failure keeps the failed real server at weight 0 instead of removing it")
    void inhibitOnFailure() {
        VirtualServer vs = new Fixtures.Vs().rs(rs("10.0.0.2", 80, 4, List.of(tcp(false)), "inhibit"))
                .rs(rs("10.0.0.3", 80, 1, List.of(tcp(false)))).build();
        VirtualServerState st = new VirtualServerState(vs);
        assertEquals(List.of("add 10.0.0.2:80 w4", "add 10.0.0.3:80 w1", "fifo VS [10.0.0.1]:tcp:80 UP\\n"), show(st.start(false)));
        List<String> d = show(st.checkerChanged(0, 0, down()), true);
        assertEquals("log Disabling service [10.0.0.2]:tcp:80 from VS [10.0.0.1]:tcp:80", d.get(0));
        assertEquals("set 10.0.0.2:80 w0", d.get(1));
        assertEquals(0, st.weightInPool(0));
        assertEquals("set 10.0.0.2:80 w4", show(st.checkerChanged(0, 0, up())).get(0));
    }

    @Test
    @DisplayName("quorum with hysteresis: lost only below quorum - hysteresis, gained again at quorum + hysteresis")
    void quorumHysteresis() {
        Fixtures.Vs b = new Fixtures.Vs().quorum(2, 1).quorumScripts();
        for (int i = 2; i <= 4; i++) {
            b.rs(rs("10.0.0." + i, 80, 1, List.of(tcp(false))));
        }
        VirtualServerState st = new VirtualServerState(b.build());
        st.start(false);
        assertTrue(st.quorumUp());
        assertFalse(show(st.checkerChanged(0, 0, down())).stream().anyMatch(s -> s.startsWith("fifo VS")));
        assertFalse(show(st.checkerChanged(1, 0, down())).stream().anyMatch(s -> s.startsWith("fifo VS")));
        assertTrue(st.quorumUp(), "sum 1 is not below quorum 2 - hysteresis 1");
        List<String> lost = show(st.checkerChanged(2, 0, down()));
        assertEquals(List.of("del 10.0.0.4:80", "fifo RS [10.0.0.4]:tcp:80 [10.0.0.1]:tcp:80 DOWN\\n",
                "run quorum_down /bin/qdown", "fifo VS [10.0.0.1]:tcp:80 DOWN\\n"), lost);
        assertFalse(st.quorumUp());
        st.checkerChanged(0, 0, up());
        st.checkerChanged(1, 0, up());
        assertFalse(st.quorumUp(), "sum 2 is below quorum 2 + hysteresis 1");
        List<String> gained = show(st.checkerChanged(2, 0, up()));
        assertEquals(List.of("add 10.0.0.4:80 w1", "fifo RS [10.0.0.4]:tcp:80 [10.0.0.1]:tcp:80 UP\\n",
                "run quorum_up /bin/qup", "fifo VS [10.0.0.1]:tcp:80 UP\\n"), gained);
        assertTrue(st.quorumUp());
    }

    @Test
    @DisplayName("losing quorum swaps in the sorry server and removes the remaining alive real servers; gaining it swaps back")
    void sorryServerSwap() {
        VirtualServer vs = new Fixtures.Vs().quorum(2, 0).sorry("10.0.0.9", 8080, false)
                .rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)))).rs(rs("10.0.0.3", 80, 1, List.of(tcp(false))))
                .build();
        VirtualServerState st = new VirtualServerState(vs);
        assertEquals(List.of("add 10.0.0.2:80 w1", "add 10.0.0.3:80 w1", "fifo VS [10.0.0.1]:tcp:80 UP\\n"), show(st.start(false)));
        assertEquals(List.of("del 10.0.0.2:80", "fifo RS " + RS1 + " DOWN\\n", "fifo VS [10.0.0.1]:tcp:80 DOWN\\n",
                "add sorry 10.0.0.9:8080 w1", "del 10.0.0.3:80"), show(st.checkerChanged(0, 0, down())));
        assertEquals(1, st.sorryInPool());
        assertNull(st.weightInPool(1), "alive but out of IPVS while the sorry server serves");
        // a real server going down while the sorry server serves sends no IPVS command, only notifications
        assertEquals(List.of("fifo RS [10.0.0.3]:tcp:80 [10.0.0.1]:tcp:80 DOWN\\n"),
                show(st.checkerChanged(1, 0, down())));
        assertEquals(List.of("fifo RS [10.0.0.3]:tcp:80 [10.0.0.1]:tcp:80 UP\\n"), show(st.checkerChanged(1, 0, up())));
        // the real server comes up while the sorry server serves: no command until the quorum gain re-adds it
        assertEquals(List.of("fifo RS " + RS1 + " UP\\n", "del sorry 10.0.0.9:8080", "add 10.0.0.2:80 w1",
                "add 10.0.0.3:80 w1", "fifo VS [10.0.0.1]:tcp:80 UP\\n"), show(st.checkerChanged(0, 0, up())));
        assertNull(st.sorryInPool());
    }

    @Test
    @DisplayName("sorry_server_inhibit: once added, the sorry server stays at weight 0 while quorum is up")
    void sorryServerInhibit() {
        VirtualServer vs = new Fixtures.Vs().sorry("10.0.0.9", 80, true)
                .rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)))).build();
        VirtualServerState st = new VirtualServerState(vs);
        assertEquals(List.of("add 10.0.0.2:80 w1", "fifo VS [10.0.0.1]:tcp:80 UP\\n"), show(st.start(false)));
        assertTrue(show(st.checkerChanged(0, 0, down())).contains("add sorry 10.0.0.9:80 w1"));
        assertTrue(show(st.checkerChanged(0, 0, up())).contains("set sorry 10.0.0.9:80 w0"));
        assertEquals(0, st.sorryInPool());
        assertTrue(show(st.checkerChanged(0, 0, down())).contains("set sorry 10.0.0.9:80 w1"));
    }

    @Test
    @DisplayName("at startup with quorum down the sorry server is added at once, with quorum_down and VS DOWN")
    void startupQuorumDownAddsSorry() {
        VirtualServer vs = new Fixtures.Vs().quorumScripts().sorry("10.0.0.9", 80, false)
                .rs(rs("10.0.0.2", 80, 1, List.of(tcp(true)))).build();
        VirtualServerState st = new VirtualServerState(vs);
        // as keepalived 2.2.7 in the IPVS VM, with the threshold it prints (quorum + hysteresis)
        assertEquals(List.of("log Starting with quorum down 1-0=1 > 0 for VS [10.0.0.1]:tcp:80",
                "log Adding sorry server [10.0.0.9]:tcp:80 to VS [10.0.0.1]:tcp:80", "add sorry 10.0.0.9:80 w1",
                "log Removing alive servers from the pool for VS [10.0.0.1]:tcp:80", "run quorum_down /bin/qdown",
                "fifo VS [10.0.0.1]:tcp:80 DOWN\\n"), show(st.start(false), true));
        assertFalse(st.quorumUp());
    }

    @Test
    @DisplayName("misc_dynamic: weight = exit status - 2 while up, back to the configured weight on exit 0")
    void dynamicWeight() {
        CheckerSpec misc = new CheckerSpec.MiscCheck(Fixtures.timing(0, 1_000_000, 5_000_000, false),
                Fixtures.script("/bin/check"), 5_000_000, true, Fixtures.POS);
        VirtualServer vs = new Fixtures.Vs().quorum(5, 0).rs(rs("10.0.0.2", 80, 10, List.of(misc))).build();
        VirtualServerState st = new VirtualServerState(vs);
        st.start(false);
        List<String> changed = show(st.checkerChanged(0, 0, up(3)), true);
        assertEquals(List.of("log Changing weight from 10 to 3 for [10.0.0.2]:tcp:80 of VS [10.0.0.1]:tcp:80",
                "set 10.0.0.2:80 w3", "log Lost quorum 5-0=5 > 3 for VS [10.0.0.1]:tcp:80",
                "fifo VS [10.0.0.1]:tcp:80 DOWN\\n"), changed);
        assertTrue(st.alive(0), "a dynamic weight is a success");
        assertEquals(List.of("set 10.0.0.2:80 w10", "fifo VS [10.0.0.1]:tcp:80 UP\\n"),
                show(st.checkerChanged(0, 0, up())));
        assertEquals(List.of(), show(st.checkerChanged(0, 0, up())));
    }

    @Test
    @DisplayName("smtp_alert on a real server mails RS changes; the virtual server mails only with its own smtp_alert")
    void alerts() {
        VirtualServer vs = new Fixtures.Vs().rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)), "smtp")).build();
        VirtualServerState st = new VirtualServerState(vs);
        st.start(false);
        List<String> d = show(st.checkerChanged(0, 0, down()));
        assertTrue(d.contains("mail Realserver [10.0.0.2]:tcp:80 of virtual server [10.0.0.1]:tcp:80 - DOWN"), d::toString);
        assertEquals(1, d.stream().filter(s -> s.startsWith("mail")).count());
    }

    @Test
    @DisplayName("shutdown: sorry server first, then a Shutting down line per real server (in IPVS or not, (inhibited)"
            + " when held at weight 0) with its delete; omega adds notify_down, RS DOWN, quorum_down and VS DOWN")
    void shutdownWithOmega() {
        Fixtures.Vs b = new Fixtures.Vs().quorumScripts();
        b.omega = true;
        b.rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)), "inhibit", "notify"))
                .rs(rs("10.0.0.3", 80, 1, List.of(tcp(false)), "inhibit"))
                .rs(rs("10.0.0.4", 80, 1, List.of(tcp(false))));
        VirtualServerState st = new VirtualServerState(b.build());
        st.start(false);
        st.checkerChanged(1, 0, down());
        st.checkerChanged(2, 0, down());
        assertEquals(List.of(
                "log Shutting down service [10.0.0.2]:tcp:80 from VS [10.0.0.1]:tcp:80", "del 10.0.0.2:80",
                "run notify_down /bin/down 10.0.0.2", "fifo RS [10.0.0.2]:tcp:80 [10.0.0.1]:tcp:80 DOWN\\n",
                "log Shutting down (inhibited) service [10.0.0.3]:tcp:80 from VS [10.0.0.1]:tcp:80", "del 10.0.0.3:80",
                "log Shutting down service [10.0.0.4]:tcp:80 from VS [10.0.0.1]:tcp:80",
                "run quorum_down /bin/qdown", "fifo VS [10.0.0.1]:tcp:80 DOWN\\n"), show(st.shutdown(), true));
    }

    @Test
    @DisplayName("shutdown without omega: the lines and deletes only, the sorry server deleted first without a line")
    void shutdownWithSorryServer() {
        Fixtures.Vs b = new Fixtures.Vs().sorry("10.0.0.9", 80, false).quorumScripts();
        b.rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)), "notify"));
        VirtualServerState st = new VirtualServerState(b.build());
        st.start(false);
        st.checkerChanged(0, 0, down());
        assertEquals(List.of("del sorry 10.0.0.9:80",
                "log Shutting down service [10.0.0.2]:tcp:80 from VS [10.0.0.1]:tcp:80"), show(st.shutdown(), true));
    }

    @Test
    @DisplayName("shutdown with lvs_flush_on_stop: no real server line or notify; omega still says the quorum is down")
    void shutdownFlushed() {
        Fixtures.Vs b = new Fixtures.Vs().quorumScripts();
        b.rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)), "notify"));
        VirtualServerState plain = new VirtualServerState(b.build());
        plain.start(false);
        assertEquals(List.of(), show(plain.shutdownFlushed(), true));
        b.omega = true;
        VirtualServerState omega = new VirtualServerState(b.build());
        omega.start(false);
        assertEquals(List.of("run quorum_down /bin/qdown", "fifo VS [10.0.0.1]:tcp:80 DOWN\\n"),
                show(omega.shutdownFlushed(), true));
    }

    @Test
    @DisplayName("a real server carried through reload keeps its state: a failed one is not re-added until it passes")
    void carriedThroughReload() {
        VirtualServer vs = new Fixtures.Vs().rs(rs("10.0.0.2", 80, 1, List.of(tcp(false))))
                .rs(rs("10.0.0.3", 80, 1, List.of(tcp(false)))).build();
        VirtualServerState old = new VirtualServerState(vs);
        old.start(false);
        old.checkerChanged(0, 0, down());
        VirtualServerState reloaded = new VirtualServerState(vs, List.of(old.carry(0), old.carry(1)));
        assertEquals(List.of(), show(reloaded.start(false, old.quorumUp())), "nothing to do: IPVS already matches");
        assertFalse(reloaded.alive(0));
        assertEquals(List.of("add 10.0.0.2:80 w1", "fifo RS " + RS1 + " UP\\n"),
                show(reloaded.checkerChanged(0, 0, up())));
    }

    @Test
    @DisplayName("rs_init_notifies at a reload: a real server the reload adds gets its up notifies, a carried one not")
    void initNotifiesAtReloadOnlyForAddedServers() {
        VirtualServer before = new Fixtures.Vs().rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)), "notify")).build();
        VirtualServerState old = new VirtualServerState(before);
        old.start(true);
        VirtualServer after = new Fixtures.Vs().rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)), "notify"))
                .rs(rs("10.0.0.3", 80, 1, List.of(tcp(false)), "notify")).build();
        VirtualServerState reloaded = new VirtualServerState(after, List.of(old.carry(0)));
        assertEquals(List.of("add 10.0.0.3:80 w1", "run notify_up /bin/up 10.0.0.3",
                "fifo RS [10.0.0.3]:tcp:80 [10.0.0.1]:tcp:80 UP\\n"), show(reloaded.start(true, true)));
    }

    @Test
    @DisplayName("a virtual server a reload adds with its quorum: Gained quorum, quorum_up and VS UP at init")
    void addedByReloadGainsQuorumAtInit() {
        VirtualServer vs = new Fixtures.Vs().quorumScripts().rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)), "notify"))
                .build();
        assertEquals(List.of("add 10.0.0.2:80 w1", "log Gained quorum 1+0=1 <= 1 for VS [10.0.0.1]:tcp:80",
                "run quorum_up /bin/qup", "fifo VS [10.0.0.1]:tcp:80 UP\\n"), show(new VirtualServerState(vs, List.of()).start(false, null), true));
    }

    @Test
    @DisplayName("a continued virtual server keeps its quorum state through a reload: no quorum line")
    void continuedKeepsQuorum() {
        VirtualServer vs = new Fixtures.Vs().quorumScripts().rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)))).build();
        VirtualServerState old = new VirtualServerState(vs);
        old.start(false);
        VirtualServerState reloaded = new VirtualServerState(vs, List.of(old.carry(0)));
        assertEquals(List.of(), show(reloaded.start(false, true), true));
        assertTrue(reloaded.quorumUp());
    }

    @Test
    @DisplayName("a virtual server removed by a reload: its alive real servers go DOWN, then the VS, omega or not")
    void removedByReload() {
        VirtualServer vs = new Fixtures.Vs().quorumScripts().rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)), "notify"))
                .rs(rs("10.0.0.3", 80, 1, List.of(tcp(false)), "inhibit")).build();
        VirtualServerState st = new VirtualServerState(vs);
        st.start(false);
        st.checkerChanged(1, 0, down());
        assertEquals(List.of("log Removing Virtual Server [10.0.0.1]:tcp:80",
                "log Removing service [10.0.0.2]:tcp:80 from VS [10.0.0.1]:tcp:80", "del 10.0.0.2:80",
                "run notify_down /bin/down 10.0.0.2", "fifo RS " + RS1 + " DOWN\\n",
                "log Removing (inhibited) service [10.0.0.3]:tcp:80 from VS [10.0.0.1]:tcp:80", "del 10.0.0.3:80",
                "run quorum_down /bin/qdown", "fifo VS [10.0.0.1]:tcp:80 DOWN\\n"), show(st.removedByReload(), true));
    }

    @Test
    @DisplayName("real servers a reload drops: no longer exist, DOWN when alive, then VS DOWN if the rest lost quorum")
    void realServersRemovedByReload() {
        VirtualServer vs = new Fixtures.Vs().quorumScripts().rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)), "notify"))
                .rs(rs("10.0.0.3", 80, 1, List.of(tcp(false)))).build();
        VirtualServerState st = new VirtualServerState(vs);
        st.start(false);
        st.checkerChanged(1, 0, down());
        VirtualServer next = new Fixtures.Vs().quorumScripts().rs(rs("10.0.0.3", 80, 1, List.of(tcp(false)))).build();
        assertEquals(List.of("log service [10.0.0.2]:tcp:80 no longer exist",
                "log Removing service [10.0.0.2]:tcp:80 from VS [10.0.0.1]:tcp:80", "del 10.0.0.2:80",
                "run notify_down /bin/down 10.0.0.2", "fifo RS " + RS1 + " DOWN\\n", "run quorum_down /bin/qdown",
                "fifo VS [10.0.0.1]:tcp:80 DOWN\\n"), show(st.realServersRemovedByReload(next), true));
    }

    @Test
    void verdictBeforeStartIsRefused() {
        VirtualServer vs = new Fixtures.Vs().rs(rs("10.0.0.2", 80, 1, List.of(tcp(false)))).build();
        assertThrows(IllegalStateException.class, () -> new VirtualServerState(vs).checkerChanged(0, 0, up()));
    }
}
