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

class NioLoopTest {

    @Test
    @DisplayName("a task that throws is counted and the loop goes on; cancelled timers never run; order by time")
    void survivesAndOrders() throws Exception {
        try (NioLoop loop = new NioLoop(new SystemTicker(), "hc-test")) {
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
}
