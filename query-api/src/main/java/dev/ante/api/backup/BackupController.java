package dev.ante.api.backup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** ADMIN: online backups of the embedded data directory. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "operations", description = "Backups and other operations (ADMIN)")
public class BackupController {

    private final Backups backups;

    public BackupController(Backups backups) {
        this.backups = backups;
    }

    @Operation(summary = "ADMIN: write a consistent copy of the embedded data directory while ingest goes on;"
            + " answers with its path (start the platform there to restore)")
    @PostMapping(path = "/backup", produces = MediaType.APPLICATION_JSON_VALUE)
    public Backups.Backup backup() {
        return backups.backup();
    }
}
