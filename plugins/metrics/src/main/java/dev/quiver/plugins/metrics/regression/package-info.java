/** The regression metrics (mse, rmse, mae, r2, ...), stateless. */
package dev.quiver.plugins.metrics.regression;
