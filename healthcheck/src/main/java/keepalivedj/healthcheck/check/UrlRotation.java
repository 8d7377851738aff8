package keepalivedj.healthcheck.check;

/**
 * Which url of an HTTP_GET / SSL_GET is checked next (keepalived 2.2.7 after PR #1318): one url per attempt, in
 * order and round and round; a failing url is retried until it passes (retries are per url); the checker may count
 * as up again only once every url has passed in a row since the last failure. Pure state; one owner.
 */
final class UrlRotation {
    private final int count;
    private int cursor;
    private int streak;

    UrlRotation(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("no url");
        }
        this.count = count;
    }

    /** Index of the url to check now. */
    int current() {
        return cursor;
    }

    /** The current url passed; returns whether every url has now passed in a row. */
    boolean passed() {
        cursor = (cursor + 1) % count;
        streak = Math.min(count, streak + 1);
        return streak == count;
    }

    /** The current url failed: it is checked again next, and the streak starts over. */
    void failed() {
        streak = 0;
    }
}
