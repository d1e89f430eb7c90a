/** Evaluation metrics, named in a pipeline's {@code evaluate:} list. */
package dev.quiver.api.metric;
