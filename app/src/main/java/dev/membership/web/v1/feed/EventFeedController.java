package dev.membership.web.v1.feed;

import dev.membership.api.audit.AuditEntry;
import dev.membership.api.audit.AuditPage;
import dev.membership.api.audit.AuditWatermarkSignal;
import dev.membership.api.audit.FindAuditEntriesQuery;
import dev.membership.api.role.Permission;
import dev.membership.api.shared.Actor;
import dev.membership.api.shared.ErrorCode;
import dev.membership.api.shared.InvalidParam;
import dev.membership.api.shared.MembershipException;
import dev.membership.security.Callers;
import dev.membership.security.OrganizationAccess;
import dev.membership.web.format.AcceptHeader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.PreDestroy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Every event in global order as CloudEvents: a page after a position, or a Server-Sent Events stream whose
 * {@code id:} is the position, resumable with {@code Last-Event-ID}. Platform admins read every organization;
 * an organization's Owners, Admins and Auditors read that organization with {@code org}. Only positions below
 * the audit watermark are served, so a late commit is never skipped. A stream reads as soon as the watermark
 * rises on any node ({@link AuditWatermarkSignal}), and polls as well in case a signal is lost.
 * <p>
 * Each stream reads and writes on a thread of its own while it has something to do (taken from a pool that keeps
 * idle threads a minute), so a client that stops reading, whose writes wait on full socket buffers until the
 * server's write timeout, holds up only its own stream; the open streams are bounded, and so are these threads. At
 * most {@value #READS_AT_ONCE} streams read the store at once, so the feed never takes more connections than that.
 * The events read and not yet written are bounded in bytes, in all and per caller ({@link BytesInFlight}): a stream
 * reserves room for a batch before it reads (without holding a turn to read meanwhile) and gives it back event by
 * event as it writes, so a stalled client holds at most one batch's room (or its first event, when that alone is
 * larger), and one caller's stalled clients at most that caller's share.
 */
@RestController
class EventFeedController {

    static final MediaType BATCH = MediaType.parseMediaType("application/cloudevents-batch+json");
    static final int MAX_LIMIT = 1000;
    static final int STREAM_BATCH = 500;
    static final int BATCHES_PER_READ = 10;
    static final int READS_AT_ONCE = 2;
    /** A stream's read ends once its entries hold this many bytes (its first entry is always taken). */
    static final long STREAM_BATCH_BYTES = 256 * 1024;
    /** What an entry weighs besides its payload and subject ids: its other fields. */
    static final int ENTRY_OVERHEAD_BYTES = 256;
    /**
     * The room a stream reserves before it reads a batch: all that batch can weigh unless its first entry is larger.
     */
    static final long BATCH_RESERVATION = STREAM_BATCH_BYTES + (long) STREAM_BATCH * ENTRY_OVERHEAD_BYTES;

    private final QueryGateway queries;
    private final AuditWatermarkSignal watermark;
    private final OrganizationAccess access;
    private final CloudEventMapper cloudEvents;
    private final Duration heartbeat;
    private final Duration poll;
    private final int maxStreams;
    private final int maxStreamsPerCaller;
    private final AtomicInteger streams = new AtomicInteger();
    /** Open streams by caller (token subject), so that one caller cannot hold every stream of the node. */
    private final Map<String, Integer> callers = new ConcurrentHashMap<>();
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    /** Polls and heartbeats: it only asks a stream's thread to run, so no client can hold it up. */
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("event-feed-ticks"));
    /**
     * The streams' reads and writes, one thread per stream at most while it has work (see {@link CoalescedRuns}),
     * and the completion of streams whose writes may wait on their clients.
     */
    private final ExecutorService followers;
    private final Semaphore reads = new Semaphore(READS_AT_ONCE, true);
    /** Bytes of events read and not yet written, weighed by {@link #weight}. */
    private final BytesInFlight room;

    EventFeedController(QueryGateway queries, AuditWatermarkSignal watermark, OrganizationAccess access,
            CloudEventMapper cloudEvents, @Value("${membership.feed.heartbeat:PT5S}") Duration heartbeat,
            @Value("${membership.feed.poll-interval:PT1S}") Duration poll,
            @Value("${membership.feed.max-streams:200}") int maxStreams,
            @Value("${membership.feed.max-streams-per-caller:10}") int maxStreamsPerCaller,
            @Value("${membership.feed.max-bytes-in-flight:33554432}") long maxBytesInFlight,
            @Value("${membership.feed.max-bytes-in-flight-per-caller:8388608}") long maxBytesInFlightPerCaller) {
        this.queries = queries;
        this.watermark = watermark;
        this.access = access;
        this.cloudEvents = cloudEvents;
        this.heartbeat = heartbeat;
        this.poll = poll;
        this.maxStreams = maxStreams;
        this.maxStreamsPerCaller = maxStreamsPerCaller;
        if (maxStreams < 1 || maxStreams > 10_000 || maxStreamsPerCaller < 1) {
            throw new IllegalArgumentException("membership.feed.max-streams must be 1 to 10,000 and "
                    + "membership.feed.max-streams-per-caller at least 1");
        }
        if (poll.toMillis() < 1 || heartbeat.toMillis() < 1) {
            throw new IllegalArgumentException("membership.feed.poll-interval and membership.feed.heartbeat must be "
                    + "at least 1 ms");
        }
        long share = Math.min(maxBytesInFlightPerCaller, maxBytesInFlight);
        if (share < BATCH_RESERVATION) {
            throw new IllegalArgumentException("membership.feed.max-bytes-in-flight and its -per-caller share must be "
                    + "at least " + BATCH_RESERVATION + ", one batch of a stream");
        }
        this.room = new BytesInFlight(maxBytesInFlight, share);
        // a thread per open stream, and as many again for streams ending while a thread still waits on its client
        this.followers = new ThreadPoolExecutor(0, 2 * maxStreams + 16, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemon("event-feed"));
    }

    /** A page of the event feed: CloudEvents in global order after {@code after}; {@code Link} names the next page. */
    @Operation(operationId = "listEvents")
    @GetMapping("/v1/events")
    @ApiResponse(responseCode = "200", description = "A page of events as a CloudEvents batch; the Link header names "
            + "the next page", content = @Content(mediaType = "application/cloudevents-batch+json",
            array = @ArraySchema(schema = @Schema(type = "object", description = "A CloudEvent (structured JSON)"))))
    ResponseEntity<byte[]> page(@RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit,
            @RequestParam(required = false) UUID org,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, Actor actor) {
        UUID scope = authorize(org, actor);
        requireBatchAccepted(accept);
        AuditPage page = queries.query(FindAuditEntriesQuery.all(scope, after, limit), AuditPage.class).join();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        for (int i = 0; i < page.items().size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(cloudEvents.toJson(page.items().get(i)));
        }
        body.write(']');
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(BATCH);
        if (page.next() != null) {
            response.header("Link", "</v1/events?after=" + page.next() + "&limit=" + limit
                    + (org == null ? "" : "&org=" + org) + ">; rel=\"next\"");
        }
        return response.body(body.toByteArray());
    }

    /** A page is a CloudEvents batch, which is JSON: a client that takes neither is answered 406. */
    private static void requireBatchAccepted(String accept) {
        List<String> values = accept == null ? List.of() : List.of(accept);
        if (!AcceptHeader.readable(values)) {
            throw new MembershipException(ErrorCode.NOT_ACCEPTABLE, "The Accept header cannot be read.");
        }
        if (!AcceptHeader.admits(values, BATCH) && !AcceptHeader.admits(values, MediaType.APPLICATION_JSON)) {
            throw new MembershipException(ErrorCode.NOT_ACCEPTABLE,
                    "Pages of the event feed are served as application/cloudevents-batch+json; the stream is /v1/events/stream.");
        }
    }

    /**
     * HEAD of the stream: the same checks and headers, and no stream. (Served as a GET, a HEAD would open a stream
     * whose writes go nowhere, so its client's leaving would never be noticed and its place held for an hour.)
     */
    @Operation(operationId = "checkEventStream")
    @RequestMapping(value = "/v1/events/stream", method = RequestMethod.HEAD, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<Void> streamHead(@RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(required = false) UUID org,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId, Actor actor) {
        authorize(org, actor);
        resumeFrom(lastEventId, after);
        streamLifetime();
        // what a GET would hear now: its stream refused while the caller's places, or the node's, are all taken
        if (callers.getOrDefault(actor.subject(), 0) >= maxStreamsPerCaller) {
            throw new MembershipException(ErrorCode.UNAVAILABLE, "This caller has " + maxStreamsPerCaller
                    + " event streams open already; close one, or retry later.");
        }
        if (streams.get() >= maxStreams) {
            throw new MembershipException(ErrorCode.UNAVAILABLE, "Too many open event streams; retry later.");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).build();
    }

    /**
     * How long a stream opened now may last, in milliseconds: an hour at most, and no longer than the caller's token
     * is valid; a 401 for a token already past its expiry (accepted within the verifier's allowance for clock skew,
     * but a stream would end at once).
     */
    private static long streamLifetime() {
        long lifetime = Duration.ofHours(1).toMillis();
        Instant expiry = Callers.currentExpiry().orElse(null);
        if (expiry == null) {
            return lifetime;
        }
        long left = Duration.between(Instant.now(), expiry).toMillis();
        if (left <= 0) {
            throw new MembershipException(ErrorCode.UNAUTHENTICATED, "The token has expired; open the stream with a new one.");
        }
        return Math.min(lifetime, left);
    }

    /** The event feed as Server-Sent Events named {@code cloudevent}, from {@code after} or {@code Last-Event-ID}. */
    @Operation(operationId = "streamEvents")
    @GetMapping(value = "/v1/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ApiResponse(responseCode = "200", description = "Server-Sent Events: each event named cloudevent, its id the "
            + "position, its data a CloudEvent (structured JSON); comments keep the connection open",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    SseEmitter stream(@RequestParam(defaultValue = "0") @Min(0) long after, @RequestParam(required = false) UUID org,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId, Actor actor) {
        UUID scope = authorize(org, actor);
        long start = resumeFrom(lastEventId, after);
        long lifetime = streamLifetime();
        String caller = actor.subject();
        if (callers.merge(caller, 1, Integer::sum) > maxStreamsPerCaller) {
            closed(caller);
            throw new MembershipException(ErrorCode.UNAVAILABLE, "This caller has " + maxStreamsPerCaller
                    + " event streams open already; close one, or retry later.");
        }
        if (streams.incrementAndGet() > maxStreams) {
            streams.decrementAndGet();
            closed(caller);
            throw new MembershipException(ErrorCode.UNAVAILABLE, "Too many open event streams; retry later.");
        }
        // from here on the places taken are given back once, however opening the stream fails (an Error too)
        Follower follower = null;
        boolean opened = false;
        try {
            SseEmitter emitter = new SseEmitter(lifetime);
            emitter.send(SseEmitter.event().comment("open")); // the headers go out now, not with the first event
            follower = new Follower(emitter, scope, start, actor);
            Follower following = follower;
            emitter.onCompletion(following::end);
            // after an hour, or as the token expires, the stream ends; its client resumes with Last-Event-ID
            emitter.onTimeout(following::expire);
            emitter.onError(error -> following.end());
            follower.start();
            opened = true;
            return emitter;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!opened) {
                if (follower != null) {
                    follower.end();
                } else {
                    streams.decrementAndGet();
                    closed(caller);
                }
            }
        }
    }

    /** One stream of the caller's ended (or was refused). */
    private void closed(String caller) {
        callers.computeIfPresent(caller, (subject, open) -> open > 1 ? open - 1 : null);
    }

    /**
     * Ends the open streams as the service begins to stop, so that a graceful shutdown does not wait for them;
     * their clients resume elsewhere with {@code Last-Event-ID}.
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        open.forEach(this::completeLater);
    }

    /**
     * Completes a stream on another thread: completing waits for a write under way, which waits on the client (up
     * to the server's write timeout when it has stopped reading).
     */
    private void completeLater(SseEmitter emitter) {
        try {
            followers.execute(emitter::complete);
        } catch (RejectedExecutionException busy) {
            Thread completing = new Thread(emitter::complete, "event-feed-end");
            completing.setDaemon(true);
            completing.start();
        }
    }

    /**
     * What an event weighs in {@link #room}: as a page of the audit log counts it (its payload, 36 bytes per subject
     * id), and a share for its other fields. The heap holds a few times that while it is written.
     */
    private static long weight(AuditEntry event) {
        return event.payload().length() + 36L * event.subjectIds().size() + ENTRY_OVERHEAD_BYTES;
    }

    private static long weight(AuditPage events) {
        long bytes = 0;
        for (AuditEntry event : events.items()) {
            bytes += weight(event);
        }
        return bytes;
    }

    /** Bytes of events read and not yet written, for tests. */
    long bytesInFlight() {
        return room.used();
    }

    @PreDestroy
    void stopStreams() {
        ticks.shutdownNow();
        followers.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Sends new events and heartbeats to one subscriber, one read at a time, when woken or polled. */
    private final class Follower {

        private final SseEmitter emitter;
        private final UUID scope;
        private final Actor actor;
        private final String caller;
        private final long tickNanos = Math.min(poll.toNanos(), heartbeat.toNanos());
        private long cursor;
        private long lastSent = System.nanoTime();
        private long lastRead = 0;
        private volatile boolean stopped;
        private volatile boolean woken;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile AuditWatermarkSignal.Subscription wakeUps;
        private volatile ScheduledFuture<?> ticking;
        private final CoalescedRuns runs = new CoalescedRuns(followers, this::read);
        /** Held while the stream is read and written: one read at a time, and no end in the middle of a write. */
        private final ReentrantLock writing = new ReentrantLock();

        Follower(SseEmitter emitter, UUID scope, long cursor, Actor actor) {
            this.emitter = emitter;
            this.scope = scope;
            this.cursor = cursor;
            this.actor = actor;
            this.caller = actor.subject();
        }

        void start() {
            open.add(emitter);
            wakeUps = watermark.subscribe(this::wake);
            ticking = ticks.scheduleWithFixedDelay(this::tick, 0, TimeUnit.NANOSECONDS.toMillis(tickNanos),
                    TimeUnit.MILLISECONDS);
            if (ended.get()) { // ended while starting
                ticking.cancel(false);
                wakeUps.close();
            }
        }

        /** The stream ended, whichever way: it stops reading, and its place is given back once. */
        void end() {
            stopped = true;
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            open.remove(emitter);
            if (wakeUps != null) {
                wakeUps.close();
            }
            if (ticking != null) {
                ticking.cancel(false);
            }
            streams.decrementAndGet();
            closed(caller);
        }

        /**
         * The stream's time is up: it ends at once when no write is under way, so its client reads the end of the
         * stream (completed later, the time limit's own handling could close the connection first, mid-stream), or
         * once the write under way is done.
         */
        void expire() {
            end();
            if (writing.tryLock()) {
                try {
                    emitter.complete();
                } finally {
                    writing.unlock();
                }
            } else {
                completeLater(emitter);
            }
        }

        /** The watermark rose: read now rather than at the next poll (one read waiting at most). */
        void wake() {
            if (!stopped) {
                woken = true;
                runs.request();
            }
        }

        /** Time for a poll or a heartbeat, if due. */
        void tick() {
            if (!stopped) {
                runs.request();
            }
        }

        /**
         * Reads when woken, or when the poll interval has passed since the last read; sends a heartbeat when due.
         * Ticks are timed on another thread, so an interval counts as passed half a tick early rather than be missed
         * by a hair and wait a whole tick more.
         */
        private void read() {
            writing.lock();
            try {
                readLocked();
            } finally {
                writing.unlock();
            }
        }

        private void readLocked() {
            if (stopped) {
                return;
            }
            try {
                if (woken || System.nanoTime() - lastRead >= poll.toNanos() - tickNanos / 2) {
                    woken = false;
                    lastRead = System.nanoTime();
                    send();
                }
                if (System.nanoTime() - lastSent >= heartbeat.toNanos() - tickNanos / 2) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    lastSent = System.nanoTime();
                }
            } catch (IOException | RuntimeException e) {
                // the subscriber went away, or the store is unavailable: it resumes with Last-Event-ID
                end();
                emitter.complete(); // on this thread no write is under way
            }
        }

        /**
         * The caller may still read the organization's events: checked after each read that found some, before they
         * are sent (within the limit on reads at once), so a member removed or demoted is sent nothing written after
         * that (the change is visible to the check as soon as it is committed, before the audit log has the event,
         * and what was read before the check was written before the change). A refusal ends the stream; resuming
         * then answers 404 or 403. A platform admin's scope does not change while the token is valid.
         */
        private void stillAllowed() {
            if (scope != null && !actor.platformAdmin()) {
                access.require(scope, actor, Permission.AUDIT_READ);
            }
        }

        /** Sends what is readable, a few batches at a time; a follower far behind reads on at once after that. */
        private void send() throws IOException {
            for (int batch = 0; batch < BATCHES_PER_READ; batch++) {
                long held = waitForRoom();
                if (held < 0) {
                    return; // the stream ended while it waited for room
                }
                try {
                    AuditPage events;
                    reads.acquireUninterruptibly();
                    try {
                        events = queries.query(FindAuditEntriesQuery.all(scope, cursor, STREAM_BATCH)
                                .withMaxBytes(STREAM_BATCH_BYTES), AuditPage.class).join();
                        if (!events.items().isEmpty()) {
                            stillAllowed();
                        }
                    } finally {
                        reads.release();
                    }
                    long weight = weight(events);
                    if (weight > held) {
                        room.overdraw(caller, weight - held); // its first entry alone is larger than a batch
                    } else {
                        room.release(caller, held - weight);
                    }
                    held = weight;
                    for (AuditEntry event : events.items()) {
                        emitter.send(SseEmitter.event().id(Long.toString(event.position())).name("cloudevent")
                                .data(cloudEvents.toJsonText(event), MediaType.APPLICATION_JSON));
                        cursor = event.position();
                        lastSent = System.nanoTime();
                        long written = weight(event);
                        room.release(caller, written);
                        held -= written;
                    }
                    if (events.next() == null) { // a batch may end early when its entries are large
                        return;
                    }
                } finally {
                    room.release(caller, held);
                }
            }
            wake(); // more to read: after a turn of the other streams at the store
        }

        /**
         * Reserves room for a batch, sending heartbeats while it waits (the streams holding the room may wait on
         * their clients up to the server's write timeout); {@code -1} when the stream ended meanwhile.
         */
        private long waitForRoom() throws IOException {
            while (true) {
                long held;
                try {
                    held = room.reserve(caller, BATCH_RESERVATION, () -> stopped, tickNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the service is stopping
                    return -1;
                }
                if (held >= 0 || stopped) {
                    return held;
                }
                if (System.nanoTime() - lastSent >= heartbeat.toNanos() - tickNanos / 2) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    lastSent = System.nanoTime();
                }
            }
        }
    }

    private UUID authorize(UUID org, Actor actor) {
        if (org != null) {
            access.require(org, actor, Permission.AUDIT_READ);
            return org;
        }
        if (!actor.platformAdmin()) {
            throw new MembershipException(ErrorCode.FORBIDDEN,
                    "Only platform admins read every organization's events; pass org=<organization id>.");
        }
        return null;
    }

    private static long resumeFrom(String lastEventId, long after) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return after;
        }
        try {
            // ASCII digits only, as the positions the stream sends: not "+5", "0x5" or other scripts' digits
            if (!lastEventId.strip().matches("[0-9]{1,19}")) {
                throw new NumberFormatException();
            }
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            throw new MembershipException(ErrorCode.INVALID_REQUEST, "Last-Event-ID must be an event position.",
                    List.of(new InvalidParam("Last-Event-ID", "Not a position")));
        }
    }
}
