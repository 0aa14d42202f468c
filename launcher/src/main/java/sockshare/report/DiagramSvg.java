package sockshare.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import sockshare.startup.NestedJar;

/**
 * PlantUML text rendered to SVG inside this JVM: no network, no Graphviz (a sequence diagram
 * needs none), and PlantUML's SANDBOX security profile, which denies it every file, URL and
 * environment variable whatever the diagram text asks (the text itself is made inert by
 * {@link PlantUmlText}; the profile is the second wall). PlantUML reads the profile once, from
 * this system property before its environment variable, so it is set before its first use. PlantUML is reached by name, through reflection: it is on the class path when
 * sockshare runs from its build (tests), and a jar nested in sockshare.jar otherwise (see
 * {@link NestedJar}).
 */
final class DiagramSvg {
    private static final String PACKAGE = "net.sourceforge.plantuml.";
    private static final String NESTED = "/nested/plantuml.jar";
    private static final String PROFILE = "PLANTUML_SECURITY_PROFILE";

    private DiagramSvg() {
    }

    /** @return the {@code <svg>} element, without an XML prolog, ready to sit inside an HTML page */
    static String render(String plantUml) throws IOException {
        System.setProperty("java.awt.headless", "true");
        System.setProperty(PROFILE, "SANDBOX");
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        try {
            ClassLoader loader = loader();
            Object profile = Class.forName(PACKAGE + "security.SecurityUtils", true, loader)
                    .getMethod("getSecurityProfile").invoke(null);
            if (!profile.toString().equals("SANDBOX")) {
                throw new IOException("PlantUML runs with security profile " + profile + ", not SANDBOX: no diagram drawn");
            }
            Class<?> format = Class.forName(PACKAGE + "FileFormat", true, loader);
            Class<?> option = Class.forName(PACKAGE + "FileFormatOption", true, loader);
            Class<?> reader = Class.forName(PACKAGE + "SourceStringReader", true, loader);
            Object svgOption = option.getConstructor(format).newInstance(format.getField("SVG").get(null));
            reader.getMethod("outputImage", OutputStream.class, option)
                    .invoke(reader.getConstructor(String.class).newInstance(plantUml), svg, svgOption);
        } catch (InvocationTargetException e) {
            throw new IOException("PlantUML failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IOException("PlantUML is not what sockshare was built with: " + e, e);
        }
        String text = svg.toString(StandardCharsets.UTF_8);
        int start = text.indexOf("<svg");
        if (start < 0) {
            throw new IOException("PlantUML made no SVG from the diagram text");
        }
        return text.substring(start);
    }

    private static ClassLoader loader() throws IOException {
        ClassLoader own = DiagramSvg.class.getClassLoader();
        return own.getResource(PACKAGE.replace('.', '/') + "SourceStringReader.class") != null ? own
                : NestedJar.loader(NESTED, own);
    }
}
