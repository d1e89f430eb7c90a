/**
 * Models: a factory makes a {@link dev.quiver.api.model.Trainer} from configuration; training yields an
 * immutable, thread-safe {@link dev.quiver.api.model.Model} that predicts on Arrow batches and saves itself.
 */
package dev.quiver.api.model;
