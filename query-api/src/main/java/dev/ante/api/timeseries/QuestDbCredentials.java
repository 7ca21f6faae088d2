package dev.ante.api.timeseries;

import dev.ante.api.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * The embedded QuestDB's users: an admin that only Ante uses (ILP writes, schema changes, the web
 * console) and a read-only user for researchers' SQL and psql. They live in
 * {@code <data dir>/questdb-credentials.properties}, readable by the owner only, generated with fresh
 * random passwords on first start; nothing on the machine reaches QuestDB without them.
 *
 * @param adminUser        QuestDB's HTTP (ILP, {@code /exec}, web console) and PostgreSQL-wire admin
 * @param adminPassword    its password
 * @param readOnlyUser     the PostgreSQL-wire user that may only read
 * @param readOnlyPassword its password
 */
public record QuestDbCredentials(String adminUser, String adminPassword, String readOnlyUser,
                                 String readOnlyPassword) {

    /** Name of the credentials file inside the data directory. */
    public static final String FILE_NAME = "questdb-credentials.properties";

    private static final List<String> KEYS = List.of("admin.user", "admin.password", "readonly.user",
            "readonly.password");

    @Override
    public String toString() {
        return "QuestDbCredentials[adminUser=" + adminUser + ", readOnlyUser=" + readOnlyUser + "]";
    }

    /** Reads {@code file}, writing it first with fresh passwords when it does not exist. */
    public static QuestDbCredentials loadOrGenerate(Path file) {
        try {
            if (!Files.exists(file)) {
                SecureRandom random = new SecureRandom();
                String text = "# QuestDB users of the embedded server; Ante is the only writer.\n"
                        + "# The admin user also opens the web console; researchers use the read-only user.\n"
                        + "admin.user=ante\n"
                        + "admin.password=" + secret(random) + "\n"
                        + "readonly.user=reader\n"
                        + "readonly.password=" + secret(random) + "\n";
                OwnerOnlyFiles.writeAtomically(file, text);
            }
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            }
            for (String key : KEYS) {
                String value = props.getProperty(key);
                if (value == null || value.isBlank()) {
                    throw new IllegalStateException(file.toAbsolutePath() + " must set " + String.join(", ", KEYS)
                            + "; " + key + " is missing (delete the file to have new credentials generated)");
                }
            }
            return new QuestDbCredentials(props.getProperty("admin.user").trim(),
                    props.getProperty("admin.password").trim(), props.getProperty("readonly.user").trim(),
                    props.getProperty("readonly.password").trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the QuestDB credentials file " + file, e);
        }
    }

    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
