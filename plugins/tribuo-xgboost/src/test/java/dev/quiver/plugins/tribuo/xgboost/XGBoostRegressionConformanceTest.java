package dev.quiver.plugins.tribuo.xgboost;

import dev.quiver.api.model.ModelFactory;
import dev.quiver.plugins.tribuo.TribuoModelFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.conformance.RegressorConformance;

/** The shared regressor contract for {@code trainer: xgboost} on a regression target. */
class XGBoostRegressionConformanceTest extends RegressorConformance {

    @Override
    protected ModelFactory factory() {
        return new TribuoModelFactory();
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("trainer", "xgboost");
    }
}
