package dev.kiln.docker.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.docker.RegistryLogin;
import java.util.Base64;
import java.util.Map;

/** The Engine API's {@code X-Registry-Auth} header: the credentials as base64url JSON. */
public final class RegistryAuth {
    private RegistryAuth() {
    }

    /** The header for a pull or push with {@code login}; an empty map for none. */
    public static Map<String, String> header(RegistryLogin login) {
        if (login == null) {
            return Map.of();
        }
        try {
            byte[] json = Engine.JSON.writeValueAsBytes(Engine.object().put("username", login.username())
                    .put("password", login.password().reveal()).put("serveraddress", login.server()));
            return Map.of("X-Registry-Auth", Base64.getUrlEncoder().encodeToString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode registry credentials", e);
        }
    }
}
