/**
 * Why a fitted pipeline predicts what it does: permutation feature importance ({@link
 * dev.quiver.runtime.explain.PermutationImportance}), coefficients by feature name ({@link
 * dev.quiver.runtime.explain.Coefficients}) and partial dependence ({@link dev.quiver.runtime.explain.PartialDependence}).
 */
package dev.quiver.runtime.explain;
