package dev.kiln.docker.internal;

import dev.kiln.core.spec.Problem;
import java.util.ArrayList;
import java.util.List;

/** Checks a repository name and tags as the Docker daemon accepts them, before any call. */
public final class ImageNames {
    private static final String REPOSITORY = "[a-z0-9]([a-z0-9._:/-]*[a-z0-9])?";
    private static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";

    private ImageNames() {
    }

    /** Every problem with {@code repository} and {@code tags}. */
    public static List<Problem> problems(String repository, List<String> tags) {
        List<Problem> problems = new ArrayList<>();
        if (repository == null || !repository.matches(REPOSITORY)) {
            problems.add(new Problem("repository", "is " + (repository == null ? "null" : "\"" + repository + "\"")
                    + ", not a repository name",
                    "use lower case letters, digits, '.', '_', '-', '/' and a registry's port, e.g. 127.0.0.1:5000/web"));
        }
        if (tags.isEmpty()) {
            problems.add(new Problem("tags", "is empty", "leave it unset for latest, or give tags"));
        }
        for (String tag : tags) {
            if (tag == null || !tag.matches(TAG)) {
                problems.add(new Problem("tags", "holds " + tag + ", not a tag",
                        "use letters, digits, '_', '.', '-' (128 at most, not starting with '.' or '-'), e.g. 1.0"));
            }
        }
        return problems;
    }
}
