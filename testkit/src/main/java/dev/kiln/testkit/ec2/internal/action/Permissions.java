package dev.kiln.testkit.ec2.internal.action;

import dev.kiln.testkit.ec2.internal.Ec2Error;
import java.util.function.Consumer;

/** Launch and create-volume permissions: a 12-digit account id, or the group {@code all} (public). */
final class Permissions {
    private Permissions() {
    }

    /**
     * Checks one permission entry and hands its account id or {@code all} to {@code change}.
     *
     * @return true when the entry named anyone
     */
    static boolean apply(String user, String group, Consumer<String> change) {
        if (group != null && !group.equals("all")) {
            throw Ec2Error.invalidValue("Value (" + group + ") for parameter group is invalid. Use all.");
        }
        if (user != null && !user.matches("\\d{12}")) {
            throw Ec2Error.invalidValue("Value (" + user + ") for parameter userId is invalid. Use a 12-digit account id.");
        }
        if (group != null) {
            change.accept(group);
        }
        if (user != null) {
            change.accept(user);
        }
        return user != null || group != null;
    }
}
