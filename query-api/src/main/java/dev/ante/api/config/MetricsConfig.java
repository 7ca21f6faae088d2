package dev.ante.api.config;

import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Meters of the platform's environment beside Spring Boot's own: the data directory's disk. */
@Configuration
public class MetricsConfig {

    /** {@code disk.free} and {@code disk.total} of the data directory's file system, for the disk alert. */
    @Bean
    DiskSpaceMetrics dataDirDiskSpace(AnteProperties properties) {
        return new DiskSpaceMetrics(properties.dataDir().toAbsolutePath().toFile());
    }
}
