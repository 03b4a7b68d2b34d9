package dev.dobby.agent.supervisor;

import java.io.File;

/** Where perl is: every Linux distribution and macOS ship it, and supervisors need nothing else. */
final class Perl {
    private static final String PATH = find();

    private Perl() {
    }

    static String path() {
        return PATH;
    }

    private static String find() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File candidate = new File(dir, "perl");
                if (candidate.isFile() && candidate.canExecute()) {
                    return candidate.getAbsolutePath();
                }
            }
        }
        return "/usr/bin/perl";
    }
}
