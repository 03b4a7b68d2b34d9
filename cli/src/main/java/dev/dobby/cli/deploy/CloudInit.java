package dev.dobby.cli.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cloud-init user-data of a new spoke server: Java from the OS's packages, the hub's own spoke jar checked
 * against the checksum the hub gave, a systemd unit, and a single-use enrolment token (never the hub's key) in a
 * file the spoke replaces with its own credential once registered. Written with a YAML library, so no value can
 * break out of its field; values are checked as well, since they also end up in a unit file and a shell script.
 */
public final class CloudInit {
    public static final String TOKEN_FILE = "/etc/dobby/spoke.token";
    public static final String JAR = "/opt/dobby/dobby-spoke.jar";
    public static final String FETCH_SCRIPT = "/opt/dobby/fetch-spoke.sh";
    public static final String UNIT = "/etc/systemd/system/dobby-spoke.service";
    public static final String HOME = "/var/lib/dobby";
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** What a hub URL may hold here: no quote, space, % (a systemd specifier) or shell character. */
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.\\-:\\[\\]]+(/[A-Za-z0-9._~/\\-]*)?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private CloudInit() {
    }

    /** @param hubUrl where the server reaches the hub (its hub_url) */
    public static String render(String hubUrl, String name, List<String> tags, String enrolmentToken, String jarSha256) {
        String hub = hubUrl.endsWith("/") ? hubUrl.substring(0, hubUrl.length() - 1) : hubUrl;
        if (!URL.matcher(hub).matches()) {
            throw new IllegalArgumentException("the hub's hub_url '" + hubUrl + "' is not a plain http(s) address");
        }
        check(name, "name");
        tags.forEach(t -> check(t, "tag"));
        if (!SHA256.matcher(jarSha256).matches()) {
            throw new IllegalArgumentException("the hub gave no SHA-256 for its spoke jar");
        }
        if (!enrolmentToken.matches("[A-Za-z0-9_-]{20,200}")) {
            throw new IllegalArgumentException("the hub's enrolment token has an unexpected form");
        }
        StringBuilder exec = new StringBuilder("/usr/bin/java -jar " + JAR + " --hub " + hub + " --id " + name
                + " --home " + HOME);
        tags.forEach(t -> exec.append(" --tag ").append(t));
        String unit = String.join("\n",
                "[Unit]",
                "Description=Dobby spoke " + name,
                "After=network-online.target",
                "Wants=network-online.target",
                "",
                "[Service]",
                "User=dobby",
                "Environment=DOBBY_SPOKE_TOKEN_FILE=" + TOKEN_FILE,
                "ExecStart=" + exec,
                "KillMode=mixed",
                "TimeoutStopSec=1h",
                "Restart=on-failure",
                "RestartSec=5",
                "",
                "[Install]",
                "WantedBy=multi-user.target",
                "");
        String fetch = String.join("\n",
                "#!/bin/sh",
                "# The hub's own spoke jar, accepted only with the SHA-256 the hub gave when this server was made.",
                "set -eu",
                "root=\"${DOBBY_ROOT:-}\"",
                "mkdir -p \"$root/opt/dobby\"",
                "curl -fsS --retry 10 --retry-delay 5 --retry-all-errors -o \"$root" + JAR + ".part\" '" + hub
                        + "/downloads/dobby-spoke.jar'",
                "printf '%s  %s\\n' '" + jarSha256 + "' \"$root" + JAR + ".part\" | sha256sum -c -",
                "mv \"$root" + JAR + ".part\" \"$root" + JAR + "\"",
                "");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("write_files", List.of(
                file(TOKEN_FILE, "0600", enrolmentToken + "\n"),
                file(FETCH_SCRIPT, "0755", fetch),
                file(UNIT, "0644", unit)));
        List<Object> run = new ArrayList<>();
        // Debian 12 has no Java 21; 13 has 21, later releases 25.
        run.add(List.of("sh", "-c", "apt-get update && (apt-get install -y --no-install-recommends"
                + " openjdk-21-jre-headless || apt-get install -y --no-install-recommends openjdk-25-jre-headless)"
                + " && apt-get install -y --no-install-recommends curl perl git"));
        run.add(List.of("useradd", "--system", "--create-home", "--home-dir", HOME, "--shell", "/usr/sbin/nologin",
                "dobby"));
        run.add(List.of("chown", "-R", "dobby:dobby", "/etc/dobby"));
        run.add(List.of(FETCH_SCRIPT));
        run.add(List.of("systemctl", "daemon-reload"));
        run.add(List.of("systemctl", "enable", "--now", "dobby-spoke.service"));
        config.put("runcmd", run);
        try {
            ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build());
            return "#cloud-config\n# Dobby spoke " + name + " for " + hub + ", made by dobby deploy\n"
                    + yaml.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> file(String path, String permissions, String content) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("path", path);
        f.put("permissions", permissions);
        f.put("content", content);
        return f;
    }

    private static void check(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("a " + what + " must be letters, digits, '.', '_' or '-' (at most 64),"
                    + " not '" + value + "'");
        }
    }
}
