package keepalivedj.conf.bind;

import java.util.List;
import keepalivedj.conf.Position;
import keepalivedj.conf.syntax.Node;
import keepalivedj.conf.syntax.Token;

/**
 * Reads the lines of {@code track_script}, {@code track_interface}, {@code track_file}, {@code track_process}
 * and {@code track_bfd} blocks: {@code NAME [weight W [reverse|noreverse]]}. The weight stays null when not
 * written, so that the tracked object's own weight applies once it is known.
 */
final class VrrpTrackRefs {
    private VrrpTrackRefs() {
    }

    /** A tracking line before the tracked object is resolved. */
    record Raw(String name, Integer weight, boolean reverse, Position position) {
    }

    /** Reads every line of the block of {@code node} into {@code out}; {@code limit} bounds the weight. */
    static void read(Node node, int limit, List<Raw> out, BindContext ctx) {
        if (!ctx.requireBlock(node)) {
            return;
        }
        for (Node line : node.block()) {
            Raw r = line(line, limit, ctx);
            if (r != null) {
                out.add(r);
            }
        }
    }

    private static Raw line(Node line, int limit, BindContext ctx) {
        Integer weight = null;
        boolean reverse = false;
        List<Token> args = line.args();
        for (int i = 0; i < args.size(); i++) {
            Token t = args.get(i);
            switch (t.text()) {
                case "weight":
                    if (i + 1 >= args.size()) {
                        ctx.warn(t.position(), "(" + line.name() + ") weight is missing its value", null,
                                "weight W", "using the tracked object's weight");
                        break;
                    }
                    Token v = args.get(++i);
                    java.util.OptionalLong w = ctx.integer(line, v, -limit, limit,
                            "using the tracked object's weight");
                    if (w.isPresent()) {
                        weight = (int) w.getAsLong();
                    }
                    break;
                case "reverse":
                    reverse = true;
                    break;
                case "noreverse":
                    reverse = false;
                    break;
                default:
                    ctx.warn(t.position(), "Unknown track option '" + t.text() + "' for " + line.name(), t.text(),
                            "weight W [reverse|noreverse]", "ignoring it");
            }
        }
        return new Raw(line.name(), weight, reverse, line.position());
    }
}
