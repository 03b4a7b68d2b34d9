import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Dobby's icon, drawn in code: this file is the source. It draws the icon afresh at every size (so small sizes
 * stay crisp) and writes what each OS wants:
 *
 *   icons/dobby.png              1024 px master (Linux .desktop, jpackage on Linux)
 *   icons/png/dobby-N.png        16 ... 1024 px
 *   icons/dobby.ico              Windows (16-256 px, PNG-compressed entries)
 *   icons/dobby.icns             macOS (16-1024 px, PNG-compressed entries)
 *   app/src/main/resources/dev/dobby/app/icons/dobby-N.png   window and tray icons (16-256 px)
 *
 * Regenerate from the repository root with any JDK 11+:  java icons/IconTool.java
 */
public final class IconTool {
    private static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512, 1024};

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Path icons = root.resolve("icons");
        Path pngs = Files.createDirectories(icons.resolve("png"));
        Path resources = Files.createDirectories(root.resolve("app/src/main/resources/dev/dobby/app/icons"));
        Map<Integer, byte[]> encoded = new LinkedHashMap<>();
        for (int size : SIZES) {
            byte[] png = png(draw(size));
            encoded.put(size, png);
            Files.write(pngs.resolve("dobby-" + size + ".png"), png);
            if (size <= 256 && size != 24 && size != 48) {
                Files.write(resources.resolve("dobby-" + size + ".png"), png);
            }
        }
        Files.write(icons.resolve("dobby.png"), encoded.get(1024));
        Files.write(icons.resolve("dobby.ico"), ico(encoded, List.of(16, 24, 32, 48, 64, 128, 256)));
        Files.write(icons.resolve("dobby.icns"), icns(encoded));
        System.out.println("icons written under " + icons.toAbsolutePath().normalize());
    }

    /** A rounded square in indigo-to-teal, the hub as a bright disc, five spokes around it. */
    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        double s = size;
        double inset = s * 0.06;
        double body = s - 2 * inset;
        g.setPaint(new GradientPaint(0, (float) inset, new Color(0x3B2A8F), 0, (float) (s - inset),
                new Color(0x0E8C8C)));
        g.fill(new RoundRectangle2D.Double(inset, inset, body, body, body * 0.42, body * 0.42));

        double cx = s / 2;
        double cy = s / 2 + s * 0.01;
        double ring = body * 0.31;
        double spoke = Math.max(1.6, body * 0.085);
        double hub = Math.max(2.5, body * 0.15);
        g.setStroke(new BasicStroke((float) Math.max(1, body * 0.035), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int spokes = size <= 16 ? 4 : 5;
        double[][] points = new double[spokes][2];
        for (int i = 0; i < spokes; i++) {
            double angle = -Math.PI / 2 + 2 * Math.PI * i / spokes;
            points[i][0] = cx + ring * Math.cos(angle);
            points[i][1] = cy + ring * Math.sin(angle);
        }
        g.setColor(new Color(255, 255, 255, 150));
        for (double[] p : points) {
            g.draw(new Line2D.Double(cx, cy, p[0], p[1]));
        }
        Color[] colours = {new Color(0x7EE787), new Color(0x7EE787), new Color(0xF2CC60), new Color(0x7EE787),
                new Color(0xFF9492)};
        for (int i = 0; i < spokes; i++) {
            g.setColor(colours[i % colours.length]);
            g.fill(new Ellipse2D.Double(points[i][0] - spoke, points[i][1] - spoke, 2 * spoke, 2 * spoke));
        }
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(cx - hub, cy - hub, 2 * hub, 2 * hub));
        g.setColor(new Color(0x3B2A8F));
        double eye = hub * 0.42;
        g.fill(new Ellipse2D.Double(cx - eye, cy - eye, 2 * eye, 2 * eye));
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** ICO with PNG entries (Windows Vista and later read these). */
    static byte[] ico(Map<Integer, byte[]> encoded, List<Integer> sizes) {
        int headers = 6 + 16 * sizes.size();
        int total = headers + sizes.stream().mapToInt(n -> encoded.get(n).length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort((short) 0).putShort((short) 1).putShort((short) sizes.size());
        int offset = headers;
        for (int size : sizes) {
            byte[] data = encoded.get(size);
            buffer.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            buffer.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            buffer.putInt(data.length).putInt(offset);
            offset += data.length;
        }
        sizes.forEach(n -> buffer.put(encoded.get(n)));
        return buffer.array();
    }

    /** ICNS with PNG entries, standard and @2x slots. */
    static byte[] icns(Map<Integer, byte[]> encoded) {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024);
        types.put("ic11", 32);
        types.put("ic12", 64);
        types.put("ic13", 256);
        types.put("ic14", 512);
        int total = 8 + types.values().stream().mapToInt(n -> 8 + encoded.get(n).length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        buffer.put("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(total);
        types.forEach((type, size) -> {
            byte[] data = encoded.get(size);
            buffer.put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + data.length).put(data);
        });
        return buffer.array();
    }
}
