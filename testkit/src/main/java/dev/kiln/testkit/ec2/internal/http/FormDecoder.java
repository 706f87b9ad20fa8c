package dev.kiln.testkit.ec2.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Decodes {@code application/x-www-form-urlencoded} pairs. Empty values are dropped: EC2 treats them as absent. */
final class FormDecoder {
    private FormDecoder() {
    }

    static void decodeInto(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!name.isEmpty() && !value.isEmpty()) {
                into.put(name, value);
            }
        }
    }
}
