package dev.ante.api.security;

import dev.ante.api.config.AnteProperties;
import dev.ante.api.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys and their roles. Keys come from configuration; when none are configured, the keys file
 * {@code <data dir>/api-keys.properties} is read, and written with three fresh keys on first start.
 */
public final class ApiKeys {

    /** Name of the generated keys file inside the data directory. */
    public static final String FILE_NAME = "api-keys.properties";

    /** Keys shorter than this are accepted with a warning in the log. */
    public static final int MIN_KEY_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final Map<Role, List<byte[]>> keys;

    private ApiKeys(Map<Role, List<byte[]>> keys) {
        this.keys = keys;
    }

    /** Keys from configuration, or from (possibly newly written) {@code <dataDir>/api-keys.properties}. */
    public static ApiKeys load(AnteProperties properties) {
        AnteProperties.Security configured = properties.security();
        if (!configured.noneConfigured()) {
            Map<Role, List<String>> byRole = new EnumMap<>(Role.class);
            byRole.put(Role.AGENT, configured.agentKeys());
            byRole.put(Role.RESEARCHER, configured.researcherKeys());
            byRole.put(Role.ADMIN, configured.adminKeys());
            return of(byRole);
        }
        return fromFile(properties.dataDir().resolve(FILE_NAME));
    }

    static ApiKeys of(Map<Role, List<String>> byRole) {
        Map<Role, List<byte[]>> keys = new EnumMap<>(Role.class);
        byRole.forEach((role, list) -> keys.put(role, list.stream()
                .filter(k -> k != null && !k.isBlank())
                .map(String::trim)
                .peek(k -> {
                    if (k.length() < MIN_KEY_LENGTH) {
                        log.warn("An API key of role {} has {} characters: keys shorter than {} can be guessed; "
                                + "use long random keys", role.name().toLowerCase(), k.length(), MIN_KEY_LENGTH);
                    }
                })
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList()));
        return new ApiKeys(keys);
    }

    private static ApiKeys fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                write(file);
                log.info("Generated API keys for roles agent, researcher and admin in {}", file.toAbsolutePath());
            } else {
                log.info("API keys read from {}", file.toAbsolutePath());
            }
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            }
            List<String> roles = java.util.Arrays.stream(Role.values()).map(r -> r.name().toLowerCase()).toList();
            List<String> unknown = props.stringPropertyNames().stream().filter(name -> !roles.contains(name))
                    .sorted().toList();
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("the API keys file " + file.toAbsolutePath() + " names unknown roles "
                        + unknown + "; the roles are " + String.join(", ", roles));
            }
            Map<Role, List<String>> byRole = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                String value = props.getProperty(role.name().toLowerCase(), "");
                byRole.put(role, value.isBlank() ? List.of() : List.of(value.split(",")));
            }
            ApiKeys keys = of(byRole);
            if (keys.rolesWithKeys().isEmpty()) {
                throw new IllegalStateException("the API keys file " + file.toAbsolutePath()
                        + " holds no key; give at least one role a key, or delete the file to have keys generated");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the API keys file " + file, e);
        }
    }

    private static void write(Path file) throws IOException {
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder("# Ante API keys, one per role; send as 'Authorization: Bearer <key>'\n"
                + "# Several keys for one role are separated by commas; each must be at least " + MIN_KEY_LENGTH
                + " characters.\n");
        for (Role role : Role.values()) {
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            text.append(role.name().toLowerCase()).append('=')
                    .append(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)).append('\n');
        }
        OwnerOnlyFiles.writeAtomically(file, text.toString());
    }

    private static final String BEARER = "Bearer ";

    /** The key an {@code Authorization} header presents, or null when it is not {@code Bearer <key>}. */
    public static String bearerKey(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }

    /** The role of {@code presented}, compared in constant time against every key. */
    public Optional<Role> roleOf(String presented) {
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        Role found = null;
        for (Map.Entry<Role, List<byte[]>> entry : keys.entrySet()) {
            for (byte[] key : entry.getValue()) {
                if (MessageDigest.isEqual(key, candidate) && found == null) {
                    found = entry.getKey();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Roles that have at least one key. */
    public List<Role> rolesWithKeys() {
        List<Role> roles = new ArrayList<>();
        keys.forEach((role, list) -> {
            if (!list.isEmpty()) {
                roles.add(role);
            }
        });
        return roles;
    }
}
