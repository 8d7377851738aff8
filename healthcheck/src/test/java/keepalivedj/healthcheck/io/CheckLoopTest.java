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
                        fds[2] = sys.eventFd();
                        heard.add(fds[2] == other ? "reused" : "not reused");
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

    @Test
    @DisplayName("timers of many delays (more than there are lanes) and cancellations fire in time order, once each")
    void timersInTimeOrder() throws Exception {
        try (CheckLoop loop = new CheckLoop(new SystemTicker(), "hc-test")) {
            List<Long> firedDue = new CopyOnWriteArrayList<>();
            List<Integer> firedIds = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            int n = 400;
            java.util.Set<Integer> cancelled = java.util.concurrent.ConcurrentHashMap.newKeySet();
            loop.execute(() -> {
                for (int i = 0; i < n; i++) {
                    int id = i;
                    // 25 distinct delays, each used over and over, set in an order that is not their time order
                    long delay = (1 + (i * 7) % 25) * 2_000_000L;
                    // taken just before the loop takes its own: setting 400 timers takes longer than their spacing
                    long due = System.nanoTime() + delay;
                    Timers.Cancellable c = loop.schedule(delay, () -> {
                        firedDue.add(due);
                        firedIds.add(id);
                    });
                    if (i % 5 == 0) {
                        c.cancel();
                        cancelled.add(id);
                    }
                }
                loop.schedule(200_000_000, done::countDown);
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(n - cancelled.size(), firedIds.size());
            assertEquals(firedIds.size(), new java.util.HashSet<>(firedIds).size(), "each timer once");
            for (int id : firedIds) {
                assertTrue(!cancelled.contains(id), "cancelled timer " + id + " ran");
            }
            for (int i = 1; i < firedDue.size(); i++) {
                // each due time is the loop's within microseconds: a timer that ran before an earlier one is > 1 ms off
                assertTrue(firedDue.get(i) - firedDue.get(i - 1) > -1_000_000, "out of order at " + i);
            }
        }
    }
}
