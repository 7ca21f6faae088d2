package dev.ante.infra.store.sqlite;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Compresses and decompresses event blobs with the store's dictionaries. Each stored event names the codec
 * it was written with: {@link #RAW} (stored as given) or the id of the dictionary it was compressed with.
 * Frames are stored without zstd's magic number and dictionary id (the codec column says both) but with
 * their content size.
 *
 * <p>Thread-safe. zstd contexts are not, and allocate native memory, so each dictionary keeps a small pool
 * of them instead of one per thread.
 */
final class EventCompressor implements AutoCloseable {

    /** The codec of an event stored as it was given. */
    static final int RAW = 0;

    private static final int POOLED_CONTEXTS = 8;

    private final Compression settings;
    private final Map<Integer, Dictionary> dictionaries = new ConcurrentHashMap<>();
    private volatile Dictionary current;

    EventCompressor(Compression settings) {
        this.settings = settings;
    }

    /** Adds a dictionary read from the store; the newest one added compresses new events. */
    void add(int id, byte[] dictionary) {
        Dictionary added = dictionaries.computeIfAbsent(id, k -> new Dictionary(k, dictionary, settings.level()));
        if (current == null || id > current.id) {
            current = added;
        }
    }

    /** Whether a store with this many events should train its first dictionary. */
    boolean wantsDictionary(long events) {
        return settings.enabled() && current == null && events >= settings.trainAfterEvents();
    }

    Compression settings() {
        return settings;
    }

    /** The current dictionary's id, or {@link #RAW} when new events are stored as given. */
    int codec() {
        Dictionary dictionary = settings.enabled() ? current : null;
        return dictionary == null ? RAW : dictionary.id;
    }

    /** {@code blob} encoded with {@code codec}, which is {@link #RAW} or a dictionary this compressor holds. */
    byte[] encode(int codec, byte[] blob) {
        if (codec == RAW || blob.length == 0) {
            return blob;
        }
        return dictionaries.get(codec).compress(blob);
    }

    /**
     * The blob as it was given. {@code load} is asked for a dictionary this compressor has not seen, which
     * happens when another process (the one writing) trained it after this one opened the store.
     *
     * @throws IllegalStateException when the dictionary does not exist or the blob is not a frame of it
     */
    byte[] decode(int codec, byte[] stored, Function<Integer, byte[]> load) {
        if (codec == RAW || stored.length == 0) {
            return stored;
        }
        Dictionary dictionary = dictionaries.get(codec);
        if (dictionary == null) {
            byte[] loaded = load.apply(codec);
            if (loaded == null) {
                throw new IllegalStateException("an event is compressed with dictionary " + codec
                        + ", which the store does not hold");
            }
            add(codec, loaded);
            dictionary = dictionaries.get(codec);
        }
        return dictionary.decompress(stored);
    }

    /**
     * Trains a dictionary on {@code samples}.
     *
     * @throws ZstdException when zstd cannot train on them (too few or too alike)
     */
    byte[] train(List<byte[]> samples) {
        long total = 0;
        for (byte[] sample : samples) {
            total += sample.length;
        }
        ZstdDictTrainer trainer = new ZstdDictTrainer((int) Math.min(Integer.MAX_VALUE - 8, total + 1),
                settings.dictionaryBytes());
        for (byte[] sample : samples) {
            trainer.addSample(sample);
        }
        return trainer.trainSamples();
    }

    @Override
    public void close() {
        dictionaries.values().forEach(Dictionary::close);
        dictionaries.clear();
        current = null;
    }

    private static final class Dictionary {
        final int id;
        private final ZstdDictCompress forCompression;
        private final ZstdDictDecompress forDecompression;
        private final int level;
        private final ConcurrentLinkedQueue<ZstdCompressCtx> compressors = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<ZstdDecompressCtx> decompressors = new ConcurrentLinkedQueue<>();

        Dictionary(int id, byte[] dictionary, int level) {
            this.id = id;
            this.level = level;
            this.forCompression = new ZstdDictCompress(dictionary, level);
            this.forDecompression = new ZstdDictDecompress(dictionary);
        }

        byte[] compress(byte[] blob) {
            ZstdCompressCtx ctx = compressors.poll();
            if (ctx == null) {
                ctx = new ZstdCompressCtx().setLevel(level).setMagicless(true).setDictID(false).setChecksum(false)
                        .setContentSize(true).loadDict(forCompression);
            }
            try {
                return ctx.compress(blob);
            } finally {
                release(compressors, ctx);
            }
        }

        byte[] decompress(byte[] frame) {
            long size = Zstd.getFrameContentSize(frame, 0, frame.length, true);
            if (size < 0 || size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a stored event is not a frame of dictionary " + id);
            }
            ZstdDecompressCtx ctx = decompressors.poll();
            if (ctx == null) {
                ctx = new ZstdDecompressCtx().setMagicless(true).loadDict(forDecompression);
            }
            try {
                return ctx.decompress(frame, (int) size);
            } catch (ZstdException e) {
                throw new IllegalStateException("a stored event compressed with dictionary " + id
                        + " cannot be read: " + e.getMessage(), e);
            } finally {
                release(decompressors, ctx);
            }
        }

        private static <C extends AutoCloseable> void release(ConcurrentLinkedQueue<C> pool, C ctx) {
            // size() walks the queue, but it holds at most a few contexts.
            if (pool.size() < POOLED_CONTEXTS) {
                pool.offer(ctx);
            } else {
                closeQuietly(ctx);
            }
        }

        void close() {
            compressors.forEach(Dictionary::closeQuietly);
            decompressors.forEach(Dictionary::closeQuietly);
            forCompression.close();
            forDecompression.close();
        }

        private static void closeQuietly(AutoCloseable ctx) {
            try {
                ctx.close();
            } catch (Exception e) {
                // native memory only; nothing to report
            }
        }
    }
}
