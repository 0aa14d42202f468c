package sockshare.lab;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import sockshare.model.RunResult;

/**
 * A graded lab as a JUnit XML report in the layout Maven Surefire writes (one testsuite, a
 * testcase per prediction, a failure for each miss or blank), which CI systems and GitHub
 * Classroom read. A lab that could not be graded is one testcase with an error.
 */
final class JUnitReport {
    private JUnitReport() {
    }

    static String of(Grade grade) throws XMLStreamException {
        RunResult run = grade.run();
        long failures = grade.graded().size() - grade.correct();
        StringWriter text = new StringWriter();
        XMLStreamWriter xml = start(text, grade.lab(), grade.graded().size(), failures, 0);
        property(xml, "kernel", run.kernel());
        property(xml, "jdk", run.jdk());
        property(xml, "score", Long.toString(grade.correct()));
        property(xml, "percent", Integer.toString(grade.percent()));
        for (int i = 0; i < grade.notes().size(); i++) {
            property(xml, "note." + (i + 1), grade.notes().get(i));
        }
        xml.writeEndElement();
        for (Graded p : grade.graded()) {
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", clean(p.id() + ": " + p.asked()));
            xml.writeAttribute("classname", "lab." + clean(grade.lab().name()));
            xml.writeAttribute("time", "0");
            if (!p.holds()) {
                xml.writeStartElement("failure");
                xml.writeAttribute("type", p.answered() ? "wrong prediction" : "not answered");
                xml.writeAttribute("message", clean("observed " + p.observed() + "; predicted " + LabReport.written(p)));
                xml.writeCharacters(clean(p.explanation() == null ? "" : p.explanation()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        return end(xml, text);
    }

    static String error(Lab lab, String error) throws XMLStreamException {
        StringWriter text = new StringWriter();
        XMLStreamWriter xml = start(text, lab, 1, 0, 1);
        xml.writeEndElement();
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", "the lab file");
        xml.writeAttribute("classname", "lab." + (lab == null ? "unknown" : clean(lab.name())));
        xml.writeAttribute("time", "0");
        xml.writeStartElement("error");
        xml.writeAttribute("type", "bad input");
        xml.writeAttribute("message", clean(error));
        xml.writeEndElement();
        xml.writeEndElement();
        return end(xml, text);
    }

    private static XMLStreamWriter start(StringWriter text, Lab lab, long tests, long failures, long errors)
            throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", "lab." + (lab == null ? "unknown" : clean(lab.name())));
        xml.writeAttribute("tests", Long.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", Long.toString(errors));
        xml.writeAttribute("skipped", "0");
        xml.writeStartElement("properties");
        property(xml, "lab", lab == null ? "" : lab.name());
        property(xml, "version", lab == null ? "" : lab.version());
        property(xml, "max_score", Integer.toString(lab == null ? 0 : lab.maxScore()));
        return xml;
    }

    private static String end(XMLStreamWriter xml, StringWriter text) throws XMLStreamException {
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return text + "\n";
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", clean(value));
    }

    /** @return the text without the characters XML 1.0 cannot hold (received bytes may be any) */
    private static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> sb.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c > 0xFFFF ? c : 0xFFFD));
        return sb.toString();
    }
}
