package dev.kiln.testkit.ec2.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    private static Params params(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return new Params(values);
    }

    @Test
    void readsNumberedListsInIndexOrder() {
        Params p = params("InstanceId.2", "i-b", "InstanceId.10", "i-c", "InstanceId.1", "i-a", "InstanceIds.1", "other");
        assertThat(p.list("InstanceId")).containsExactly("i-a", "i-b", "i-c");
    }

    @Test
    void readsNestedStructures() {
        Params p = params("TagSpecification.1.ResourceType", "instance", "TagSpecification.1.Tag.1.Key", "Name",
                "TagSpecification.1.Tag.1.Value", "web", "TagSpecification.1.Tag.2.Key", "empty",
                "Filter.1.Name", "name", "Filter.1.Value.1", "amzn2-*", "Filter.1.Value.2", "ubuntu?");
        Map<String, String> tags = TagSpecifications.tagsFor(p, "instance", java.util.Set.of("instance"));
        assertThat(tags).containsExactly(Map.entry("Name", "web"), Map.entry("empty", ""));
        List<Filter> filters = Filter.from(p);
        assertThat(filters).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("name");
            assertThat(f.matches(List.of("amzn2-ami-hvm"))).isTrue();
            assertThat(f.matches(List.of("ubuntu1"))).isTrue();
            assertThat(f.matches(List.of("ubuntu12"))).isFalse();
        });
    }

    @Test
    void missingRequiredParametersAreNamed() {
        assertThatThrownBy(() -> params().member("Placement").required("AvailabilityZone"))
                .isInstanceOfSatisfying(Ec2Error.class, e -> {
                    assertThat(e.code()).isEqualTo("MissingParameter");
                    assertThat(e.getMessage()).contains("Placement.AvailabilityZone");
                });
        assertThatThrownBy(() -> params("MinCount", "one").integer("MinCount", 1))
                .isInstanceOfSatisfying(Ec2Error.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void wildcardsCanBeEscaped() {
        assertThat(Filter.wildcard("a\\*b").matcher("a*b").matches()).isTrue();
        assertThat(Filter.wildcard("a\\*b").matcher("axb").matches()).isFalse();
        assertThat(Filter.wildcard("a.b").matcher("axb").matches()).isFalse();
    }
}
