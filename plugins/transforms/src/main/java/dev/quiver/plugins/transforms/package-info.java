/**
 * Feature transforms for Quiver pipelines ({@code transforms: [{type: NAME, ...}]}): {@code standardize},
 * {@code min-max}, {@code one-hot}, {@code impute}, {@code select} and {@code drop}.
 *
 * <p>Each factory here is the public face of one transform; the configured and fitted forms live in
 * {@code internal}. Every transform works on features only (never the target), passes every other column
 * through by moving its vectors, and saves exactly what it learned, so a reloaded transform gives bit-identical
 * output. Numeric transforms follow scikit-learn's definitions and are tested against its output.
 */
package dev.quiver.plugins.transforms;
