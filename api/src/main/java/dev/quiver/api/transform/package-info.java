/** Feature transforms: configured by a factory, fitted on training rows, then applied to any batch. */
package dev.quiver.api.transform;
