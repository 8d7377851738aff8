package keepalivedj.healthcheck.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import keepalivedj.healthcheck.SystemTicker;
import keepalivedj.healthcheck.Timers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CheckLoopTest {

    @Test
    @DisplayName("a task that throws is counted and the loop goes on; cancelled timers never run; order by time")
    void survivesAndOrders() throws Exception {
        try (CheckLoop loop = new CheckLoop(new SystemTicker(), "hc-test")) {
            List<String> ran = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            loop.execute(() -> {
                throw new IllegalStateException("boom");
            });
            loop.execute(() -> {
                loop.schedule(30_000_000, () -> {
                    ran.add("late");
                    done.countDown();
                });
                loop.schedule(10_000_000, () -> ran.add("early"));
                Timers.Cancellable c = loop.schedule(20_000_000, () -> ran.add("cancelled"));
                c.cancel();
            });
            Timers.Cancellable fromOutside = loop.schedule(5_000_000, () -> ran.add("outside-cancelled"));
            fromOutside.cancel();
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("early", "late"), ran);
            assertEquals(1, loop.handlerErrors());
        }
    }

    @Test
    @DisplayName("an event left in a batch for a descriptor closed meanwhile never reaches the socket that reuses its number")
    void staleEventsReachNobody() throws Exception {
        try (CheckLoop loop = new CheckLoop(new SystemTicker(), "hc-test")) {
            LinuxSockets sys = loop.sockets();
            List<String> heard = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            int[] fds = new int[3];
            List<Integer> spares = new java.util.ArrayList<>();
            loop.execute(() -> {
                fds[0] = sys.eventFd();
                fds[1] = sys.eventFd();
                // both readable before the loop waits: one epoll_wait returns the two events in one batch
                sys.wake(fds[0]);
                sys.wake(fds[1]);
                for (int me = 0; me < 2; me++) {
                    int self = me;
                    loop.register(fds[me], LinuxSockets.EPOLLIN, events -> {
                        heard.add("first " + self);
                        sys.drain(fds[self]);
                        // the other one is still in this batch: close it, and give its number to a new descriptor
                        int other = fds[1 - self];
                        loop.close(other);
                        // the kernel gives the lowest free number; a lower one another thread freed meanwhile
                        // goes to a spare first
                        fds[2] = sys.eventFd();
                        while (fds[2] != other && fds[2] >= 0 && spares.size() < 64) {
                            spares.add(fds[2]);
                            fds[2] = sys.eventFd();
                        }
                        heard.add(fds[2] == other ? "reused" : "not reused");
                        spares.forEach(loop::close);
                        loop.register(fds[2], LinuxSockets.EPOLLIN, e -> heard.add("new one"));
                        loop.schedule(50_000_000, done::countDown);
                    });
                }
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            // exactly one of the two ran; the new descriptor (never made readable) heard nothing
            assertEquals(2, heard.size(), heard::toString);
            assertTrue(heard.get(0).startsWith("first "), heard::toString);
            assertEquals("reused", heard.get(1), "the kernel gave the closed number to the new eventfd");
            assertEquals(0, loop.handlerErrors());
        }
    }

    /** A clock that only the test moves. */
    private static final class ManualTicker implements keepalivedj.healthcheck.Ticker {
        private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);

        @Override
        public long nanoTime() {
            return nanos.get();
        }

        void advance(long by) {
            nanos.addAndGet(by);
        }
    }

    @Test
    @DisplayName("timers of many delays (more than there are lanes) and cancellations fire in time order, once each")
    void timersInTimeOrder() throws Exception {
        ManualTicker clock = new ManualTicker();
        try (CheckLoop loop = new CheckLoop(clock, "hc-test")) {
            List<Integer> firedIds = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            int n = 400;
            List<Integer> expected = new java.util.ArrayList<>();
            onLoop(loop, () -> {
                for (int i = 0; i < n; i++) {
                    int id = i;
                    // 25 distinct delays, each used over and over, set in an order that is not their time order
                    Timers.Cancellable c = loop.schedule(delay(i), () -> firedIds.add(id));
                    if (i % 5 == 0) {
                        c.cancel();
                    } else {
                        expected.add(id);
                    }
                }
                loop.schedule(200_000_000, done::countDown);
            });
            // all set in one turn, so on one time: due order is by delay, then by the order they were set
            expected.sort(java.util.Comparator.comparingLong(CheckLoopTest::delay));
            clock.advance(1_000_000_000L);
            loop.execute(() -> { });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(expected, firedIds);
        }
    }

    private static long delay(int i) {
        return (1 + (i * 7) % 25) * 2_000_000L;
    }

    @Test
    @DisplayName("when more timers are due than one turn runs (saturation), a ready socket is read after at most 256 of them")
    void readySocketsNotStarvedByDueTimers() throws Exception {
        ManualTicker clock = new ManualTicker();
        try (CheckLoop loop = new CheckLoop(clock, "hc-test")) {
            LinuxSockets sys = loop.sockets();
            int due = 5_000;
            int[] ran = new int[1];
            List<Integer> readAfter = new CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(due);
            CountDownLatch read = new CountDownLatch(1);
            int[] fd = new int[1];
            onLoop(loop, () -> {
                fd[0] = sys.eventFd();
                loop.register(fd[0], LinuxSockets.EPOLLIN, events -> {
                    sys.drain(fd[0]);
                    readAfter.add(ran[0]);
                    read.countDown();
                });
                for (int i = 0; i < due; i++) {
                    boolean first = i == 0;
                    loop.schedule(5_000_000_000L, () -> {
                        if (first) {
                            sys.wake(fd[0]); // a connection completes just as the backlog starts
                        }
                        ran[0]++;
                        all.countDown();
                    });
                }
            });
            // every check comes due at once
            clock.advance(6_000_000_000L);
            loop.execute(() -> { });
            assertTrue(all.await(10, TimeUnit.SECONDS));
            assertTrue(read.await(10, TimeUnit.SECONDS));
            assertEquals(1, readAfter.size(), readAfter::toString);
            assertTrue(readAfter.get(0) <= 256, "the socket waited behind " + readAfter.get(0) + " timers of " + due);
            assertEquals(0, loop.handlerErrors());
        }
    }

    @Test
    @DisplayName("a timer set by a long task from another thread counts from when it is set, not from the turn's start")
    void longForeignTaskSetsTimersOnTheClock() throws Exception {
        ManualTicker clock = new ManualTicker();
        try (CheckLoop loop = new CheckLoop(clock, "hc-test")) {
            List<String> fired = new CopyOnWriteArrayList<>();
            onLoop(loop, () -> {
                // start-up filling IPVS for 100 s, then starting a check due in 1 s
                clock.advance(100_000_000_000L);
                loop.schedule(1_000_000_000L, () -> fired.add("check"));
            });
            clock.advance(500_000_000L);
            onLoop(loop, () -> { });
            onLoop(loop, () -> { }); // one more turn: a due timer would have run by now
            assertEquals(List.of(), fired, "due 1 s after it was set; only 0.5 s went by");
            clock.advance(600_000_000L);
            CountDownLatch later = new CountDownLatch(1);
            loop.execute(() -> loop.schedule(0, later::countDown));
            assertTrue(later.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("check"), fired);
        }
    }

    /** Runs {@code task} on the loop and waits until it has run. */
    private static void onLoop(CheckLoop loop, Runnable task) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(() -> {
            task.run();
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
    }
}
