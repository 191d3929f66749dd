package eu.stratuslab.authn.support;

import java.util.List;

import org.junit.rules.ExternalResource;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** What one logger (and those below it) logs during a test, for tests that check the log itself. */
public final class CapturedLog extends ExternalResource {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public CapturedLog(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    }

    @Override
    protected void before() {
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    protected void after() {
        logger.detachAppender(appender);
        appender.stop();
    }

    /** The events so far, oldest first (a live list: read it once the logging is done). */
    public List<ILoggingEvent> events() {
        return appender.list;
    }

    /** The formatted messages so far, oldest first. */
    public List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
