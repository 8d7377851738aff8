package keepalivedj.daemon.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
}
