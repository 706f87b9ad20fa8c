import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Fails a module's build when a public or protected declaration outside an {@code internal} package has no doc
 * comment: a type, constructor (a default one too), method, field or enum constant.
 *
 * <p>It runs doclint's "missing" group, as javac does with {@code -Xdoclint:missing/protected}, and keeps every
 * warning but the missing {@code @param}, {@code @return} and {@code @throws} tags: the house style gives an
 * accessor or a builder method a one-line comment without them, and javadoc can't check the comments without
 * the tags. Overriding methods need no comment (they inherit one).
 *
 * <p>The parent POM runs it in the {@code verify} phase of each module that binds it (property
 * {@code kiln.docComments.skip} turns it off):
 * {@code java -cp <class path> build/DocCommentCheck.java <source dir>}, with the module's compile class path.
 */
public final class DocCommentCheck {
    /** The diagnostic code of javac's doclint warnings (javac reports them as a processor message). */
    private static final String DOCLINT = "compiler.warn.proc.messager";
    /** The tags the house style leaves out; doclint's other "missing" warnings fail the check. */
    private static final Pattern MISSING_TAG = Pattern.compile("no @(param|return|throws)\\b.*");

    private DocCommentCheck() {
    }

    /**
     * Checks the sources under {@code args[0]}; prints each declaration without a comment and exits with 1 if
     * there is one, or with 2 if the sources don't compile.
     */
    public static void main(String[] args) throws IOException {
        // doclint words its warnings in the default locale; the filter above reads English
        Locale.setDefault(Locale.ENGLISH);
        Path sources = Path.of(args[0]);
        if (!Files.isDirectory(sources)) {
            return;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ENGLISH, null)) {
            // javac stops reporting after 100 warnings, most of them the tags this check ignores
            List<String> options = List.of("-proc:none", "-implicit:none", "-Xmaxwarns", "100000",
                    "-Xdoclint:missing/protected", "-classpath", System.getProperty("java.class.path"));
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(apiSources(sources)));
            task.analyze();
        }
        List<String> missing = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            String message = d.getMessage(Locale.ENGLISH);
            String at = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(at + message);
            } else if (DOCLINT.equals(d.getCode()) && !MISSING_TAG.matcher(message).matches()) {
                missing.add(at + message);
            }
        }
        errors.forEach(System.err::println);
        missing.forEach(System.err::println);
        if (!errors.isEmpty()) {
            System.err.println("DocCommentCheck: the sources in " + sources + " don't compile");
            System.exit(2);
        }
        if (!missing.isEmpty()) {
            System.err.println("DocCommentCheck: " + missing.size() + " without a doc comment in " + sources
                    + " (listed above; internal packages are exempt)");
            System.exit(1);
        }
    }

    /** The .java files under {@code root} that are not in an internal package. */
    private static List<Path> apiSources(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java") && !inInternalPackage(root.relativize(p))).toList();
        }
    }

    private static boolean inInternalPackage(Path relative) {
        for (Path name : relative) {
            if (name.toString().equals("internal")) {
                return true;
            }
        }
        return false;
    }
}
