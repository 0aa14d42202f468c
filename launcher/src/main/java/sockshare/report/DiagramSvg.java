package sockshare.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;

/** PlantUML text rendered to SVG inside this JVM: no network, no Graphviz (a sequence diagram needs none). */
final class DiagramSvg {
    private DiagramSvg() {
    }

    /** @return the {@code <svg>} element, without an XML prolog, ready to sit inside an HTML page */
    static String render(String plantUml) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        new SourceStringReader(plantUml).outputImage(svg, new FileFormatOption(FileFormat.SVG));
        String text = svg.toString(StandardCharsets.UTF_8);
        int start = text.indexOf("<svg");
        if (start < 0) {
            throw new IOException("PlantUML made no SVG from the diagram text");
        }
        return text.substring(start);
    }
}
