package dev.ante.projections.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/** Keys of joker combinations: the sorted distinct names joined by {@code +}. */
public final class JokerKeys {

    private JokerKeys() {
    }

    /** The sorted distinct names of {@code jokers}. */
    public static List<String> distinctSorted(List<String> jokers) {
        return new ArrayList<>(new TreeSet<>(jokers));
    }

    public static String key(List<String> sortedDistinct) {
        return String.join("+", sortedDistinct);
    }

    /** Every unordered pair of a sorted distinct list, each itself sorted. */
    public static List<List<String>> pairs(List<String> sortedDistinct) {
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < sortedDistinct.size(); i++) {
            for (int j = i + 1; j < sortedDistinct.size(); j++) {
                pairs.add(List.of(sortedDistinct.get(i), sortedDistinct.get(j)));
            }
        }
        return pairs;
    }

    /** A fixed-length digest of a key, so that long keys still make short primary keys. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
