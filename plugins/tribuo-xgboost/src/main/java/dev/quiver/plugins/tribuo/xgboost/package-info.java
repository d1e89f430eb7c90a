/**
 * XGBoost for the {@code tribuo} model, contributed as a {@link dev.quiver.plugins.tribuo.TribuoExtension}: on
 * the classpath, {@code trainer: xgboost} works; off it, the core stays free of XGBoost's 5.6 MiB of jars.
 */
package dev.quiver.plugins.tribuo.xgboost;
