package eu.stratuslab.quarantine;

import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link QuarantineCleaner} every {@code CLEANUP_INTERVAL} with Quartz (the design's
 * choice, in place of the original's cron jobs): an in-memory scheduler of its own with one
 * daemon worker, runs never overlap, a run missed while the service was busy is skipped rather
 * than repeated. The first run comes one interval after {@link #start}.
 */
public final class CleanupSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CleanupSchedule.class);
    /** Quartz keeps schedulers in a JVM-wide registry by name: each instance needs its own. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Scheduler scheduler;

    private CleanupSchedule(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public static CleanupSchedule start(QuarantineCleaner cleaner, Duration every) {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "stratuslab-quarantine-" + INSTANCES.incrementAndGet());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "quarantine-cleanup");
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        try {
            Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
            scheduler.setJobFactory((bundle, s) -> new CleanupJob(cleaner));
            JobDetail job = JobBuilder.newJob(CleanupJob.class).withIdentity("quarantine-cleanup").build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("every-cleanup-interval")
                    .startAt(new Date(System.currentTimeMillis() + every.toMillis()))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(every.toMillis())
                            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.scheduleJob(job, trigger);
            scheduler.start();
            LOG.info("quarantine cleanup scheduled every {}", every);
            return new CleanupSchedule(scheduler);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule the quarantine cleanup: " + e.getMessage(), e);
        }
    }

    /** Stops the schedule; a run in progress finishes first. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("stopping the quarantine cleanup schedule: {}", e.toString());
        }
    }

    @DisallowConcurrentExecution
    static final class CleanupJob implements Job {
        private final QuarantineCleaner cleaner;

        CleanupJob(QuarantineCleaner cleaner) {
            this.cleaner = cleaner;
        }

        @Override
        public void execute(JobExecutionContext context) {
            try {
                cleaner.cleanOnce();
            } catch (RuntimeException e) {
                LOG.warn("quarantine cleanup failed: {}", e.toString(), e); // the next run tries again
            }
        }
    }
}
