package dev.kiln.examples;

import dev.kiln.core.internal.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The files the example images are provisioned with (task scripts, the static site, the service script), kept
 * under {@code examples/src/main/resources/images/<image>/} and shipped on the classpath. Shell and file
 * provisioners need real paths, so when the classes run from a jar the folder is first copied out.
 *
 * <pre>{@code
 * Path base = ExampleFiles.folder("base", workDir);   // .../images/base, with tasks/ and files/
 * }</pre>
 */
final class ExampleFiles {
    /** Where the image folders live in the repository, for their git tree hash. */
    static final String REPOSITORY_FOLDER = "examples/src/main/resources/images/";

    private ExampleFiles() {
    }

    /** The image's folder as a local directory; copied under {@code extractDir} when it sits in a jar. */
    static Path folder(String image, Path extractDir) {
        String name = "images/" + image;
        URL url = ExampleFiles.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("the example files " + name + " are missing from the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("file".equals(uri.getScheme())) {
                return Path.of(uri);
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                Path target = extractDir.resolve(name);
                FileTrees.copyTree(jar.getPath(name), target);
                return target;
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the example files " + name + " to " + extractDir, e);
        }
    }
}
