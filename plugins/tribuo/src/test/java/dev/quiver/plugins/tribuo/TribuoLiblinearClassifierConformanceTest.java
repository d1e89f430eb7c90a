package dev.quiver.plugins.tribuo;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.ClassifierConformance;

/** The shared classifier contract for Tribuo's liblinear classification trainer through the adapter, on iris. */
class TribuoLiblinearClassifierConformanceTest extends ClassifierConformance {

    @Override
    protected ModelFactory factory() {
        return new TribuoModelFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("trainer", "liblinear");
    }

    /** Tribuo's trainer gives no class probabilities ({@code generatesProbabilities()} is false). */
    @Override
    protected boolean givesProbabilities() {
        return false;
    }
}
