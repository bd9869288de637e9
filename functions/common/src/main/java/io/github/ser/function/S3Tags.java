package io.github.ser.function;

import java.util.LinkedHashMap;
import java.util.Map;

/** S3's object tag rules, and how our tags join the ones an object already has. */
public final class S3Tags {
    public static final int MAX_TAGS = 10;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    /** The namespace our functions own on a clip: {@code emotion} and {@code emotion-*}. */
    public static final String OURS = "emotion";
    /**
     * A person's correction of the answer ({@code PUT /results/{key}/label}): in our namespace, so the API shows it,
     * but the person's, so analysing the clip again never replaces it.
     */
    public static final String LABEL = "emotion-label";

    private S3Tags() {
    }

    /**
     * Existing tags outside our namespace are kept untouched (they belong to someone else); ours replace every
     * earlier tag in the namespace, so reprocessing leaves no stale status behind. If the object already carries
     * so many foreign tags that ours do not all fit in S3's limit of 10, ours are added in the given order while
     * room remains (put the most important first).
     *
     * @param namespace tag keys equal to it or starting with {@code namespace + "-"} are ours
     */
    public static Map<String, String> merge(Map<String, String> existing, String namespace, Map<String, String> ours) {
        Map<String, String> merged = new LinkedHashMap<>();
        existing.forEach((key, value) -> {
            if (!replaced(key, namespace, ours)) {
                merged.put(key, value);
            }
        });
        for (Map.Entry<String, String> tag : ours.entrySet()) {
            if (merged.size() >= MAX_TAGS) {
                break;
            }
            merged.put(clean(tag.getKey(), MAX_KEY_LENGTH), clean(tag.getValue(), MAX_VALUE_LENGTH));
        }
        return merged;
    }

    /** Only the tags in {@code namespace}, in their order: what the API may show of an object it does not own. */
    public static Map<String, String> only(Map<String, String> tags, String namespace) {
        Map<String, String> ours = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            if (owned(key, namespace)) {
                ours.put(key, value);
            }
        });
        return ours;
    }

    public static boolean owned(String key, String namespace) {
        return key.equals(namespace) || key.startsWith(namespace + "-");
    }

    /** Whether merging {@code ours} in {@code namespace} drops an existing tag {@code key}: {@link #LABEL} only for a new label. */
    public static boolean replaced(String key, String namespace, Map<String, String> ours) {
        return owned(key, namespace) && (!key.equals(LABEL) || ours.containsKey(LABEL));
    }

    /**
     * Maps text onto S3's tag alphabet (letters, digits, spaces and {@code + - = . _ : / @}), replacing anything
     * else with {@code _}, and cuts it to {@code maxLength} code points.
     */
    public static String clean(String text, int maxLength) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(maxLength).forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || cp == ' ' || "+-=._:/@".indexOf(cp) >= 0) {
                out.appendCodePoint(cp);
            } else {
                out.append('_');
            }
        });
        return out.toString();
    }
}
