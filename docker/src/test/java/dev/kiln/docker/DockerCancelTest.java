package dev.kiln.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.Secret;
import dev.kiln.core.provision.Provisioners;
import dev.kiln.core.run.BuildHandle;
import dev.kiln.core.run.BuildResult;
import dev.kiln.core.spec.ImageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cancel at every step, each arriving while the step's call to the daemon is in flight (the daemon acted, its
 * answer never came back): no container of the build is left, and no untagged image of it either.
 */
class DockerCancelTest extends DockerBuildSupport {
    private static final String PASSWORD = "cancel-pass-" + System.nanoTime();
    private static LocalRegistry registry;
    private static String pulled;

    @BeforeAll
    static void baseInTheRegistry() throws Exception {
        registry = LocalRegistry.start(PASSWORD);
        pulled = registry.address() + "/kiln/busybox:1";
        Path config = Files.createTempDirectory("kiln-cli");
        Process login = new ProcessBuilder("docker", "--config", config.toString(), "login", "--username",
                LocalRegistry.USER, "--password-stdin", registry.address()).start();
        login.getOutputStream().write(PASSWORD.getBytes());
        login.getOutputStream().close();
        assertThat(login.waitFor()).isZero();
        DockerCli.ok("tag", base, pulled);
        DockerCli.ok("--config", config.toString(), "push", pulled);
        DockerCli.ok("rmi", pulled);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        registry.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "^POST /images/create",
        "^POST /containers/create",
        "^POST /containers/[0-9a-f]+/start",
        "^POST /exec/[0-9a-f]+/start",
        "^PUT /containers/[0-9a-f]+/archive",
        "^POST /commit",
        "^POST /images/sha256:[0-9a-f]+/tag",
    })
    void aCancelInFlightLeavesNoContainerAndNoUntaggedImage(String call, @org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        AtomicReference<BuildHandle> handle = new AtomicReference<>();
        try (CuttingProxy proxy = new CuttingProxy(tmp, host.socket(), call, () -> {
            while (handle.get() == null) {
                Thread.onSpinWait();
            }
            handle.get().cancel();
        })) {
            ImageSpec spec = ImageSpec.builder("cancelled")
                    .source(docker().host(proxy.host()).image(pulled).pull(true)
                            .login(RegistryLogin.of(registry.address(), LocalRegistry.USER, Secret.of(PASSWORD))))
                    .provision(Provisioners.shell().inline("echo " + System.nanoTime() + " > /tmp/marker").build())
                    .build();

            handle.set(kiln().start(spec));
            BuildResult result = handle.get().await();

            assertThat(proxy.cut()).as(output()).isTrue();
            assertThat(result.cancelled()).as(output()).isTrue();
            assertThat(containersOf(result.sessionId())).as(output()).isEmpty();
            assertThat(DockerCli.ok("images", "-q", "--filter", "dangling=true", "--filter",
                    "label=dev.kiln.session=" + result.sessionId())).as(output()).isEmpty();
            assertThat(output()).doesNotContain(PASSWORD);
        } finally {
            DockerCli.run("rmi", pulled);
        }
    }
}
