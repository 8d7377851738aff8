package keepalivedj.conf.syntax;

/**
 * Makes equal short words share one String: keywords and numbers repeat hundreds of thousands of times in a large
 * configuration. A word is looked up by its characters in the line, so a repeated one is never copied out.
 */
final class WordTable {
    /** Longer words are rarely repeated (addresses, scripts): not worth a slot. */
    private static final int MAX_SHARED_LENGTH = 24;

    private String[] slots = new String[1024];
    private int size;

    /** {@code text.substring(from, to)}, or the equal word already seen. */
    String share(String text, int from, int to) {
        int length = to - from;
        if (length > MAX_SHARED_LENGTH) {
            return text.substring(from, to);
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        int mask = slots.length - 1;
        int i = spread(h) & mask;
        for (String w = slots[i]; w != null; w = slots[i]) {
            if (w.length() == length && text.regionMatches(from, w, 0, length)) {
                return w;
            }
            i = (i + 1) & mask;
        }
        String w = text.substring(from, to);
        slots[i] = w;
        if (++size * 2 > slots.length) {
            grow();
        }
        return w;
    }

    /** {@code word}, or the equal word already seen. */
    String share(String word) {
        return word.length() > MAX_SHARED_LENGTH ? word : share(word, 0, word.length());
    }

    private void grow() {
        String[] old = slots;
        slots = new String[old.length * 2];
        int mask = slots.length - 1;
        for (String w : old) {
            if (w != null) {
                // String.hashCode is the same polynomial over the characters as share computes.
                int i = spread(w.hashCode()) & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = w;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
