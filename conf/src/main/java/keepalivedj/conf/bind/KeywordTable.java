package keepalivedj.conf.bind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keepalivedj.conf.Severity;
import keepalivedj.conf.syntax.Node;

/**
 * The keywords of one block (global_defs, vrrp_instance, ...) and what each does to the builder {@code B} of
 * that block's record, after keepalived's {@code install_keyword} tables. Unknown keywords are reported as
 * keepalived reports them ({@code Unknown keyword 'X'}) and the block is read on.
 *
 * <p>One departure from keepalived 2.2.7, on purpose: a block under an unknown keyword is skipped whole.
 * keepalived instead reads its lines as keywords of the enclosing block and lets its '}' close the enclosing
 * block, which silently applies settings from a block the operator thought was separate. Both give the same
 * {@code -t} exit code.
 */
public final class KeywordTable<B> {

    /** What a keyword does: read {@code node} and set fields of {@code target}. */
    @FunctionalInterface
    public interface Handler<B> {
        void bind(Node node, B target, BindContext ctx);
    }

    private final String blockName;
    private final Map<String, Handler<B>> handlers = new LinkedHashMap<>();

    public KeywordTable(String blockName) {
        this.blockName = blockName;
    }

    public String blockName() {
        return blockName;
    }

    public KeywordTable<B> add(String keyword, Handler<B> handler) {
        if (handlers.put(keyword, handler) != null) {
            throw new IllegalStateException("keyword '" + keyword + "' twice in " + blockName);
        }
        return this;
    }

    /** Several spellings of one keyword (lb_algo / lvs_sched). */
    public KeywordTable<B> add(List<String> keywords, Handler<B> handler) {
        for (String k : keywords) {
            add(k, handler);
        }
        return this;
    }

    /** A keyword keepalived still reads but has replaced; it works and warns (and counts, as in keepalived). */
    public KeywordTable<B> deprecated(String keyword, String replacement, Handler<B> handler) {
        return add(keyword, (node, target, ctx) -> {
            ctx.warn(node.position(), "'" + keyword + "' is deprecated", null,
                    replacement == null ? null : "'" + replacement + "'", null);
            handler.bind(node, target, ctx);
        });
    }

    /**
     * A keyword keepalived 2.2.7 knows whose feature keepalived-j does not carry out (yet): accepted with a
     * note, so the configuration still checks clean, and the operator is told it has no effect.
     */
    public KeywordTable<B> accepted(String keyword, String why) {
        return add(keyword, (node, target, ctx) -> ctx.report(Severity.NOTE, node.position(),
                "'" + keyword + "' is accepted but has no effect in keepalived-j: " + why, null, null, null));
    }

    public boolean knows(String keyword) {
        return handlers.containsKey(keyword);
    }

    public Set<String> keywords() {
        return handlers.keySet();
    }

    /** Binds one line; false when the keyword is unknown (already reported). */
    public boolean bind(Node node, B target, BindContext ctx) {
        Handler<B> h = handlers.get(node.name());
        if (h == null) {
            ctx.warn(node.position(), "Unknown keyword '" + node.name() + "'", node.name(),
                    "a keyword of " + blockName,
                    node.hasBlock() ? "ignoring it and its block" : "ignoring it");
            return false;
        }
        h.bind(node, target, ctx);
        return true;
    }

    /** Binds every line of a block in order. */
    public void bindAll(List<Node> nodes, B target, BindContext ctx) {
        for (Node n : nodes) {
            bind(n, target, ctx);
        }
    }
}
