package dev.kiln.examples;

import java.util.regex.Pattern;

/**
 * Reads the examples' command-line arguments; for those that run on AWS, a typo or {@code --help} prints the
 * usage instead of reaching for an endpoint.
 *
 * <pre>{@code
 * String region = Args.region(args, "usage: demo nginx [REGION]");  // "us-east-1" without args
 * }</pre>
 */
final class Args {
    /** The seed articles' region, where their source AMI ids exist. */
    static final String DEFAULT = "us-east-1";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private Args() {
    }

    /** True for a name shaped like {@code us-east-1}. */
    static boolean valid(String region) {
        return REGION.matcher(region).matches();
    }

    /** The only argument as a region, {@link #DEFAULT} without one; else prints {@code usage} and exits. */
    static String region(String[] args, String usage) {
        if (args.length == 0) {
            return DEFAULT;
        }
        if (args.length > 1 || !valid(args[0])) {
            exitWithUsage(args[0].startsWith("-") ? null : "not a region: " + String.join(" ", args), usage);
        }
        return args[0];
    }

    /** Prints the problem (if any) and the usage to stderr and exits with status 2. */
    static void exitWithUsage(String problem, String usage) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println(usage);
        System.exit(2);
    }
}
