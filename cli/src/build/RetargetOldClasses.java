import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step for the CLI's start-up time: rewrites the class files of a jar that were compiled for Java 5 or 6
 * (picocli ships them so) as Java 8 class files with stack maps, unchanged otherwise. The JDK's AOT cache and CDS
 * archive cannot pre-link such old classes, so every `dobby` command would otherwise load and verify them anew.
 *
 * <p>Usage (JDK 25+, as a source file): {@code java RetargetOldClasses.java JAR...}. A jar is rewritten in place
 * only when it holds old classes; if anything fails the jar is left as it was, which costs only start-up time.
 */
public final class RetargetOldClasses {
    private static final int TARGET_MAJOR = 52;

    public static void main(String[] jars) throws IOException {
        for (String jar : jars) {
            Path path = Path.of(jar);
            try {
                int rewritten = retarget(path);
                System.out.println("retarget: " + path.getFileName() + ": " + rewritten + " class files rewritten");
            } catch (RuntimeException | IOException e) {
                System.out.println("retarget: " + path.getFileName() + " left as it was: " + e);
            }
        }
    }

    private static int retarget(Path jar) throws IOException {
        Path rewritten = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
        int count = 0;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (isPlainClass(entry.getName())) {
                    ClassModel model = classFile.parse(bytes);
                    if (model.majorVersion() < TARGET_MAJOR) {
                        bytes = newer(classFile, model);
                        count++;
                    }
                }
                copy(entry, bytes, out);
            }
        }
        if (count == 0) {
            Files.delete(rewritten);
        } else {
            Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        return count;
    }

    private static boolean isPlainClass(String name) {
        return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class");
    }

    /** The same class at the newer version; its code is written afresh so that it gets stack maps. */
    private static byte[] newer(ClassFile classFile, ClassModel model) {
        return classFile.transformClass(model, (builder, element) -> {
            if (element instanceof ClassFileVersion) {
                builder.withVersion(TARGET_MAJOR, 0);
            } else if (element instanceof MethodModel method) {
                builder.transformMethod(method, MethodTransform.transformingCode((code, op) -> code.with(op)));
            } else {
                builder.with(element);
            }
        });
    }

    private static void copy(ZipEntry entry, byte[] bytes, ZipOutputStream out) throws IOException {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
    }
}
