package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

/**
 * What Maven Central would get: kiln-bom names every published module of the reactor, and each one has its jar
 * (with an Automatic-Module-Name), a sources jar, a javadoc jar and a self-contained POM with the metadata Central
 * requires, leaking none of kiln-parent's test pins. The jars and POMs are the ones installed into this build's
 * local repository; the sources and javadoc jars are read from the modules' target folders, where deploy takes
 * them from (the invoker installs a reactor module's main artifact only).
 */
class PublishedArtifactsTest {
    /** The reactor modules that are not published; every other one must be in kiln-bom. */
    private static final List<String> NOT_PUBLISHED = List.of("kiln-examples", "kiln-it");
    private static final String VERSION = System.getProperty("kiln.version");
    private static final Path ROOT = Path.of(System.getProperty("kiln.root"));
    private static final Path REPOSITORY = Path.of(System.getProperty("kiln.localRepository"));

    @Test
    void theBomNamesEveryPublishedModuleOfTheReactor() throws Exception {
        List<String> published = new ArrayList<>(modules().keySet());
        published.removeAll(NOT_PUBLISHED);
        published.remove("kiln-bom");

        assertThat(bomEntries()).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void theBomIsSelfContainedWithCentralsMetadata() throws Exception {
        Element bom = pom(installed("kiln-bom", ".pom"));

        assertHasCentralsMetadata(bom);
        assertThat(texts(bom, "dependencyManagement/dependencies/dependency/groupId")).containsOnly("dev.kiln");
    }

    @ParameterizedTest
    @MethodSource("bomEntries")
    void jarNamesItsModule(String artifactId) throws IOException {
        String module = "dev.kiln." + artifactId.substring("kiln-".length()).replace('-', '.');
        try (JarFile jar = new JarFile(installed(artifactId, ".jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo(module);
            assertThat(entries(jar)).anyMatch(e -> e.startsWith(module.replace('.', '/') + "/") && e.endsWith(".class"));
        }
    }

    @ParameterizedTest
    @MethodSource("bomEntries")
    void hasSourcesAndJavadocJars(String artifactId) throws Exception {
        try (JarFile sources = new JarFile(built(artifactId, "-sources.jar").toFile());
                JarFile javadoc = new JarFile(built(artifactId, "-javadoc.jar").toFile())) {
            assertThat(entries(sources)).anyMatch(e -> e.startsWith("dev/kiln/") && e.endsWith(".java"));
            assertThat(entries(javadoc)).contains("index.html").anyMatch(e -> e.startsWith("dev/kiln/"))
                    .noneMatch(e -> e.contains("/internal/"));
        }
    }

    @ParameterizedTest
    @MethodSource("bomEntries")
    void pomIsSelfContainedWithCentralsMetadata(String artifactId) throws Exception {
        Element pom = pom(installed(artifactId, ".pom"));

        assertHasCentralsMetadata(pom);
        assertThat(texts(pom, "dependencyManagement")).as("no dependencyManagement").isEmpty();
        List<Element> dependencies = elements(pom, "dependencies/dependency");
        assertThat(dependencies).allSatisfy(d -> {
            String id = text(d, "groupId") + ":" + text(d, "artifactId");
            String scope = text(d, "scope");
            assertThat(text(d, "version")).as(id + " has a version").isNotBlank();
            assertThat(scope).as(id + " scope").isNotEqualTo("test");
            if (id.startsWith("org.junit") || id.startsWith("org.assertj") || id.startsWith("org.mockito")
                    || id.equals("org.slf4j:slf4j-simple")) {
                assertThat(scope).as(id + " is left to the project using Kiln").isEqualTo("provided");
            }
            assertThat(id).isNotEqualTo("org.slf4j:jcl-over-slf4j");
            if (id.startsWith("org.apache.sshd:")) {
                assertThat(texts(d, "exclusions/exclusion/artifactId")).as(id + " exclusions")
                        .contains("jcl-over-slf4j");
            }
        });
    }

    @Test
    void testkitLeavesJUnitToTheProjectUsingIt() {
        // this project asks for JUnit 5.11.4 and kiln-testkit brings no JUnit of its own
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo("5.11.4");
    }

    static List<String> bomEntries() throws Exception {
        return texts(pom(installed("kiln-bom", ".pom")), "dependencyManagement/dependencies/dependency/artifactId");
    }

    private static void assertHasCentralsMetadata(Element pom) {
        assertThat(texts(pom, "parent")).as("no parent").isEmpty();
        for (String field : List.of("groupId", "artifactId", "version", "name", "description", "url",
                "licenses/license/name", "licenses/license/url", "developers/developer/name", "scm/url",
                "scm/connection", "scm/developerConnection")) {
            assertThat(text(pom, field)).as(text(pom, "artifactId") + " " + field).isNotBlank().doesNotContain("${");
        }
        assertThat(text(pom, "version")).isEqualTo(VERSION);
        assertThat(text(pom, "licenses/license/name")).isEqualTo("Apache-2.0");
    }

    /** The reactor's modules: artifactId to folder. */
    private static Map<String, Path> modules() throws Exception {
        Map<String, Path> modules = new LinkedHashMap<>();
        for (String module : texts(pom(ROOT.resolve("pom.xml")), "modules/module")) {
            modules.put(text(pom(ROOT.resolve(module).resolve("pom.xml")), "artifactId"), ROOT.resolve(module));
        }
        return modules;
    }

    private static Path built(String artifactId, String suffix) throws Exception {
        Path file = modules().get(artifactId).resolve("target").resolve(artifactId + "-" + VERSION + suffix);
        assertThat(file).as("built " + artifactId + suffix).isRegularFile();
        return file;
    }

    private static Path installed(String artifactId, String suffix) {
        Path file = REPOSITORY.resolve("dev/kiln").resolve(artifactId).resolve(VERSION)
                .resolve(artifactId + "-" + VERSION + suffix);
        assertThat(file).as("installed " + artifactId + suffix).isRegularFile();
        return file;
    }

    private static List<String> entries(JarFile jar) {
        return jar.stream().map(e -> e.getName()).collect(Collectors.toList());
    }

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    /** The text of the first element at a slash-separated path of child names, or "" when there is none. */
    private static String text(Element parent, String path) {
        List<String> all = texts(parent, path);
        return all.isEmpty() ? "" : all.get(0);
    }

    private static List<String> texts(Element parent, String path) {
        return elements(parent, path).stream().map(e -> e.getTextContent().trim()).toList();
    }

    private static List<Element> elements(Element parent, String path) {
        List<Element> level = List.of(parent);
        for (String name : path.split("/")) {
            List<Element> next = new ArrayList<>();
            for (Element e : level) {
                IntStream.range(0, e.getChildNodes().getLength()).mapToObj(i -> e.getChildNodes().item(i))
                        .filter(n -> n instanceof Element && n.getNodeName().equals(name))
                        .forEach(n -> next.add((Element) n));
            }
            level = next;
        }
        return Collections.unmodifiableList(level);
    }
}
