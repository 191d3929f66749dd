package eu.stratuslab.infra.log;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;
import org.slf4j.LoggerFactory;

public class RateLimitedLogTest {

    @Test
    public void atMostTheQuotaPerWindowThenTheCountOfWhatWasDropped() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.ratelimited");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        AtomicLong now = new AtomicLong();
        RateLimitedLog log = new RateLimitedLog(logger, 3, Duration.ofSeconds(60), now::get);
        for (int i = 0; i < 1000; i++) {
            log.warn("bad request {} from {}", i, "127.0.0.1");
        }
        assertEquals(3, lines.list.size());
        assertEquals(997, log.suppressed());
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertFalse(log.warn("still the same window"));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(log.warn("next window {}", 1));
        List<String> text = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of("bad request 0 from 127.0.0.1", "bad request 1 from 127.0.0.1", "bad request 2 from 127.0.0.1",
                "998 similar line(s) not logged (at most 3 per 60 s)", "next window 1"), text);
        logger.detachAppender(lines);
    }
}
