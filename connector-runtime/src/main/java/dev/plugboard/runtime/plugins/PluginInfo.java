package dev.plugboard.runtime.plugins;

import java.time.Instant;
import java.util.List;

/**
 * What the runtime knows about one plugin version (the answer of {@code GET /api/plugins}).
 *
 * @param id the logical plugin id ({@code Plugin-Id})
 * @param version the plugin version ({@code Plugin-Version}); {@code null} when the jar could not
 *     be read
 * @param state its state
 * @param connectors the connector types it provides
 * @param templates the number of element templates it carries (both flavors)
 * @param lastError why it failed or was refused, or what went wrong at unload; {@code null} when
 *     nothing did
 * @param file the jar it came from (the watched folder's file, the upload's name, or a
 *     {@code dist/plugins} file)
 * @param detectedAt when the jar was seen (file stable in the folder, or upload received)
 * @param loadedAt when it became active; {@code null} when it never did
 */
public record PluginInfo(
    String id,
    String version,
    PluginState state,
    List<String> connectors,
    int templates,
    String lastError,
    String file,
    Instant detectedAt,
    Instant loadedAt) {}
