package dev.dobby.app.usage;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.app.fx.Problems;
import dev.dobby.app.fx.Reloader;
import dev.dobby.app.tasks.Times;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.UsageText;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskFinished;
import dev.dobby.protocol.event.TaskProgress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Each agent account's rate-limit windows as the agents last reported them, in words ("5-hour window", "42% used",
 * "resets in 3h 17m"); no raw window names or timestamps. An empty list means nothing was reported: "unknown".
 */
public final class UsageViewModel {
    private static final List<String> WINDOW_ORDER = List.of("five_hour", "seven_day", "seven_day_opus",
            "seven_day_sonnet");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /** One window: its name, the share used (null: unknown), "42% used" or "unknown", and what else is known. */
    public record Window(String key, String name, Double fraction, String figure, String detail) {
    }

    /** One account: "local/claude · subscription", a line when it is out of quota, its windows. */
    public record Account(String name, String heading, String exhausted, String none, List<Window> windows) {
    }

    private final ObservableList<Account> accounts = FXCollections.observableArrayList();
    private final StringProperty problem = new SimpleStringProperty("");
    private final Reloader<List<UsageWindow>> loader;
    private final Clock clock;
    private final ZoneId zone;

    public UsageViewModel(HubApi api, Background background, Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.loader = new Reloader<>(background, api::usage, this::loaded, e -> problem.set(Problems.describe(e)));
    }

    public void refresh() {
        loader.request();
    }

    /** New figures arrive with an agent's progress. */
    public void onEvents(EventBridge.Batch batch) {
        for (HubEvent event : batch.hub()) {
            if (event instanceof TaskProgress || event instanceof TaskFinished) {
                loader.request();
                return;
            }
        }
    }

    private void loaded(List<UsageWindow> all) {
        problem.set("");
        accounts.setAll(accounts(all, clock.instant(), zone));
    }

    static List<Account> accounts(List<UsageWindow> all, Instant now, ZoneId zone) {
        Map<String, List<UsageWindow>> byAccount = new LinkedHashMap<>();
        all.stream()
                .sorted(Comparator.comparing(UsageViewModel::accountName))
                .forEach(w -> byAccount.computeIfAbsent(accountName(w), k -> new ArrayList<>()).add(w));
        List<Account> out = new ArrayList<>();
        byAccount.forEach((name, windows) -> {
            String login = windows.stream().filter(UsageWindow::isLogin).map(UsageWindow::status).findFirst()
                    .orElse(null);
            List<UsageWindow> shown = windows.stream().filter(w -> !w.isLogin())
                    .sorted(Comparator.comparing(UsageViewModel::rank).thenComparing(w -> String.valueOf(w.window())))
                    .toList();
            String heading = name + (UsageWindow.API_KEY.equals(login) ? " · API key"
                    : UsageWindow.SUBSCRIPTION.equals(login) ? " · subscription" : "");
            String exhausted = shown.stream().filter(w -> UsageText.exhausted(w, now)).findFirst()
                    .map(w -> "Out of quota: its tasks wait until the limit resets at "
                            + CLOCK_TIME.format(w.resetsAt().atZone(zone)) + " ("
                            + UsageText.resets(w.resetsAt(), now) + ").")
                    .orElse(null);
            String none = !shown.isEmpty() ? null : UsageWindow.API_KEY.equals(login)
                    ? "No quota data (API key): usage is billed per token." : "No usage figures reported yet.";
            out.add(new Account(name, heading, exhausted, none, shown.stream().map(w -> window(w, now)).toList()));
        });
        return out;
    }

    private static String accountName(UsageWindow w) {
        return w.account() != null ? w.account() : w.backend() != null ? w.backend().wire() : "unknown account";
    }

    private static int rank(UsageWindow w) {
        int at = WINDOW_ORDER.indexOf(w.window());
        return at < 0 ? WINDOW_ORDER.size() : at;
    }

    static Window window(UsageWindow w, Instant now) {
        Double fraction = w.utilization() == null ? null : Math.clamp(w.utilization(), 0.0, 1.0);
        String figure = fraction == null ? "unknown" : String.format(Locale.ROOT, "%.0f%% used", fraction * 100);
        List<String> detail = new ArrayList<>();
        if (w.status() != null && !"allowed".equals(w.status())) {
            detail.add(w.status().replace('_', ' '));
        }
        if (w.resetsAt() != null) {
            detail.add(UsageText.resets(w.resetsAt(), now));
        }
        if (w.reportedAt() != null) {
            // A worker's clock may run a little ahead: a report is never "in 2 s".
            detail.add(w.reportedAt().isAfter(now.minusSeconds(5)) ? "reported just now"
                    : "reported " + Times.relative(w.reportedAt(), now));
        }
        return new Window(w.window(), capitalised(UsageText.windowName(w.window())), fraction, figure,
                String.join(" · ", detail));
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    public ObservableList<Account> accounts() {
        return accounts;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
