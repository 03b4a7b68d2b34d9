package dev.dobby.protocol.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubUnreachableException;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.AttemptRef;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.HeartbeatReply;
import dev.dobby.protocol.work.LogAck;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.Outcome;
import dev.dobby.protocol.work.ProcessStarted;
import dev.dobby.protocol.work.WorkApi;
import dev.dobby.protocol.work.WorkerHello;
import dev.dobby.protocol.work.WorkerSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The worker protocol over HTTP, for remote spokes. {@link #register} presents the enrolment token and keeps the
 * per-spoke credential the hub answers with; every later call presents that credential, and calls about an
 * attempt also carry its fencing token ({@value Routes#ATTEMPT_TOKEN_HEADER}).
 *
 * <p>Registration and polling retry by themselves, with {@link Backoff} on "not now" answers (429, 5xx) and
 * connection errors: registration until the hub answers, a poll until its wait is over (then it reports no work).
 * Each poll asks for a wait with a little random jitter, so spokes that started together drift apart. The other
 * calls are single exchanges: their callers know the deadlines (heartbeat timer, attempt lease) and retry
 * themselves. A 4xx other than 408/429 is never retried: it is thrown as the {@link ApiException} it is.
 */
public final class WorkHttpClient implements WorkApi {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    /** How much longer than the poll's wait the client listens before it gives up on the answer. */
    private static final Duration POLL_SLACK = Duration.ofSeconds(15);

    /** Told about every failed try that will be repeated, so the caller can log it. */
    @FunctionalInterface
    public interface RetryListener {
        void retrying(String what, RuntimeException failure, Duration wait);
    }

    private final HubUrls urls;
    private volatile String enrolmentToken;
    private volatile java.util.function.Consumer<String> credentialKeeper;
    private final RetryListener retries;
    private final ObjectMapper json = Json.lenient();
    private final Backoff pollBackoff;
    private final Backoff registerBackoff;
    private volatile String credential;

    public WorkHttpClient(String baseUrl, String enrolmentToken, RetryListener retries) {
        this(baseUrl, enrolmentToken, retries, Backoff.standard());
    }

    /** @param backoff the policy for polls; registration uses a copy of the same bounds */
    public WorkHttpClient(String baseUrl, String enrolmentToken, RetryListener retries, Backoff backoff) {
        this.urls = new HubUrls(baseUrl, HubHttpClient::normalize);
        this.enrolmentToken = enrolmentToken == null || enrolmentToken.isBlank() ? null : enrolmentToken.strip();
        this.retries = retries == null ? (what, failure, wait) -> { } : retries;
        this.pollBackoff = backoff;
        this.registerBackoff = backoff.copy();
    }

    /** The hub this spoke talks to now (of a team's several: the one that answered last). */
    public String baseUrl() {
        return urls.current();
    }

    /**
     * Enrol with each new credential from now on, handing it to {@code keeper} to keep: for spokes whose
     * enrolment token was single-use (dobby deploy), so that a restart registers again with the last credential.
     */
    public void keepCredentials(java.util.function.Consumer<String> keeper) {
        this.credentialKeeper = keeper;
    }

    // ---- spoke

    @Override
    public WorkerSession register(WorkerHello hello) {
        while (true) {
            try {
                WorkerSession session = exchange("POST", Routes.SPOKES_REGISTER, enrolmentToken, null, hello,
                        CALL_TIMEOUT, WorkerSession.class).orElseThrow(() -> new ApiException(502,
                        "the hub answered the registration with no body"));
                registerBackoff.reset();
                if (session.token() == null || session.token().isBlank()) {
                    throw new ApiException(502, "the hub did not issue a spoke credential");
                }
                credential = session.token();
                java.util.function.Consumer<String> keeper = credentialKeeper;
                if (keeper != null) {
                    enrolmentToken = credential;
                    keeper.accept(credential);
                }
                return session;
            } catch (RuntimeException e) {
                if (!Backoff.isTransient(e)) {
                    throw e;
                }
                Duration wait = registerBackoff.next();
                retries.retrying("registering with " + baseUrl(), e, wait);
                if (!Backoff.sleep(wait)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<Assignment> poll(String workerId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long leftMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (leftMillis <= 0) {
                return Optional.empty();
            }
            long asked = jittered(leftMillis);
            try {
                Optional<Assignment> answer = exchange("POST", Routes.path(Routes.SPOKE_POLL, workerId)
                                + "?wait_ms=" + asked, requireCredential(), null, null,
                        Duration.ofMillis(asked).plus(POLL_SLACK), Assignment.class);
                pollBackoff.reset();
                return answer;
            } catch (RuntimeException e) {
                if (!Backoff.isTransient(e)) {
                    throw e;
                }
                Duration pause = pollBackoff.next();
                retries.retrying("polling " + baseUrl(), e, pause);
                if (!Backoff.sleep(pause)) {
                    return Optional.empty();
                }
            }
        }
    }

    /** Between 90 % and 100 % of what is left, at least a second. */
    private static long jittered(long leftMillis) {
        if (leftMillis <= 1_000) {
            return leftMillis;
        }
        return Math.max(1_000, leftMillis - ThreadLocalRandom.current().nextLong(leftMillis / 10 + 1));
    }

    @Override
    public HeartbeatReply heartbeat(Heartbeat heartbeat) {
        return exchange("POST", Routes.path(Routes.SPOKE_HEARTBEAT, heartbeat.workerId()), requireCredential(), null,
                heartbeat, CALL_TIMEOUT, HeartbeatReply.class)
                .orElseThrow(() -> new ApiException(502, "the hub answered a heartbeat with no body"));
    }

    @Override
    public void deregister(String workerId) {
        exchange("POST", Routes.path(Routes.SPOKE_DEREGISTER, workerId), requireCredential(), null, null,
                CALL_TIMEOUT, Void.class);
    }

    @Override
    public dev.dobby.protocol.gpu.GpuReportReply reportGpus(dev.dobby.protocol.gpu.GpuReport report) {
        return exchange("POST", Routes.path(Routes.SPOKE_GPUS, report.workerId()), requireCredential(), null,
                report, CALL_TIMEOUT, dev.dobby.protocol.gpu.GpuReportReply.class)
                .orElseThrow(() -> new ApiException(502, "the hub answered a GPU report with no body"));
    }

    // ---- attempts

    @Override
    public void started(AttemptRef attempt, long pid, Instant processStart) {
        exchange("POST", Routes.path(Routes.ATTEMPT_STARTED, attempt.attemptId()), requireCredential(),
                attempt.token(), new ProcessStarted(pid, processStart), CALL_TIMEOUT, Void.class);
    }

    @Override
    public void placed(AttemptRef attempt, dev.dobby.protocol.work.Placement placement) {
        exchange("POST", Routes.path(Routes.ATTEMPT_PLACEMENT, attempt.attemptId()), requireCredential(),
                attempt.token(), placement, CALL_TIMEOUT, Void.class);
    }

    @Override
    public LogAck appendLog(AttemptRef attempt, LogChunk chunk) {
        return exchange("POST", Routes.path(Routes.ATTEMPT_LOGS, attempt.attemptId()), requireCredential(),
                attempt.token(), chunk, CALL_TIMEOUT, LogAck.class)
                .orElseThrow(() -> new ApiException(502, "the hub answered a log chunk with no body"));
    }

    @Override
    public void finish(AttemptRef attempt, Outcome outcome) {
        exchange("POST", Routes.path(Routes.ATTEMPT_FINISH, attempt.attemptId()), requireCredential(),
                attempt.token(), outcome, CALL_TIMEOUT, Void.class);
    }

    // ---- plumbing

    private String requireCredential() {
        String value = credential;
        if (value == null) {
            throw new IllegalStateException("register first: the spoke has no credential yet");
        }
        return value;
    }

    /** One request; 204 and bodies of type Void come back empty. */
    private <T> Optional<T> exchange(String method, String path, String bearer, String attemptToken, Object body,
                                     Duration readTimeout, Class<T> type) {
        // A change of hub shows as a failure the caller's retry handles; the retry goes where the answer pointed.
        String baseUrl = urls.current();
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
        } catch (IOException e) {
            throw new HubUnreachableException(baseUrl, e);
        }
        try {
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
            connection.setRequestProperty("Accept", "application/json");
            if (bearer != null) {
                connection.setRequestProperty("Authorization", "Bearer " + bearer);
            }
            if (attemptToken != null) {
                connection.setRequestProperty(Routes.ATTEMPT_TOKEN_HEADER, attemptToken);
            }
            byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            // Not streaming mode: with it, HttpURLConnection drops the body of a 401 that carries WWW-Authenticate,
            // and the spoke could not say why it was refused.
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
            int status = connection.getResponseCode();
            if (status == 503) {
                urls.follow(baseUrl, HubUrls.leaderOf(connection));
            }
            if (status >= 400) {
                throw HubHttpClient.errorFrom(status, connection);
            }
            try (InputStream in = connection.getInputStream()) {
                if (status == 204 || type == Void.class) {
                    in.readAllBytes();
                    return Optional.empty();
                }
                return Optional.of(json.readValue(in, type));
            }
        } catch (JsonProcessingException e) {
            throw new ApiException(502, "the answer from " + baseUrl + " is not what a Dobby hub sends: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            urls.skip(baseUrl);
            throw new HubUnreachableException(baseUrl, e);
        }
    }
}
