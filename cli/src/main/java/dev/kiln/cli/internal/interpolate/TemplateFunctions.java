package dev.kiln.cli.internal.interpolate;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Packer 1.6's template functions, as Kiln implements them, with Go's argument types: {@code user},
 * {@code env}, {@code timestamp}, {@code uuid}, {@code isotime}, {@code build_name}, {@code build_type},
 * {@code template_dir}, {@code pwd}, {@code split}, {@code replace}, {@code replace_all}, {@code lower},
 * {@code upper} and {@code clean_resource_name}. Packer's other functions are known by name, so a template
 * using one gets an error saying that Kiln lacks it.
 */
final class TemplateFunctions {
    /** Packer functions that Kiln does not have: they read from outside services or describe Packer itself. */
    static final Set<String> UNSUPPORTED =
            Set.of("vault", "consul_key", "aws_secretsmanager", "packer_version", "sed", "clean_ami_name");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A function's parameter types ({@code String.class}, {@code Long.class}) and body. */
    record Signature(List<Class<?>> params, boolean variadic, Body body) {
    }

    /** A function's body: its arguments already checked against the signature. */
    @FunctionalInterface
    interface Body {
        Object call(TemplateContext ctx, List<Object> args) throws FunctionError;
    }

    /** A function's own error, which Go reports as {@code error calling NAME: MESSAGE}. */
    static final class FunctionError extends Exception {
        private static final long serialVersionUID = 1L;

        FunctionError(String message) {
            super(message);
        }
    }

    private static final Map<String, Signature> FUNCTIONS = new TreeMap<>(Map.ofEntries(
            Map.entry("user", strings(1, (ctx, a) -> user(ctx, (String) a.get(0)))),
            Map.entry("env", strings(1, (ctx, a) -> env(ctx, (String) a.get(0)))),
            Map.entry("timestamp", strings(0, (ctx, a) -> Long.toString(ctx.initTime().getEpochSecond()))),
            Map.entry("uuid", strings(0, (ctx, a) -> timeOrderedUuid())),
            Map.entry("isotime", new Signature(List.of(String.class), true, TemplateFunctions::isotime)),
            Map.entry("build_name", strings(0, (ctx, a) -> available(ctx.buildName(), "build_name not available"))),
            Map.entry("build_type", strings(0, (ctx, a) -> available(ctx.buildType(), "build_type not available"))),
            Map.entry("template_dir", strings(0, (ctx, a) -> templateDir(ctx))),
            Map.entry("pwd", strings(0, (ctx, a) -> ctx.workingDirectory().toString())),
            Map.entry("split", new Signature(List.of(String.class, String.class, Long.class), false,
                    TemplateFunctions::split)),
            Map.entry("replace", new Signature(List.of(String.class, String.class, Long.class, String.class), false,
                    TemplateFunctions::replace)),
            Map.entry("replace_all", strings(3, (ctx, a) ->
                    ((String) a.get(2)).replace((String) a.get(0), (String) a.get(1)))),
            Map.entry("lower", strings(1, (ctx, a) -> ((String) a.get(0)).toLowerCase(Locale.ROOT))),
            Map.entry("upper", strings(1, (ctx, a) -> ((String) a.get(0)).toUpperCase(Locale.ROOT))),
            Map.entry("clean_resource_name", strings(1, (ctx, a) -> cleanResourceName((String) a.get(0))))));

    private TemplateFunctions() {
    }

    /** The names of the functions Kiln has. */
    static Set<String> names() {
        return FUNCTIONS.keySet();
    }

    /** The function of this name, or null. */
    static Signature get(String name) {
        return FUNCTIONS.get(name);
    }

    private static Signature strings(int count, Body body) {
        Class<?>[] params = new Class<?>[count];
        Arrays.fill(params, String.class);
        return new Signature(List.of(params), false, body);
    }

    private static String user(TemplateContext ctx, String name) throws FunctionError {
        String value = ctx.userVariables().get(name);
        if (value == null && ctx.envAllowed()) {
            throw new FunctionError("Error: variable not set: " + name);
        }
        return value == null ? "" : value;
    }

    private static String env(TemplateContext ctx, String name) throws FunctionError {
        if (!ctx.envAllowed()) {
            throw new FunctionError("env vars are not allowed here");
        }
        String value = ctx.env().apply(name);
        return value == null ? "" : value;
    }

    private static String available(String value, String error) throws FunctionError {
        if (value == null || value.isEmpty()) {
            throw new FunctionError(error);
        }
        return value;
    }

    private static String templateDir(TemplateContext ctx) throws FunctionError {
        if (ctx.templatePath() == null) {
            throw new FunctionError("template path not available");
        }
        Path dir = ctx.templatePath().toAbsolutePath().getParent();
        return dir == null ? "/" : dir.toString();
    }

    private static Object isotime(TemplateContext ctx, List<Object> args) throws FunctionError {
        if (args.size() > 1) {
            throw new FunctionError("too many values, 1 needed: " + goList(args));
        }
        String layout = args.isEmpty() ? GoTimeLayout.RFC3339 : (String) args.get(0);
        return GoTimeLayout.format(ctx.initTime().atOffset(ZoneOffset.UTC), layout);
    }

    private static Object split(TemplateContext ctx, List<Object> args) throws FunctionError {
        String text = (String) args.get(0);
        String separator = (String) args.get(1);
        long index = (Long) args.get(2);
        List<String> parts = goSplit(text, separator);
        if (index < 0 || parts.size() <= index) {
            throw new FunctionError("the substring " + index + " was unavailable using the separator value, "
                    + separator + ", only " + parts.size() + " values were found");
        }
        return parts.get((int) index);
    }

    /** Go's strings.Split: an empty separator splits into characters. */
    private static List<String> goSplit(String text, String separator) {
        if (separator.isEmpty()) {
            return text.codePoints().mapToObj(Character::toString).toList();
        }
        return Arrays.asList(text.split(java.util.regex.Pattern.quote(separator), -1));
    }

    /** Go's strings.Replace: at most {@code n} replacements, all when {@code n} is negative. */
    private static Object replace(TemplateContext ctx, List<Object> args) {
        String old = (String) args.get(0);
        String replacement = (String) args.get(1);
        long n = (Long) args.get(2);
        String text = (String) args.get(3);
        StringBuilder out = new StringBuilder();
        if (old.isEmpty()) {
            int[] codePoints = text.codePoints().toArray();
            long limit = n < 0 ? codePoints.length + 1L : n;
            for (int i = 0; i <= codePoints.length; i++) {
                if (i < limit) {
                    out.append(replacement);
                }
                if (i < codePoints.length) {
                    out.appendCodePoint(codePoints[i]);
                }
            }
            return out.toString();
        }
        int from = 0;
        for (long done = 0; n < 0 || done < n; done++) {
            int found = text.indexOf(old, from);
            if (found < 0) {
                break;
            }
            out.append(text, from, found).append(replacement);
            from = found + old.length();
        }
        return out.append(text.substring(from)).toString();
    }

    /** The amazon builders' clean_resource_name: every character EC2 refuses in an AMI name becomes '-'. */
    static String cleanResourceName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "()[] ./-'@_".indexOf(c) >= 0;
            out.append(allowed ? c : '-');
        }
        return out.toString();
    }

    /** Packer's uuid: the current UNIX seconds (not the run's start) in the first group, random bits in the rest. */
    private static String timeOrderedUuid() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String hex = HexFormat.of().formatHex(random);
        return String.format("%08x", java.time.Instant.now().getEpochSecond() & 0xffffffffL) + "-" + hex.substring(0, 4)
                + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12);
    }

    /** Go's {@code %v} of a slice: {@code [a b]}. */
    static String goList(List<?> values) {
        return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" ", "[", "]"));
    }
}
