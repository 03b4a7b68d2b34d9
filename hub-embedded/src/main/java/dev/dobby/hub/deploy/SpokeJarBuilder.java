package dev.dobby.hub.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The spoke as one runnable jar, made from the classes this hub itself runs: the spoke agent, the protocol and
 * the few libraries they need, found where their classes were loaded from (jars, or class folders in a build). So
 * a server provisioned by this hub runs exactly this hub's version of the spoke.
 */
public final class SpokeJarBuilder {
    /** One class from each part the spoke needs; a part that is not on the class path is left out. */
    private static final List<String> PARTS = List.of(
            "dev.dobby.agent.spoke.SpokeMain",
            "dev.dobby.protocol.Json",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.core.JsonFactory",
            "com.fasterxml.jackson.annotation.JsonProperty",
            "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule",
            "com.fasterxml.jackson.dataformat.yaml.YAMLFactory",
            "org.yaml.snakeyaml.Yaml",
            "org.slf4j.Logger",
            "org.slf4j.simple.SimpleLogger");
    private static final String MAIN = "dev.dobby.agent.spoke.SpokeMain";

    /** The jar and its hex SHA-256. */
    public record Built(byte[] bytes, String sha256) {
    }

    private SpokeJarBuilder() {
    }

    public static Built build() {
        Set<Path> sources = new LinkedHashSet<>();
        for (String name : PARTS) {
            try {
                Class<?> type = Class.forName(name, false, SpokeJarBuilder.class.getClassLoader());
                var source = type.getProtectionDomain().getCodeSource();
                if (source != null) {
                    sources.add(Path.of(source.getLocation().toURI()));
                }
            } catch (ClassNotFoundException e) {
                if (name.equals(MAIN)) {
                    throw new IllegalStateException("this hub was built without the spoke agent");
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            Set<String> written = new HashSet<>();
            for (Path source : sources) {
                if (Files.isDirectory(source)) {
                    addFolder(out, source, written);
                } else {
                    addJar(out, source, written);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jar = bytes.toByteArray();
        return new Built(jar, sha256(jar));
    }

    private static void addFolder(JarOutputStream out, Path root, Set<String> written) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                try (InputStream in = Files.newInputStream(file)) {
                    add(out, name, in, written);
                }
            }
        }
    }

    private static void addJar(JarOutputStream out, Path jar, Set<String> written) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                if (!entry.isDirectory()) {
                    add(out, entry.getName(), in, written);
                }
            }
        }
    }

    private static void add(JarOutputStream out, String name, InputStream in, Set<String> written) throws IOException {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        // Signatures and module descriptors of the parts would not hold for the merged jar.
        if (upper.equals("META-INF/MANIFEST.MF") || upper.endsWith(".SF") || upper.endsWith(".RSA")
                || upper.endsWith(".DSA") || name.endsWith("module-info.class") || !written.add(name)) {
            return;
        }
        out.putNextEntry(new JarEntry(name));
        in.transferTo(out);
        out.closeEntry();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
