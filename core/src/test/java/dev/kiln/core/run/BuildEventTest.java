package dev.kiln.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.kiln.core.comm.OutputStreamKind;
import dev.kiln.core.fake.EveryEventSpec;
import dev.kiln.core.fake.FakeBuilder;
import dev.kiln.core.run.BuildEvent.ArtifactProduced;
import dev.kiln.core.run.BuildEvent.BuildFinished;
import dev.kiln.core.run.BuildEvent.BuildStarted;
import dev.kiln.core.run.BuildEvent.CleanupFailed;
import dev.kiln.core.run.BuildEvent.CleanupStarted;
import dev.kiln.core.run.BuildEvent.Detail;
import dev.kiln.core.run.BuildEvent.Message;
import dev.kiln.core.run.BuildEvent.OutputLine;
import dev.kiln.core.run.BuildEvent.ResourcesLeftBehind;
import dev.kiln.core.run.BuildEvent.SourceEvent;
import dev.kiln.core.run.BuildEvent.SourceFailed;
import dev.kiln.core.run.BuildEvent.SourceFinished;
import dev.kiln.core.run.BuildEvent.SourceStarted;
import dev.kiln.core.run.BuildEvent.StepFinished;
import dev.kiln.core.run.BuildEvent.StepStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a lambda listener hears from a real build of fake sources: every kind of event, and what each holds. */
class BuildEventTest {
    private static final Instant NOW = Instant.parse("2026-11-21T23:55:01Z");

    private final List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    private BuildResult result;

    @BeforeEach
    void build() {
        Kiln kiln = Kiln.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).listener(event -> events.add(event)).build();
        result = kiln.build(EveryEventSpec.create(FakeBuilder.newLog()));
    }

    private <T extends SourceEvent> List<T> of(Class<T> type, String source) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(e -> e.source().equals(source)).toList();
    }

    private static StepFinished step(List<StepFinished> steps, String name) {
        return steps.stream().filter(s -> s.timing().name().equals(name)).findFirst().orElseThrow();
    }

    private static Stream<Class<?>> records(Class<?> type) {
        return type.isRecord() ? Stream.of(type) : Stream.of(type.getPermittedSubclasses()).flatMap(BuildEventTest::records);
    }

    @Test
    void theBuildSendsEveryKindOfEventEachWithTheImageAndTheKilnsClock() {
        Set<Class<?>> kinds = records(BuildEvent.class).collect(Collectors.toSet());
        assertThat(kinds).hasSize(15);
        assertThat(events).extracting(Object::getClass).containsAll(kinds);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.time()).isEqualTo(NOW);
            assertThat(event.image()).isEqualTo("image");
        });
    }

    @Test
    void theBuildStartsAndFinishesAroundEverythingElse() {
        assertThat(events.get(0)).isEqualTo(new BuildStarted(NOW, "image", result.sessionId(), List.of("web", "db")));
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(BuildFinished.class,
                finished -> assertThat(finished.result()).isSameAs(result));
        assertThat(events.stream().filter(e -> e instanceof BuildStarted || e instanceof BuildFinished)).hasSize(2);
    }

    @Test
    void aSourcesEventsArriveInOrderWithTheirTextsMasked() {
        List<SourceEvent> web = events.stream().filter(SourceEvent.class::isInstance).map(SourceEvent.class::cast)
                .filter(e -> e.source().equals("web")).toList();

        assertThat(web.get(0)).isEqualTo(new SourceStarted(NOW, "image", "web"));
        assertThat(web).containsSubsequence(
                new StepStarted(NOW, "image", "web", "find existing image"),
                new StepStarted(NOW, "image", "web", "launch"),
                new Message(NOW, "image", "web", "Launching with token <sensitive>"),
                new Detail(NOW, "image", "web", "Instance ID: i-web"),
                new StepStarted(NOW, "image", "web", "provisioner 1: shell"),
                new OutputLine(NOW, "image", "web", OutputStreamKind.STDOUT, "hello <sensitive>"),
                new OutputLine(NOW, "image", "web", OutputStreamKind.STDERR, "warning: disk almost full"),
                new StepStarted(NOW, "image", "web", "capture"),
                new CleanupStarted(NOW, "image", "web", "terminate instance"),
                new CleanupStarted(NOW, "image", "web", "delete security group"),
                new CleanupStarted(NOW, "image", "web", "delete key pair"),
                new ResourcesLeftBehind(NOW, "image", "web", List.of(EveryEventSpec.SECURITY_GROUP)));
        assertThat(web.get(web.size() - 2)).isInstanceOfSatisfying(ArtifactProduced.class,
                artifact -> assertThat(artifact.artifact().id()).isEqualTo("local:img-web"));
        assertThat(web.get(web.size() - 1)).isInstanceOfSatisfying(SourceFinished.class,
                finished -> assertThat(finished.result()).isEqualTo(result.source("web").orElseThrow()));
    }

    @Test
    void aFinishedStepHasItsTimingAndOnlyAFailedOneAnError() {
        StepFinished launch = step(of(StepFinished.class, "web"), "launch");
        assertThat(launch.timing()).isEqualTo(new StepTiming("launch", NOW, Duration.ZERO, StepOutcome.SUCCEEDED));
        assertThat(launch.error()).isEmpty();

        StepFinished capture = step(of(StepFinished.class, "db"), "capture");
        assertThat(capture.timing().outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(capture.error()).get().isInstanceOf(IllegalStateException.class)
                .extracting(Throwable::getMessage).isEqualTo("CreateImage failed for <sensitive>");
    }

    @Test
    void aFailedSourceAndAFailedCleanupCarryTheirMaskedErrors() {
        assertThat(of(SourceFailed.class, "db")).singleElement().satisfies(failed -> {
            assertThat(failed.error()).hasMessage("CreateImage failed for <sensitive>");
            assertThat(failed.error()).isSameAs(result.source("db").orElseThrow().error().orElseThrow());
        });
        assertThat(of(SourceFailed.class, "web")).isEmpty();
        assertThat(of(SourceFinished.class, "db")).singleElement()
                .extracting(f -> f.result().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(of(ArtifactProduced.class, "db")).isEmpty();

        assertThat(of(CleanupFailed.class, "web")).singleElement().satisfies(failed -> {
            assertThat(failed.cleanup()).isEqualTo("delete security group");
            assertThat(failed.error()).hasMessage("DependencyViolation: group in use");
        });
    }

    @Test
    void eventsRefuseMissingFieldsAndCopyTheirLists() {
        List<String> sources = new ArrayList<>(List.of("web"));
        BuildStarted started = new BuildStarted(NOW, "image", "s", sources);
        sources.add("db");

        assertThat(started.sources()).containsExactly("web");
        assertThatNullPointerException()
                .isThrownBy(() -> new StepStarted(NOW, "image", null, "launch")).withMessage("source");
        assertThatNullPointerException()
                .isThrownBy(() -> new StepFinished(NOW, "image", "web", null, Optional.empty())).withMessage("timing");
    }
}
