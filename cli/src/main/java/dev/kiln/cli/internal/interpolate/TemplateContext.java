package dev.kiln.cli.internal.interpolate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a template's functions see: the user variables, whether {@code env} may be called (only in a variable's
 * value, as in Packer), the build's name and type, the template's path, the fields of the data ({@code .Path},
 * {@code .Vars}), the run's start time and the working directory. Immutable; the {@code with} methods copy.
 *
 * <pre>{@code
 * TemplateContext ctx = TemplateContext.of(Instant.now(), System::getenv).withUserVariables(Map.of("region", "us-east-1"));
 * }</pre>
 *
 * @param userVariables the values {@code user} returns
 * @param envAllowed whether {@code env} may be called
 * @param env reads an environment variable, null when it is unset
 * @param buildName what {@code build_name} returns, or null when it is not available
 * @param buildType what {@code build_type} returns, or null when it is not available
 * @param templatePath the template file, whose directory {@code template_dir} returns, or null
 * @param data the fields {@code .Name} can read: strings, or maps of strings that {@code .Name.Key} reads; empty
 *     for Go's nil data, where every field is Go's {@code <no value>}
 * @param initTime the run's start, which {@code timestamp} and {@code isotime} show
 * @param workingDirectory what {@code pwd} returns
 */
public record TemplateContext(Map<String, String> userVariables, boolean envAllowed, UnaryOperator<String> env,
        String buildName, String buildType, Path templatePath, Map<String, ?> data, Instant initTime,
        Path workingDirectory) {
    /** Copies the maps. */
    public TemplateContext {
        userVariables = Map.copyOf(userVariables);
        Objects.requireNonNull(env, "env");
        data = Map.copyOf(data);
        Objects.requireNonNull(initTime, "initTime");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    /** A context with no variables, no build, no data, {@code env} not allowed, in the JVM's working directory. */
    public static TemplateContext of(Instant initTime, UnaryOperator<String> env) {
        return new TemplateContext(Map.of(), false, env, null, null, null, Map.of(), initTime,
                Path.of("").toAbsolutePath());
    }

    /** This context with these user variables. */
    public TemplateContext withUserVariables(Map<String, String> variables) {
        return new TemplateContext(variables, envAllowed, env, buildName, buildType, templatePath, data, initTime,
                workingDirectory);
    }

    /** This context with {@code env} allowed or not. */
    public TemplateContext withEnvAllowed(boolean allowed) {
        return new TemplateContext(userVariables, allowed, env, buildName, buildType, templatePath, data, initTime,
                workingDirectory);
    }

    /** This context inside one build, for {@code build_name} and {@code build_type}. */
    public TemplateContext withBuild(String name, String type) {
        return new TemplateContext(userVariables, envAllowed, env, name, type, templatePath, data, initTime,
                workingDirectory);
    }

    /** This context for a template read from {@code path}. */
    public TemplateContext withTemplatePath(Path path) {
        return new TemplateContext(userVariables, envAllowed, env, buildName, buildType, path, data, initTime,
                workingDirectory);
    }

    /** This context with these data fields. */
    public TemplateContext withData(Map<String, ?> fields) {
        return new TemplateContext(userVariables, envAllowed, env, buildName, buildType, templatePath, fields,
                initTime, workingDirectory);
    }
}
