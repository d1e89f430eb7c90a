package dev.quiver.runtime.plan.internal;

import dev.quiver.api.Location;
import dev.quiver.runtime.config.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The {@code tune:} search space as {@link TuneSection} read it, and the two ways trials are drawn from it: every
 * combination (grid) or seeded random draws. Stateless; any thread.
 */
final class SearchSpace {

    private SearchSpace() {}

    /** One dimension of the space: a dotted key path and how its values are drawn. */
    record Param(String path, Location at, Distribution distribution) {}

    sealed interface Distribution {}

    record Uniform(double low, double high, boolean log) implements Distribution {}

    record IntUniform(long low, long high) implements Distribution {}

    record Choice(List<ConfigNode> values) implements Distribution {}

    /** Every combination of the choice lists, the last key varying fastest. */
    static List<Map<String, ConfigNode>> grid(List<Param> space) {
        List<Map<String, ConfigNode>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Param p : space) {
            List<Map<String, ConfigNode>> next = new ArrayList<>();
            for (Map<String, ConfigNode> partial : out) {
                for (ConfigNode value : ((Choice) p.distribution()).values()) {
                    Map<String, ConfigNode> draw = new LinkedHashMap<>(partial);
                    draw.put(p.path(), value);
                    next.add(draw);
                }
            }
            out = next;
        }
        return out;
    }

    /** {@code trials} draws, each key in the order written; one generator, so the sequence is the seed's. */
    static List<Map<String, ConfigNode>> random(List<Param> space, int trials, Random random) {
        List<Map<String, ConfigNode>> out = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            Map<String, ConfigNode> draw = new LinkedHashMap<>();
            for (Param p : space) {
                draw.put(p.path(), sample(p, random));
            }
            out.add(draw);
        }
        return out;
    }

    static ConfigNode sample(Param p, Random random) {
        Distribution d = p.distribution();
        if (d instanceof Choice c) {
            return c.values().get(random.nextInt(c.values().size()));
        }
        if (d instanceof IntUniform u) {
            long value = u.low() + random.nextInt(Math.toIntExact(u.high() - u.low() + 1));
            // as YAML reads it: an Integer when it fits
            Object number = value == (int) value ? (Object) Integer.valueOf((int) value) : Long.valueOf(value);
            return new ConfigNode.Scalar(number, p.at());
        }
        Uniform u = (Uniform) d;
        double value = u.log()
                ? Math.exp(Math.log(u.low()) + random.nextDouble() * (Math.log(u.high()) - Math.log(u.low())))
                : u.low() + random.nextDouble() * (u.high() - u.low());
        return new ConfigNode.Scalar(value, p.at());
    }
}
