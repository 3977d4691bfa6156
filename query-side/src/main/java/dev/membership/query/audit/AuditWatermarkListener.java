package dev.membership.query.audit;

import dev.membership.api.audit.AuditWatermarkSignal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.stereotype.Component;

/**
 * Listens on PostgreSQL for the notification the audit log sends when its watermark rises
 * ({@link AuditRepository#WATERMARK_CHANNEL}, delivered at commit to every node) and passes it on to the
 * subscribers. It holds one connection of its own, outside the pool; when that connection is lost it reconnects
 * with a growing pause, and signals once on each reconnect for whatever rose meanwhile.
 */
@Component
class AuditWatermarkListener implements AuditWatermarkSignal, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditWatermarkListener.class);
    private static final int WAIT_MILLIS = 1000;
    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(30);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private final DataSource direct;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;

    AuditWatermarkListener(DataSourceProperties properties) {
        this.direct = properties.initializeDataSourceBuilder().type(SimpleDriverDataSource.class).build();
    }

    @Override
    public Subscription subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void listen() {
        long pause = 250;
        while (thread == Thread.currentThread()) {
            try (Connection connection = direct.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + AuditRepository.WATERMARK_CHANNEL);
                pause = 250;
                signal();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                long quietSince = System.nanoTime();
                while (thread == Thread.currentThread()) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        signal();
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > LIVENESS_CHECK.toNanos()) {
                        statement.execute("SELECT 1"); // a connection that died silently fails here
                        quietSince = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                log.debug("Listening for the audit watermark failed; retrying in {} ms: {}", pause, e.toString());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = Math.min(pause * 2, MAX_PAUSE.toMillis());
            }
        }
    }

    private void signal() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("An audit watermark listener failed", e);
            }
        }
    }

    @Override
    public void start() {
        Thread started = new Thread(this::listen, "audit-watermark-listener");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
