package dev.ante.api.ingest;

import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.catalog.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What ingest keeps of a JSON value while reading it: the fields and list elements the catalog's
 * records read, and nothing else. Everything a shape does not name is skipped token by token, never
 * built. The envelope's type may come after its data, so an envelope's {@code data} has the union of
 * every record's fields in the catalog; {@link RecordSchema} then checks the kept tree against the one
 * type named.
 *
 * @param fields      for an object: the fields kept, each with its own shape; null keeps no field
 * @param element     for an array: the shape of its elements; null keeps no element
 * @param maxElements elements kept; one more is kept so that "too many" can be reported, and the rest
 *                    are only counted
 * @param freeForm    a free-form value (such as a strategy's {@code parameters}): kept whole, up to
 *                    {@link BoundedJsonReader#MAX_FREE_FORM_VALUES} values
 */
record CatalogShape(Map<String, CatalogShape> fields, CatalogShape element, int maxElements, boolean freeForm) {

    static final CatalogShape SCALAR = new CatalogShape(null, null, 0, false);
    static final CatalogShape FREE_FORM = new CatalogShape(null, null, 0, true);

    private static final List<String> ENVELOPE = List.of("eventId", "type", "occurredAt");
    private static final List<String> STREAM_IDS = List.of("gameId", "strategyId", "runId");
    private static final Map<EventCatalog, CatalogShape> BATCH = new LinkedHashMap<>();
    private static final CatalogShape NDJSON;

    static {
        CatalogShape all = null;
        for (EventCatalog catalog : EventCatalog.values()) {
            CatalogShape data = null;
            for (String name : catalog.typeNames()) {
                data = merge(data, ofRecord(catalog.typeNamed(name).orElseThrow()));
            }
            BATCH.put(catalog, envelope(data, List.of()));
            all = merge(all, data);
        }
        NDJSON = envelope(all, STREAM_IDS);
    }

    /** An envelope of a batch for one catalog's stream. */
    static CatalogShape envelope(EventCatalog catalog) {
        return BATCH.get(catalog);
    }

    /** An NDJSON line: an envelope of any catalog, naming its stream. */
    static CatalogShape ndjsonLine() {
        return NDJSON;
    }

    CatalogShape field(String name) {
        return fields == null ? null : fields.get(name);
    }

    private static CatalogShape envelope(CatalogShape data, List<String> extra) {
        Map<String, CatalogShape> fields = new LinkedHashMap<>();
        ENVELOPE.forEach(f -> fields.put(f, SCALAR));
        extra.forEach(f -> fields.put(f, SCALAR));
        fields.put("data", data);
        return new CatalogShape(Map.copyOf(fields), null, 0, false);
    }

    private static CatalogShape ofRecord(Class<?> type) {
        Map<String, CatalogShape> fields = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            fields.put(c.getName(), ofType(c.getType(), c.getGenericType(), c.getAnnotation(Size.class)));
        }
        return new CatalogShape(Map.copyOf(fields), null, 0, false);
    }

    private static CatalogShape ofType(Class<?> type, Type generic, Size size) {
        if (type == Map.class) {
            return FREE_FORM;
        }
        if (type.isRecord()) {
            return ofRecord(type);
        }
        if (type == List.class && generic instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> element) {
            int max = size == null ? RecordSchema.DEFAULT_MAX_LIST : Math.min(size.max(), RecordSchema.DEFAULT_MAX_LIST);
            return new CatalogShape(null, ofType(element, element, null), max, false);
        }
        return SCALAR;
    }

    /** The shape that keeps what either keeps: two records may use one field name differently. */
    static CatalogShape merge(CatalogShape a, CatalogShape b) {
        if (a == null || a == b) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Map<String, CatalogShape> fields = null;
        if (a.fields != null || b.fields != null) {
            fields = new LinkedHashMap<>();
            for (Map<String, CatalogShape> side : Arrays.asList(a.fields, b.fields)) {
                if (side != null) {
                    for (Map.Entry<String, CatalogShape> f : side.entrySet()) {
                        fields.merge(f.getKey(), f.getValue(), CatalogShape::merge);
                    }
                }
            }
            fields = Map.copyOf(fields);
        }
        return new CatalogShape(fields, merge(a.element, b.element), Math.max(a.maxElements, b.maxElements),
                a.freeForm || b.freeForm);
    }
}
