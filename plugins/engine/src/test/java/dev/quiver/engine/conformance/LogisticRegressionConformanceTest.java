package dev.quiver.engine.conformance;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.engine.models.LogisticRegressionFactory;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.SimpleCsv;
import dev.quiver.testing.TableData;
import dev.quiver.testing.conformance.ClassifierConformance;

/** The shared classifier contract on the binary part of iris (setosa and versicolor, its first 100 rows). */
class LogisticRegressionConformanceTest extends ClassifierConformance {

    @Override
    protected ModelFactory factory() {
        return new LogisticRegressionFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of();
    }

    @Override
    protected TableData table() {
        return SimpleCsv.read(Datasets.path(Datasets.IRIS)).head(100).withBatchSize(32);
    }
}
