package dev.dobby.hub.store.postgres;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where a PostgreSQL store lives: {@code postgresql://host[:port]/database[?sslmode=…]}, with the user in the URL or
 * the environment and the password only in the environment or a file, so that no setting, log line or process
 * list shows it. {@link #toString()} never includes the password.
 *
 * <p>Environment: {@code DOBBY_DB_USER} (or {@code PGUSER}), {@code DOBBY_DB_PASSWORD_FILE} (a file holding the
 * password), {@code DOBBY_DB_PASSWORD} (or {@code PGPASSWORD}).
 */
public record PostgresUrl(String host, int port, String database, String query, String user, String password) {
    public static final String SCHEME = "postgresql://";

    public static boolean isPostgres(String url) {
        return url != null && (url.startsWith(SCHEME) || url.startsWith("postgres://"));
    }

    public static PostgresUrl parse(String url, Map<String, String> env) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("db_url is not a URL: " + e.getReason());
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("db_url must start with postgresql://");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("db_url needs a host and a database: postgresql://host[:port]/database");
        }
        String user = null;
        if (uri.getRawUserInfo() != null) {
            if (uri.getRawUserInfo().contains(":")) {
                throw new IllegalArgumentException("db_url must not hold a password: put it in DOBBY_DB_PASSWORD_FILE"
                        + " or DOBBY_DB_PASSWORD");
            }
            user = uri.getUserInfo();
        }
        if (user == null) {
            user = firstOf(env, "DOBBY_DB_USER", "PGUSER");
        }
        return new PostgresUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
                uri.getRawQuery(), user, password(env));
    }

    private static String password(Map<String, String> env) {
        String file = env.get("DOBBY_DB_PASSWORD_FILE");
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read DOBBY_DB_PASSWORD_FILE " + file + ": " + e.getMessage());
            }
        }
        return firstOf(env, "DOBBY_DB_PASSWORD", "PGPASSWORD");
    }

    private static String firstOf(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database
                + (query == null ? "" : "?" + query);
    }

    public Properties properties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "dobby-hub");
        return properties;
    }

    @Override
    public String toString() {
        return SCHEME + (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
    }
}
