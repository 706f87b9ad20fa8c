package dev.kiln.core.post.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of {@code builds} in Packer's {@code manifest.json}, with Packer's field names and order.
 *
 * <pre>{@code
 * new ManifestEntry("web", "amazon-ebs", 1605712345, null, "us-east-1:ami-0abc", uuid, null).toJson();
 * }</pre>
 *
 * @param name the build's (source's) name
 * @param builderType the builder type
 * @param buildTime unix seconds; 0 is left out, as Packer does
 * @param files the artifact's files, or null when it has none
 * @param artifactId the artifact id
 * @param runUuid the run's uuid ({@code packer_run_uuid})
 * @param customData user data, or null when none was configured
 */
public record ManifestEntry(String name, String builderType, long buildTime, List<ManifestFile> files,
        String artifactId, String runUuid, Map<String, String> customData) {

    /** A file of an artifact, as the manifest lists it. */
    public record ManifestFile(String name, long size) {
    }

    /** Reads an entry that Packer or Kiln wrote. Missing fields read as Go's zero values. */
    public static ManifestEntry fromJson(JsonNode node) {
        List<ManifestFile> files = null;
        if (node.path("files").isArray()) {
            files = new ArrayList<>();
            for (JsonNode file : node.get("files")) {
                files.add(new ManifestFile(file.path("name").asText(""), file.path("size").asLong(0)));
            }
        }
        Map<String, String> customData = null;
        if (node.path("custom_data").isObject()) {
            customData = new TreeMap<>();
            Map<String, String> target = customData;
            node.get("custom_data").fields().forEachRemaining(e -> target.put(e.getKey(), e.getValue().asText()));
        }
        return new ManifestEntry(node.path("name").asText(""), node.path("builder_type").asText(""),
                node.path("build_time").asLong(0), files, node.path("artifact_id").asText(""),
                node.path("packer_run_uuid").asText(""), customData);
    }

    /** The entry as the ordered map {@link GoJson} prints. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("builder_type", builderType);
        if (buildTime != 0) {
            out.put("build_time", buildTime);
        }
        List<Object> fileList = null;
        if (files != null) {
            fileList = new ArrayList<>();
            for (ManifestFile file : files) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("name", file.name());
                f.put("size", file.size());
                fileList.add(f);
            }
        }
        out.put("files", fileList);
        out.put("artifact_id", artifactId);
        out.put("packer_run_uuid", runUuid);
        out.put("custom_data", customData == null ? null : new TreeMap<>(customData));
        return out;
    }
}
