package keepalivedj.daemon.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import keepalivedj.healthcheck.io.LinuxSockets;
import org.junit.jupiter.api.Test;

class EventLoopTest {
    @Test
    void timersFireInDeadlineOrderAndTasksFromOtherThreadsRunOnTheLoop() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> errors = new ArrayList<>();
        EventLoop loop = new EventLoop(() -> System.nanoTime() / 1000, errors::add);
        AtomicLong loopThread = new AtomicLong();
        // The loop stops once both the last timer and the task from the other thread have run, however late
        // the other thread gets to post on a loaded machine.
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        Runnable finish = () -> {
            if (done.incrementAndGet() == 2) {
                loop.stop();
            }
        };
        loop.post(() -> {
            loopThread.set(Thread.currentThread().getId());
            long now = loop.nowUs();
            loop.at(now + 30_000, () -> {
                seen.add("c");
                finish.run();
            });
            loop.at(now + 10_000, () -> seen.add("a"));
            loop.at(now + 20_000, () -> {
                throw new IllegalStateException("a failing task does not stop the loop");
            });
            loop.at(now + 20_000, () -> seen.add("b"));
        });
        Thread other = new Thread(() -> loop.post(() -> {
            seen.add("posted:" + (Thread.currentThread().getId() == loopThread.get()));
            finish.run();
        }));
        Thread runner = new Thread(loop::run);
        runner.start();
        Thread.sleep(5);
        other.start();
        runner.join(10_000);
        assertTrue(!runner.isAlive(), "the loop stopped");
        assertTrue(seen.remove("posted:true"), "the task posted from another thread ran on the loop: " + seen);
        assertEquals(List.of("a", "b", "c"), seen);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0) instanceof IllegalStateException);
    }

    @Test
    void aTimerInThePastRunsAtOnce() throws Exception {
        List<String> seen = new ArrayList<>();
        EventLoop loop = new EventLoop(() -> System.nanoTime() / 1000, e -> { });
        loop.post(() -> loop.at(0, () -> {
            seen.add("past");
            loop.stop();
        }));
        Thread runner = new Thread(loop::run);
        runner.start();
        runner.join(5_000);
        assertEquals(List.of("past"), seen);
    }

    @Test
    void aLoopParkedWithoutTimersWakesForEachPostAndForStop() throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        EventLoop loop = new EventLoop(() -> System.nanoTime() / 1000, e -> { });
        Thread runner = new Thread(loop::run);
        runner.start();
        for (int k = 0; k < 200; k++) {
            int n = k;
            java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
            loop.post(() -> {
                seen.add(n);
                ran.countDown();
            });
            assertTrue(ran.await(5, java.util.concurrent.TimeUnit.SECONDS), "post " + k + " woke the loop");
            if (k % 50 == 0) {
                Thread.sleep(20); // let the loop park for good between some of the posts
            }
        }
        Thread.sleep(20);
        loop.stop();
        runner.join(5_000);
        assertTrue(!runner.isAlive(), "stop() woke the parked loop and ended it");
        assertEquals(200, seen.size());
    }

    /**
     * A loop that wakes late (a loaded machine) finds both an advert posted by a receive thread and the
     * Adver_Timer due: the advert was received first, so it runs first (a master that received a higher-priority
     * advert goes BACKUP and cancels the timer instead of sending one more advert, RFC 5798 §6.4.3). A timer whose
     * deadline came before the post still runs first.
     */
    @Test
    void aLateLoopRunsPostedTasksAndDueTimersInTheOrderTheyHappened() throws Exception {
        AtomicLong clock = new AtomicLong(1_000);
        List<String> seen = new ArrayList<>();
        EventLoop loop = new EventLoop(clock::get, e -> { });
        loop.at(1_150, () -> seen.add("Adver_Timer due at 1150"));
        loop.at(1_300, () -> seen.add("Adver_Timer due at 1300"));
        clock.set(1_100);
        loop.post(() -> seen.add("advert received at 1100"));
        clock.set(1_200);
        loop.post(() -> seen.add("advert received at 1200"));
        clock.set(1_400); // the loop thread only gets the CPU now, after both deadlines
        loop.post(loop::stop);
        Thread runner = new Thread(loop::run);
        runner.start();
        runner.join(5_000);
        assertTrue(!runner.isAlive(), "the loop stopped");
        assertEquals(List.of("advert received at 1100", "Adver_Timer due at 1150", "advert received at 1200",
                "Adver_Timer due at 1300"), seen);
    }

    /**
     * What VrrpDaemon's held Master_Down_Timer relies on: a timer armed at "now" while posted tasks wait runs
     * after every task posted until then, and hasPosted tells whether any wait.
     */
    @Test
    void aTimerArmedAtNowRunsAfterTheTasksPostedUntilNow() throws Exception {
        AtomicLong clock = new AtomicLong(1_000);
        List<String> seen = new ArrayList<>();
        EventLoop loop = new EventLoop(clock::get, e -> { });
        assertTrue(!loop.hasPosted());
        loop.at(1_050, () -> {
            seen.add("Master_Down_Timer due at 1050, posted waiting: " + loop.hasPosted());
            loop.at(loop.nowUs(), () -> {
                seen.add("retried at " + loop.nowUs());
                loop.stop();
            });
        });
        clock.set(1_100);
        loop.post(() -> seen.add("advert posted at 1100"));
        clock.set(1_200); // the loop thread only gets the CPU now
        assertTrue(loop.hasPosted());
        Thread runner = new Thread(loop::run);
        runner.start();
        runner.join(5_000);
        assertTrue(!runner.isAlive(), "the loop stopped");
        assertEquals(List.of("Master_Down_Timer due at 1050, posted waiting: true", "advert posted at 1100",
                "retried at 1200"), seen);
    }

    /**
     * A repeating send that the loop lets its kernel wait run: frames arrive (here over loopback UDP: the wait's
     * send is one send(2) on any socket), the task accounts for them in order with their send times, a post wakes
     * the wait and the wait goes on after it, and once the task has nothing to repeat the loop runs it itself.
     */
    @Test
    void aRepeatingSendIsSentByTheKernelWaitAndAccountedForInOrder() throws Exception {
        try (LoopbackSink sink = new LoopbackSink(5000)) {
            EventLoop.Repeat repeat = new EventLoop.Repeat(sink.sender(), new byte[60], 0, 20_000);
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            List<Long> sentAt = Collections.synchronizedList(new ArrayList<>());
            List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
            EventLoop loop = new EventLoop(() -> System.nanoTime() / 1000, errors::add);
            loop.sendRepeatsInKernel(LinuxSockets.TimerWait.open());
            AtomicBoolean repeating = new AtomicBoolean(true);
            class Advert implements EventLoop.RepeatingSend {
                @Override
                public void run() { // the loop ran the timer itself
                    seen.add("run");
                    loop.at(loop.nowUs() + 20_000, new Advert());
                }

                @Override
                public EventLoop.Repeat repeat() {
                    return repeating.get() ? repeat : null;
                }

                @Override
                public void repeated(long[] at, int count) {
                    assertTrue(loop.onLoopThread());
                    for (int k = 0; k < count; k++) {
                        seen.add("sent");
                        sentAt.add(at[k]);
                    }
                    loop.at(at[count - 1] + 20_000, new Advert());
                }
            }
            long start = loop.nowUs();
            loop.post(() -> loop.at(start + 20_000, new Advert()));
            Thread runner = new Thread(loop::run);
            runner.start();
            Thread.sleep(150);
            loop.post(() -> seen.add("posted")); // wakes the wait; the adverts before it are accounted first
            Thread.sleep(100);
            loop.post(() -> {
                repeating.set(false); // from now on the loop runs the timer itself
                seen.add("posted");
            });
            Thread.sleep(100);
            loop.stop();
            runner.join(10_000);
            assertTrue(!runner.isAlive(), "the loop stopped");
            assertEquals(List.of(), errors);
            int firstPost = seen.indexOf("posted");
            int secondPost = seen.lastIndexOf("posted");
            assertTrue(firstPost >= 3 && seen.subList(0, firstPost).stream().allMatch("sent"::equals),
                    "about 7 adverts sent by the wait before the first post: " + seen);
            assertTrue(seen.subList(firstPost + 1, secondPost).stream().allMatch("sent"::equals)
                    && secondPost - firstPost > 2, "the wait goes on after a post: " + seen);
            assertTrue(seen.subList(secondPost + 1, seen.size()).stream().allMatch("run"::equals)
                    && seen.size() - secondPost > 2, "no repeat: the loop runs the timer: " + seen);
            for (int k = 1; k < sentAt.size(); k++) {
                assertTrue(sentAt.get(k) - sentAt.get(k - 1) >= 20_000, "spacing " + sentAt);
            }
            long wire = seen.stream().filter("sent"::equals).count();
            for (long k = 0; k < wire; k++) {
                assertEquals(60, sink.receive(), "frame " + k);
            }
        }
    }

    /** With another timer due before the repeat's second send, the loop parks and runs the timer itself. */
    @Test
    void aRepeatingSendWithATimerCloseBehindIsRunByTheLoop() throws Exception {
        try (LoopbackSink sink = new LoopbackSink(300)) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            EventLoop loop = new EventLoop(() -> System.nanoTime() / 1000, e -> seen.add("error " + e));
            loop.sendRepeatsInKernel(LinuxSockets.TimerWait.open());
            EventLoop.Repeat repeat = new EventLoop.Repeat(sink.sender(), new byte[60], 0, 50_000);
            EventLoop.RepeatingSend advert = new EventLoop.RepeatingSend() {
                @Override
                public void run() {
                    seen.add("run");
                }

                @Override
                public EventLoop.Repeat repeat() {
                    return repeat;
                }

                @Override
                public void repeated(long[] at, int count) {
                    seen.add("repeated " + count);
                }
            };
            long start = loop.nowUs();
            loop.post(() -> {
                loop.at(start + 20_000, advert);
                loop.at(start + 60_000, () -> seen.add("other")); // before the second send at ~70 ms
                loop.at(start + 100_000, loop::stop);
            });
            Thread runner = new Thread(loop::run);
            runner.start();
            runner.join(10_000);
            assertTrue(!runner.isAlive(), "the loop stopped");
            assertEquals(List.of("run", "other"), seen);
            assertThrows(SocketTimeoutException.class, sink::receive, "the kernel wait sent nothing");
        }
    }

    /** A UDP socket connected to a receiver on loopback: what the kernel wait sends on it arrives there. */
    private static final class LoopbackSink implements AutoCloseable {
        private final LinuxSockets sockets = new LinuxSockets();
        private final DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final int fd;

        LoopbackSink(int timeoutMs) throws IOException {
            receiver.setSoTimeout(timeoutMs);
            fd = sockets.udpSocket(receiver.getLocalAddress());
            assertTrue(fd >= 0, "socket: " + fd);
            assertEquals(0, sockets.connect(fd, (InetSocketAddress) receiver.getLocalSocketAddress(), 0));
        }

        LinuxSockets.FrameSender sender() {
            return LinuxSockets.frameSender(fd);
        }

        /** The length of the next datagram. */
        int receive() throws IOException {
            DatagramPacket got = new DatagramPacket(new byte[200], 200);
            receiver.receive(got);
            return got.getLength();
        }

        @Override
        public void close() {
            sockets.closeFd(fd);
            receiver.close();
        }
    }
}
