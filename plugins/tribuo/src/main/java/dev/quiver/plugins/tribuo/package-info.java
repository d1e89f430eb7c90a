/**
 * The {@code tribuo} model: every Tribuo 4.3.2 trainer, one line of YAML away. {@link
 * dev.quiver.plugins.tribuo.TribuoModelFactory} builds trainers through OLCUT, {@link
 * dev.quiver.plugins.tribuo.TribuoCatalog} lists short names and trainer options for {@code quiver plugins}, and
 * {@link dev.quiver.plugins.tribuo.TribuoExtension} lets other jars (XGBoost) add short names.
 */
package dev.quiver.plugins.tribuo;
