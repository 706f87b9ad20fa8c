package dev.kiln.examples;

import dev.kiln.aws.AmazonEbsJanitor;
import dev.kiln.core.builder.JanitorReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes from AWS what killed Kiln builds and image tests left behind (instances, volumes, snapshots, security
 * groups, key pairs and unfinished AMIs tagged {@code kiln:temporary=true}), with {@link AmazonEbsJanitor}.
 * Finished AMIs are never touched.
 *
 * <pre>
 * Janitor [--dry-run] [--older-than-hours N (default 3)] [REGION...] (default us-east-1)
 * </pre>
 */
public final class Janitor {
    static final String USAGE = "usage: demo janitor [--dry-run] [--older-than-hours N (default 3)] [REGION... (default "
            + Args.DEFAULT + ")]";

    private Janitor() {
    }

    /** Prints what it found and removed in each region; exits with 1 if a removal failed. */
    public static void main(String[] args) throws InterruptedException {
        boolean dryRun = false;
        Duration olderThan = Duration.ofHours(3);
        List<String> regions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (arg.equals("--older-than-hours") && i + 1 < args.length && args[i + 1].matches("\\d+")) {
                olderThan = Duration.ofHours(Long.parseLong(args[++i]));
            } else if (Args.valid(arg)) {
                regions.add(arg);
            } else {
                Args.exitWithUsage(arg.startsWith("-") ? null : "not a region: " + arg, USAGE);
            }
        }
        if (regions.isEmpty()) {
            regions.add(Args.DEFAULT);
        }
        JanitorReport report = AmazonEbsJanitor.builder().regions(regions.toArray(String[]::new)).olderThan(olderThan)
                .dryRun(dryRun).build().run();
        System.out.println(report);
        if (!report.failures().isEmpty()) {
            System.exit(1);
        }
    }
}
