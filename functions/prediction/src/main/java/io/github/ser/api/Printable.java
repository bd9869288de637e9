package io.github.ser.api;

/** Client-supplied text quoted for an error message: control characters escaped, long values cut. */
final class Printable {
    private static final int MAX_CHARS = 120;

    private Printable() {
    }

    static String quote(String text) {
        StringBuilder s = new StringBuilder("'");
        text.codePoints().limit(MAX_CHARS).forEach(c -> {
            if (Character.isISOControl(c)) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.append(text.codePointCount(0, text.length()) > MAX_CHARS ? "...'" : "'").toString();
    }

    /** True when {@code text} holds a control character (NUL, CR, LF...), which no key or header value should. */
    static boolean hasControlCharacter(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }
}
