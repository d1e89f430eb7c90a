package dev.quiver.runtime.report;

/**
 * The points of a ROC or precision-recall curve, in scikit-learn's order, with the score threshold at each point
 * and the area the report quotes in the legend. Arrays are owned by the record and never changed.
 *
 * @param x false-positive rate (ROC) or recall (PR)
 * @param y true-positive rate (ROC) or precision (PR)
 * @param thresholds the score at or above which a row counts as positive, one per point except the last PR
 *     point, as sklearn; the first ROC threshold is +infinity (nothing predicted positive)
 * @param area ROC AUC (trapezoids) or average precision (steps, no interpolation)
 */
record Curve(double[] x, double[] y, double[] thresholds, double area) {

    int size() {
        return x.length;
    }
}
