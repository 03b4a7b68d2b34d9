package dev.dobby.agent.spoke;

import dev.dobby.agent.executor.slurm.SlurmOptions;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a spoke runs: {@code dobby agent --hub URL --id NAME [--tag T ...] [--token TOKEN] [--max-concurrent N]
 * [--project NAME=PATH ...] [--home DIR] [--kill-grace SECONDS]}.
 *
 * @param token    the enrolment token (the hub's spoke_token or api_key); null for a hub that needs none
 * @param projects project name to its checkout on this machine, where that differs from the hub's path
 * @param home     where the spoke keeps its worktrees, artifacts and the record of agents it runs
 * @param slurm    with {@code --executor slurm}: how attempts are submitted as Slurm jobs; null to run agents here
 */
public record SpokeOptions(String hubUrl, String id, List<String> tags, String token, int maxConcurrent,
                           Map<String, Path> projects, Path home, Duration killGrace, SlurmOptions slurm) {
    public static final String TOKEN_VARIABLE = "DOBBY_SPOKE_TOKEN";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /**
     * A file holding the enrolment token, rewritten with each credential the hub issues (dobby deploy's servers:
     * their token is single-use, so a restart enrols with the last credential instead).
     */
    public static final String TOKEN_FILE_VARIABLE = "DOBBY_SPOKE_TOKEN_FILE";

    static final String USAGE = "usage: dobby agent --hub URL --id NAME [--tag T ...] [--token TOKEN]"
            + " [--max-concurrent N] [--project NAME=PATH ...] [--home DIR] [--kill-grace SECONDS]"
            + " [--executor local|slurm [--partition P] [--account A] [--qos Q] [--max-jobs N] [--sbatch-arg ARG ...]"
            + " [--gres-name NAME]]";

    public SpokeOptions {
        tags = List.copyOf(tags);
        projects = Map.copyOf(projects);
    }

    /**
     * Check and complete options given by a front end (the CLI): names, absolute existing project paths, the
     * token from {@value #TOKEN_VARIABLE} when none was given, the home from DOBBY_HOME.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static SpokeOptions of(String hubUrl, String id, List<String> tags, String token, Integer maxConcurrent,
                                  List<String> projectMappings, Path home, Map<String, String> env, Path workingDir) {
        if (hubUrl == null || hubUrl.isBlank()) {
            throw new IllegalArgumentException("--hub URL is required (the hub's address, e.g. http://hub:8420)");
        }
        checkUrl(hubUrl.strip());
        if (id == null || !NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("--id must be 1-64 letters, digits, '.', '_' or '-', starting with"
                    + " a letter or digit" + (id == null ? "" : ", not '" + id + "'"));
        }
        for (String tag : tags) {
            if (!NAME.matcher(tag).matches()) {
                throw new IllegalArgumentException("--tag '" + tag + "' must be 1-64 letters, digits, '.', '_' or '-'");
            }
        }
        int slots = maxConcurrent == null ? 1 : maxConcurrent;
        if (slots < 1 || slots > 1_000) {
            throw new IllegalArgumentException("--max-concurrent must be between 1 and 1000");
        }
        Map<String, Path> projects = new LinkedHashMap<>();
        for (String mapping : projectMappings) {
            int eq = mapping.indexOf('=');
            String name = eq < 0 ? "" : mapping.substring(0, eq).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("--project takes NAME=PATH, not '" + mapping + "'");
            }
            projects.put(name, directory(mapping.substring(eq + 1).strip(), workingDir, "--project " + name));
        }
        String effectiveToken = token != null && !token.isBlank() ? token.strip() : env.get(TOKEN_VARIABLE);
        if ((effectiveToken == null || effectiveToken.isBlank()) && env.get(TOKEN_FILE_VARIABLE) != null) {
            effectiveToken = SpokeTokenFile.read(Path.of(env.get(TOKEN_FILE_VARIABLE)));
        }
        Path effectiveHome = home != null ? workingDir.resolve(home)
                : env.get("DOBBY_HOME") != null && !env.get("DOBBY_HOME").isBlank() ? Path.of(env.get("DOBBY_HOME"))
                : Path.of(System.getProperty("user.home"), ".dobby");
        return new SpokeOptions(hubUrl.strip(), id, List.copyOf(new java.util.LinkedHashSet<>(tags)),
                effectiveToken == null || effectiveToken.isBlank() ? null : effectiveToken.strip(), slots, projects,
                effectiveHome.toAbsolutePath().normalize(), Duration.ofSeconds(5), null);
    }

    /**
     * {@code --executor slurm}: each attempt becomes a Slurm job, and the spoke has as many slots as it may have
     * jobs ({@code --max-jobs}, default 10), not as many as this machine has CPUs.
     */
    public SpokeOptions withSlurm(SlurmOptions value) {
        return new SpokeOptions(hubUrl, id, tags, token, value.maxJobs(), projects, home, killGrace, value);
    }

    /**
     * Check the executor flags: {@code local} (the default) takes none of the Slurm ones.
     *
     * @param maxJobs null for the default
     */
    public SpokeOptions withExecutor(String executor, String partition, String account, String qos, Integer maxJobs,
                                     List<String> sbatchArgs, String gresName) {
        String kind = executor == null ? "local" : executor.strip();
        boolean slurmFlags = partition != null || account != null || qos != null || maxJobs != null
                || !sbatchArgs.isEmpty() || gresName != null;
        switch (kind) {
            case "local" -> {
                if (slurmFlags) {
                    throw new IllegalArgumentException("--partition, --account, --qos, --max-jobs, --sbatch-arg and"
                            + " --gres-name need --executor slurm");
                }
                return this;
            }
            case "slurm" -> {
                return withSlurm(new SlurmOptions(partition, account, qos, maxJobs == null ? 10 : maxJobs,
                        sbatchArgs, gresName == null ? "gpu" : gresName, SlurmOptions.DEFAULT_POLL));
            }
            default -> throw new IllegalArgumentException("--executor must be local or slurm, not '" + kind + "'");
        }
    }

    /** Parse a command line (what {@link SpokeMain} is given). */
    public static SpokeOptions parse(String[] args, Map<String, String> env, Path workingDir) {
        String hub = null;
        String id = null;
        String token = null;
        Integer max = null;
        Path home = null;
        Duration grace = null;
        List<String> tags = new ArrayList<>();
        List<String> projects = new ArrayList<>();
        String executor = null;
        String partition = null;
        String account = null;
        String qos = null;
        Integer maxJobs = null;
        String gresName = null;
        List<String> sbatchArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
            }
            switch (flag) {
                case "--hub" -> hub = value;
                case "--id" -> id = value;
                case "--token" -> token = value;
                case "--tag" -> tags.add(value);
                case "--project" -> projects.add(value);
                case "--home" -> home = Path.of(value);
                case "--max-concurrent" -> max = number(value, flag);
                case "--kill-grace" -> grace = killGrace(number(value, flag));
                case "--executor" -> executor = value;
                case "--partition" -> partition = value;
                case "--account" -> account = value;
                case "--qos" -> qos = value;
                case "--max-jobs" -> maxJobs = number(value, flag);
                case "--sbatch-arg" -> sbatchArgs.add(value);
                case "--gres-name" -> gresName = value;
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'\n" + USAGE);
            }
        }
        SpokeOptions options = of(hub, id, tags, token, max, projects, home, env, workingDir);
        options = grace == null ? options : options.withKillGrace(grace);
        return options.withExecutor(executor, partition, account, qos, maxJobs, sbatchArgs, gresName);
    }

    /** {@code --kill-grace SECONDS}, checked. */
    public static Duration killGrace(int seconds) {
        if (seconds < 0 || seconds > 300) {
            throw new IllegalArgumentException("--kill-grace must be between 0 and 300 seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    /** How long an agent gets between SIGTERM and SIGKILL when it is stopped. */
    public SpokeOptions withKillGrace(Duration value) {
        return new SpokeOptions(hubUrl, id, tags, token, maxConcurrent, projects, home, value, slurm);
    }

    /** One address, or a team's several separated by commas. */
    private static void checkUrl(String urls) {
        for (String url : urls.split(",")) {
            try {
                java.net.URI uri = java.net.URI.create(url.strip());
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    continue;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new IllegalArgumentException("--hub must look like http://host:port (several: separated by"
                    + " commas), not '" + url + "'");
        }
    }

    private static int number(String raw, String flag) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, not '" + raw + "'");
        }
    }

    private static Path directory(String raw, Path workingDir, String what) {
        Path path;
        try {
            path = workingDir.resolve(raw).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + ": '" + raw + "' is not a valid path");
        }
        if (raw.isEmpty() || !Files.isDirectory(path)) {
            throw new IllegalArgumentException(what + ": " + path + " is not a directory on this machine");
        }
        return path;
    }
}
