package dev.dobby.hub.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Reading files below a folder that an agent controls without following any symbolic link. Each step opens the
 * next folder relative to the one already open (openat), so a link swapped in between a check and the open cannot
 * lead the hub out of the folder.
 */
final class LinkFreeFiles {
    private LinkFreeFiles() {
    }

    /** {@code root/relative} for reading; fails when any part of it below {@code root} is a link or missing. */
    static InputStream open(Path root, Path relative) throws IOException {
        try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
            if (top instanceof SecureDirectoryStream<Path> secure) {
                return open(secure, relative, 0);
            }
        }
        return openChecked(root, relative);
    }

    private static InputStream open(SecureDirectoryStream<Path> dir, Path relative, int index) throws IOException {
        Path name = relative.getName(index);
        if (index == relative.getNameCount() - 1) {
            SeekableByteChannel channel = dir.newByteChannel(name, Set.of(StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS));
            return Channels.newInputStream(channel);
        }
        try (SecureDirectoryStream<Path> next = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            return open(next, relative, index + 1);
        }
    }

    /** Where the platform has no openat: check every step, then open the file itself without following a link. */
    private static InputStream openChecked(Path root, Path relative) throws IOException {
        Path current = root;
        for (Path name : relative) {
            current = current.resolve(name);
            if (Files.isSymbolicLink(current)) {
                throw new FileSystemException(current.toString(), null, "a symbolic link");
            }
        }
        return Files.newInputStream(current, LinkOption.NOFOLLOW_LINKS);
    }
}
