package dev.dobby.protocol;

/**
 * A request for a single-use enrolment token (POST /enrolments).
 *
 * @param ttl seconds it stays usable; null for {@link #DEFAULT_TTL}
 */
public record NewEnrolment(String spokeId, Integer ttl) {
    /** Long enough for a new server to boot and install Java; short enough to be useless afterwards. */
    public static final int DEFAULT_TTL = 3600;
    public static final int MAX_TTL = 24 * 3600;
}
