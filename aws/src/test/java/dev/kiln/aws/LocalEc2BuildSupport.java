package dev.kiln.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildListener;
import dev.kiln.core.run.ConsoleListener;
import dev.kiln.core.run.Kiln;
import dev.kiln.core.run.SourceResult;
import dev.kiln.core.spec.ImageSpec;
import dev.kiln.testkit.ec2.Ec2Call;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Real builds against one LocalEc2 per test class, with Packer-style console output captured per test. After
 * each test the faults are cleared and nothing may be left behind but finished AMIs.
 */
abstract class LocalEc2BuildSupport {
    static LocalEc2Fixture local;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Instant testStart = Instant.now();

    @BeforeAll
    static void startLocalEc2() throws Exception {
        local = new LocalEc2Fixture();
    }

    @AfterAll
    static void stopLocalEc2() {
        local.close();
    }

    @AfterEach
    void nothingLeft() {
        local.ec2.faults().clear();
        System.out.print(output());
        assertThat(local.ec2.leaks()).as(output()).isEmpty();
    }

    /** The calls of {@code action} LocalEc2 answered since this test started. */
    List<Ec2Call> calls(String action) {
        return local.ec2.calls(action).stream().filter(c -> !c.time().isBefore(testStart)).toList();
    }

    String output() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** A runner printing to this test's console, plus any extra listeners. */
    Kiln kiln(BuildListener... extra) {
        Kiln.Builder kiln = Kiln.builder().listener(new ConsoleListener(new PrintStream(console, true, StandardCharsets.UTF_8)));
        for (BuildListener listener : extra) {
            kiln.listener(listener);
        }
        return kiln.build();
    }

    /** Builds the spec and returns its only source's result. */
    SourceResult build(ImageSpec spec) {
        return kiln().build(spec).sources().get(0);
    }

    /** A seed build whose AMI name is unique. */
    static AmazonEbs.Builder ebs() {
        return local.seedBuild("kiln-test-" + System.nanoTime());
    }

    /** A spec with one source and one inline shell provisioner. */
    static ImageSpec spec(AmazonEbs ebs, String... commands) {
        return ImageSpec.builder("test").source(ebs).provision(Provisioners.shell().inline(commands).build()).build();
    }
}
