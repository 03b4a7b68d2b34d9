package dev.dobby.agent.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What Linux's /proc says about a process: its parent, group, session, owner and command line. */
final class ProcessTree {
    private static final Path PROC = Path.of("/proc");
    private static final int MAX_COMMAND = 200;

    record Stat(long ppid, long pgid, long sid) {
    }

    private ProcessTree() {
    }

    static Optional<Stat> stat(long pid) {
        try {
            String text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses.
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The task whose processes {@code pid} belongs to: its session or group is an agent's supervisor's (they start
     * a session of their own, which whatever the agent starts in the background keeps), or one of its ancestors is
     * a known process. Null when none is.
     */
    static Long owner(long pid, Map<Long, Long> taskByPid) {
        if (taskByPid.isEmpty()) {
            return null;
        }
        long current = pid;
        for (int depth = 0; depth < 64 && current > 1; depth++) {
            Long task = taskByPid.get(current);
            if (task != null) {
                return task;
            }
            Optional<Stat> stat = stat(current);
            if (stat.isEmpty()) {
                return null;
            }
            if (depth == 0) {
                Long bySession = taskByPid.get(stat.get().sid());
                if (bySession != null) {
                    return bySession;
                }
                Long byGroup = taskByPid.get(stat.get().pgid());
                if (byGroup != null) {
                    return byGroup;
                }
            }
            current = stat.get().ppid();
        }
        return null;
    }

    /** Whether {@code pid} is {@code ancestor} or descends from it. */
    static boolean descendsFrom(long pid, long ancestor) {
        long current = pid;
        for (int depth = 0; depth < 64 && current > 1; depth++) {
            if (current == ancestor) {
                return true;
            }
            Optional<Stat> stat = stat(current);
            if (stat.isEmpty()) {
                return false;
            }
            current = stat.get().ppid();
        }
        return false;
    }

    static String user(long pid) {
        try {
            return Files.getOwner(PROC.resolve(Long.toString(pid))).getName();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String command(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            String text = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
            return text.length() > MAX_COMMAND ? text.substring(0, MAX_COMMAND) + "…" : text;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !zombie(pid);
    }

    private static boolean zombie(long pid) {
        try {
            String text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A process that has {@code file} open, if any (the writer of a log). */
    static Optional<Long> holderOf(Path file) {
        Path target = file.toAbsolutePath().normalize();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (Files.readSymbolicLink(fd).equals(target)) {
                                return Optional.of(Long.parseLong(process.getFileName().toString()));
                            }
                        } catch (IOException | UnsupportedOperationException e) {
                            // gone meanwhile, or not a link
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // another user's process, or gone
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
