package dev.couponkernel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM a host imports lists every published module of the build at the build's version (a module
 * whose pom sets {@code maven.deploy.skip}, such as the examples, the benchmarks and the Hibernate 7
 * test run, is not published), and the README's "Add it to your build" names that version; a module added to the build without the BOM, or a version bumped in
 * one place only, fails here.
 */
class BomTest {


    @Test
    void theBomListsEveryPublishedModuleAtTheBuildsVersion() throws Exception {
        Document parent = read(Path.of("../pom.xml"));
        String version = child(parent.getDocumentElement(), "version");
        Set<String> published = new TreeSet<>();
        for (String module : texts(element(parent.getDocumentElement(), "modules"), "module")) {
            Document pom = read(Path.of("..", module, "pom.xml"));
            Element properties = element(pom.getDocumentElement(), "properties");
            boolean deployed = properties == null || !"true".equals(child(properties, "maven.deploy.skip"));
            if (deployed && !module.equals("coupon-kernel-bom")) {
                published.add(child(pom.getDocumentElement(), "artifactId"));
            }
        }
        assertThat(published).contains("coupon-spi", "coupon-core", "coupon-jdbc", "coupon-jpa", "coupon-jackson");

        Document bom = read(Path.of("../coupon-kernel-bom/pom.xml"));
        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(version);
        assertThat(bom.getElementsByTagName("parent").getLength()).as("a BOM without a parent manages nothing of the host's").isZero();
        Set<String> listed = new TreeSet<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(child(d, "groupId")).isEqualTo("dev.couponkernel");
            assertThat(child(d, "version")).as(child(d, "artifactId")).isEqualTo(version);
            listed.add(child(d, "artifactId"));
        }
        assertThat(listed).isEqualTo(published);

        String readme = Files.readString(Path.of("../README.md"));
        String section = readme.substring(readme.indexOf("## Add it to your build"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        assertThat(section).contains("<artifactId>coupon-kernel-bom</artifactId>", "<version>" + version + "</version>",
                "platform(\"dev.couponkernel:coupon-kernel-bom:" + version + "\")");
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of an element's direct child. */
    private static String child(Element e, String name) {
        Element c = element(e, name);
        return c == null ? null : c.getTextContent().strip();
    }

    private static Element element(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static List<String> texts(Element e, String name) {
        List<String> texts = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                texts.add(c.getTextContent().strip());
            }
        }
        return texts;
    }
}
