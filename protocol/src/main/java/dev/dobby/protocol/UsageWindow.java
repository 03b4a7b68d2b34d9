package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * How much of a rate-limit window an agent account has used, as the agent last reported it.
 *
 * @param account     which login or key this is about, as far as the hub can tell ("claude", "codex")
 * @param window      the window's name as reported ("five_hour", "seven_day", ...)
 * @param utilization 0..1, or null when the agent reported a status but no figure
 * @param status      the agent's word for it ("allowed", "allowed_warning", "rejected")
 *
 * <p>One row per account is not a window: {@link #LOGIN} says how the account logs in, {@link #SUBSCRIPTION} (it
 * has usage windows) or {@link #API_KEY} (billed per token: it never reports any, so there is nothing to show).
 */
public record UsageWindow(String account, Backend backend, String window, Double utilization, String status,
                          Instant resetsAt, Instant reportedAt) {
    public static final String LOGIN = "login";
    public static final String SUBSCRIPTION = "subscription";
    public static final String API_KEY = "api_key";

    /** Whether this row is the account's login kind rather than a usage window. */
    @JsonIgnore
    public boolean isLogin() {
        return LOGIN.equals(window);
    }
}
